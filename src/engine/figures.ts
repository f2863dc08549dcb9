/** The twelve figures of the rating (PRODUCT.md §2), in the order the sheet shows them. */

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

/** Flows that earn points (PRODUCT.md §3.1); a lost deal earns none. */
export const SCORED_FIGURES = [
  'newLeads',
  'meetingsScheduled',
  'meetingsHeld',
  'contractsSigned',
  'advancesPaid',
  'won',
] as const;
export type ScoredFigure = (typeof SCORED_FIGURES)[number];

/** Rating stages reached by moving a lead, in funnel order (for the skipped-stages option). */
export const STAGE_FIGURES = [
  'meetingsScheduled',
  'meetingsHeld',
  'contractsSigned',
  'advancesPaid',
  'won',
] as const;
export type StageFigure = (typeof STAGE_FIGURES)[number];

/** Stages mapped to (pipeline, status) pairs in the settings; won and lost are 142/143 everywhere. */
export const MAPPED_STAGES = [
  'meetingsScheduled',
  'meetingsHeld',
  'contractsSigned',
  'advancesPaid',
] as const;
export type MappedStage = (typeof MAPPED_STAGES)[number];

export function isStockFigure(f: Figure): f is StockFigure {
  return (STOCK_FIGURES as readonly string[]).includes(f);
}

export function isScoredFigure(f: FlowFigure): f is ScoredFigure {
  return f !== 'lost';
}

export function emptyFigures(): Figures {
  return {
    totalLeads: 0,
    inWork: 0,
    newLeads: 0,
    meetingsScheduled: 0,
    meetingsHeld: 0,
    contractsSigned: 0,
    advancesPaid: 0,
    won: 0,
    lost: 0,
    totalTasks: 0,
    overdueTasks: 0,
    leadsWithoutTasks: 0,
  };
}
