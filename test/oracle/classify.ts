/**
 * Sorts the sheet-versus-recount disagreements by the rule they break: the product's former
 * differences from PRODUCT.md, each a bug the recount once caught (docs/rules.md names the rule). A place, a medal, a row or a total that only
 * follows another difference in the same table is put with that difference. Anything that fits
 * none is "unclassified": a new difference to look into.
 */
import type { Disagreement } from './sheets';

export const CATEGORIES = {
  recredit:
    'Q1 final after the history window moved: first reaches credited again (docs/rules.md §2.2)',
  portfolio:
    'figure 1 credited to the manager at the first open moment, not the closer or the one responsible at the end (docs/rules.md §2.6.1)',
  stocks:
    'stocks of a closed period taken at the refresh, not at local midnight (docs/rules.md §2.7)',
  taskOnly: 'a user with tasks but no deals in the period is ranked (docs/rules.md §3.4.1)',
  rankFallback:
    'ranking by plan % without plans falls back to wins, not points (docs/rules.md §3.4.3)',
  change:
    'change of place recomputed from the store (and its ranking rule), not taken from the previous final (docs/rules.md §3.4.5)',
  finalArrows:
    "a final's change of place is not the one against the previous period's final (docs/rules.md §3.4.5)",
  unclassified: 'unclassified: not one of the known differences',
} as const;
export type Category = keyof typeof CATEGORIES;

const FLOW_COLUMNS = new Set([
  'Баллы',
  'Новых сделок',
  'Встреч назначено',
  'Встреч проведено',
  'Договор подписан',
  'Аванс внесён',
  'Успешно закрыто',
  'Закрыто в отказ',
  'Доля отказов',
]);
const STOCKS = new Set(['В работе', 'Всего задач', 'Просрочено задач', 'Сделок без задач']);
/** cells that follow from other cells of the table */
const DERIVED = new Set(['Место', 'Медаль', 'строка', 'План', 'План %', 'Темп']);

export interface TableFacts {
  /** ranking by plan % was asked for and nobody in the table has a plan */
  rankedByPointsForLackOfPlans: boolean;
}

/** The rule a cell breaks by itself, or null when it only follows other cells. */
function rootOf(d: Disagreement, facts: TableFacts): Category | null {
  const q1Final = d.role === 'final' && d.period.includes('01.01.2026 – 31.03.2026');
  if (d.column === 'Изм.') return d.role === 'final' ? 'finalArrows' : 'change';
  if (d.column === 'строка' && d.sheetRow && d.oracleValue === 'нет') {
    // no portfolio and no flows (figures 1, 3–9): only a stock put the user on the sheet
    const zero = (v: unknown) => v === 0 || v === '';
    const row = d.sheetRow;
    if (zero(row[9]) && row.slice(11, 18).every(zero)) {
      // deals in work at the refresh but not at the period's end; else tasks alone
      if (d.closed && !(zero(row[10]) && zero(row[21]))) return 'stocks';
      return 'taskOnly';
    }
  }
  if ((d.column === 'Место' || d.column === 'Медаль') && facts.rankedByPointsForLackOfPlans)
    return 'rankFallback';
  if (d.manager === 'Итого по отделу' || DERIVED.has(d.column)) return null;
  if (STOCKS.has(d.column) && d.closed) return 'stocks';
  if (d.column === 'Всего сделок') return 'portfolio';
  if (q1Final && FLOW_COLUMNS.has(d.column)) return 'recredit';
  return 'unclassified';
}

export function categorise(
  list: Disagreement[],
  facts: (d: Disagreement) => TableFacts,
): Array<{ d: Disagreement; category: Category; follows: boolean }> {
  const roots = new Map<string, Category[]>();
  const table = (d: Disagreement) => `${d.sheet}|${d.period}`;
  const firstPass = list.map((d) => ({ d, root: rootOf(d, facts(d)) }));
  for (const { d, root } of firstPass)
    if (root) roots.set(table(d), [...(roots.get(table(d)) ?? []), root]);
  return firstPass.map(({ d, root }) => {
    if (root) return { d, category: root, follows: false };
    // arrows never move other cells: a place or a total follows a figure's difference first
    const inTable = [...(roots.get(table(d)) ?? [])].sort(
      (a, b) =>
        Number(a === 'change' || a === 'finalArrows') -
        Number(b === 'change' || b === 'finalArrows'),
    );
    // a total follows the rows of its own column first
    const sameColumn = firstPass.find(
      (o) => o.root && table(o.d) === table(d) && o.d.column === d.column,
    );
    return {
      d,
      category: sameColumn?.root ?? inTable[0] ?? 'unclassified',
      follows: true,
    };
  });
}
