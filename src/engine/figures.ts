/** The twelve figures of the rating (docs/rules.md §2.6), in the order the sheet shows them. */

export const FIGURES = [
  'totalLeads', // 1 Всего сделок — portfolio
  'inWork', // 2 Сделок в работе — stock
  'newLeads', // 3 Новых сделок — flow
  'meetingsScheduled', // 4 Встреча назначена — flow
  'meetingsHeld', // 5 Встреч проведено — flow
  'contractsSigned', // 6 Договор подписан — flow
  'advancesPaid', // 7 Аванс внесён — flow
  'won', // 8 Успешно закрыто — flow
  'lost', // 9 Закрыто в отказ — flow
  'totalTasks', // 10 Всего задач — stock (open at the end) + flow (completed in the period)
  'overdueTasks', // 11 Просроченных задач — stock
  'leadsWithoutTasks', // 12 Сделок без задач — stock
] as const;

export type Figure = (typeof FIGURES)[number];

export const FLOW_FIGURES = [
  'newLeads',
  'meetingsScheduled',
  'meetingsHeld',
  'contractsSigned',
  'advancesPaid',
  'won',
  'lost',
] as const;
export type FlowFigure = (typeof FLOW_FIGURES)[number];

/** Figures that depend on the state at the period's end: unknown (null) for a closed period without a snapshot. */
export const STOCK_FIGURES = ['inWork', 'totalTasks', 'overdueTasks', 'leadsWithoutTasks'] as const;
export type StockFigure = (typeof STOCK_FIGURES)[number];

/** Figures counted from the history (flows and the portfolio): always known. */
export type CountFigure = Exclude<Figure, StockFigure>;

export type Figures = Record<CountFigure, number> & Record<StockFigure, number | null>;

/** Flows that earn points (docs/rules.md §3.1); a lost deal earns none. */
export type ScoredFigure = Exclude<FlowFigure, 'lost'>;
export const SCORED_FIGURES: readonly ScoredFigure[] = FLOW_FIGURES.filter(
  (f): f is ScoredFigure => f !== 'lost',
);

/** Rating stages reached by moving a lead, in funnel order (for the skipped-stages option). */
export type StageFigure = Exclude<ScoredFigure, 'newLeads'>;
export const STAGE_FIGURES: readonly StageFigure[] = SCORED_FIGURES.filter(
  (f): f is StageFigure => f !== 'newLeads',
);

/** Stages mapped to (pipeline, status) pairs in the settings; won and lost are 142/143 everywhere. */
export type MappedStage = Exclude<StageFigure, 'won'>;
export const MAPPED_STAGES: readonly MappedStage[] = STAGE_FIGURES.filter(
  (f): f is MappedStage => f !== 'won',
);

export function isStockFigure(f: Figure): f is StockFigure {
  return (STOCK_FIGURES as readonly string[]).includes(f);
}

export function isScoredFigure(f: FlowFigure): f is ScoredFigure {
  return f !== 'lost';
}

/** A record with one value per key, e.g. per figure. */
export function perKey<K extends string, V>(
  keys: readonly K[],
  value: (key: K) => V,
): Record<K, V> {
  const out: Partial<Record<K, V>> = {};
  for (const k of keys) out[k] = value(k);
  return out as Record<K, V>;
}

export function emptyFigures(): Figures {
  return perKey(FIGURES, () => 0);
}
