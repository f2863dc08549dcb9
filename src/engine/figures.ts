/** The twelve figures of the rating (PRODUCT.md §2), in the order the sheet shows them. */

export const FIGURES = [
  'totalLeads', // 1 Всего заявок — portfolio
  'inWork', // 2 Сделок в работе — stock
  'newLeads', // 3 Новых заявок — flow
  'meetingsScheduled', // 4 Встреча назначена — flow
  'meetingsHeld', // 5 Встреч проведено — flow
  'contractsSigned', // 6 Договор подписан — flow
  'advancesPaid', // 7 Аванс внесен — flow
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

export const STOCK_FIGURES = ['inWork', 'overdueTasks', 'leadsWithoutTasks'] as const;
export type StockFigure = (typeof STOCK_FIGURES)[number];

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

export type Figures = Record<Figure, number | null>;

export function emptyFigures(): Figures {
  return Object.fromEntries(FIGURES.map((f) => [f, 0])) as Figures;
}
