/**
 * Sorts the sheet-versus-recount disagreements into the product's known differences from
 * PRODUCT.md (docs/rules.md §9), so a report shows at a glance which rule a cell breaks. Anything
 * that fits none is "unclassified": a new difference to look into.
 */
import type { Disagreement } from './sheets';

export const CATEGORIES = {
  recredit: 'Q1 final after the history window moved: first reaches credited again (§9.1)',
  portfolio: 'figure 1 credited to the manager at the first open moment, not the closer or the one at the end (§9.2)',
  stocks: 'stocks of a closed period taken at the refresh, not at local midnight (§9.4)',
  rankFallback: 'ranking by plan % without plans falls back to wins, not points (§9.10)',
  change: 'change of place recomputed from the store, not taken from the published final (§9.11)',
  finalArrows: 'a final shows change-of-place arrows (PRODUCT.md §4: none in a final; §9.11)',
  follows: 'place or medal following a points or plan % difference in the same table',
  unclassified: 'unclassified: not one of the known differences',
} as const;
export type Category = keyof typeof CATEGORIES;

const FLOW_COLUMNS = new Set([
  'Баллы',
  'План %',
  'Темп',
  'Новых сделок',
  'Встреча назначена',
  'Встреч проведено',
  'Договор подписан',
  'Аванс внесён',
  'Успешно закрыто',
  'Закрыто в отказ',
  'Доля отказов',
]);
const STOCKS = new Set(['В работе', 'Всего задач', 'Просрочено задач', 'Сделок без задач']);

export interface TableFacts {
  /** ranking by plan % was asked for and nobody in the table has a plan */
  rankedByPointsForLackOfPlans: boolean;
}

export function categoryOf(
  d: Disagreement,
  all: Disagreement[],
  facts: (d: Disagreement) => TableFacts,
): Category {
  const q1Final = d.role === 'final' && d.period.includes('01.01.2026 – 31.03.2026');
  if (d.column === 'Изм.') return d.role === 'final' ? 'finalArrows' : 'change';
  if (STOCKS.has(d.column) && d.closed) return 'stocks';
  if (d.column === 'Всего сделок') return 'portfolio';
  if (q1Final && FLOW_COLUMNS.has(d.column)) return 'recredit';
  if (d.column === 'Место' || d.column === 'Медаль' || d.column === 'строка') {
    if (facts(d).rankedByPointsForLackOfPlans) return 'rankFallback';
    const moved = all.some(
      (o) =>
        o.sheet === d.sheet &&
        o.period === d.period &&
        (o.column === 'Баллы' || o.column === 'План %'),
    );
    if (moved) return 'follows';
  }
  // a total over the rows carries its rows' differences
  if (d.manager === 'Итого по отделу') {
    const rows = all.filter(
      (o) => o.sheet === d.sheet && o.period === d.period && o.manager !== d.manager,
    );
    const cats = new Set(rows.map((o) => categoryOf(o, [], facts)));
    if (rows.some((o) => o.column === d.column || FLOW_COLUMNS.has(d.column)) && cats.size)
      return [...cats][0] ?? 'unclassified';
  }
  return 'unclassified';
}
