/**
 * What the rating reads about an account's activity, as facts small enough for any account:
 * the credits and completed tasks counted per local day and manager, each period's portfolio,
 * the stocks at an instant, and the items behind the figures (deals and tasks) for the sheets
 * that list them. Two sources give the same facts from the same records: the ledger in the heap
 * (the spreadsheet store, ledger-facts.ts) and GoogleSQL over the BigQuery store
 * (src/bigquery/rating-queries.ts), so an account of a million deals is never read into Apps
 * Script's heap. Every rule of docs/rules.md §2–§3 that needs a deal's history is applied by the
 * source; what the engine does with the facts (points, plans, places, pace) is the same for both.
 *
 * Instants are UTC ms. Periods are bounded by local midnights of the engine's Calendar, so a
 * period's flows are the sum of its days.
 */
import type { FlowFigure } from './figures';

/** Tasks completed in a day: not a figure of their own, they add to «Всего задач» of a period. */
export const COMPLETED_TASKS = 'completedTasks';
export type DayFigure = FlowFigure | typeof COMPLETED_TASKS;

/**
 * The credits of one manager on one local day (docs/rules.md §2.4–§2.6): each flow figure as the
 * ledger credits it (first reach per stage, skipped stages when the setting says so, the
 * manager responsible at the moment, the selected pipelines only, meetings held from tasks when
 * the setting says so), and the tasks completed that day by their responsible user.
 */
export interface DayCount {
  /** local day, 'YYYY-MM-DD' */
  day: string;
  userId: number;
  figure: DayFigure;
  count: number;
}

/** [start, end): UTC ms of two local midnights */
export interface Span {
  start: number;
  end: number;
}

/** Ids with the count they are a part of: `total` > ids.length when the source listed only some. */
export interface IdList {
  ids: number[];
  total: number;
}

/** One item behind a flow figure or a completed task, for «Разбор» and the card. */
export interface FlowItem {
  userId: number;
  figure: DayFigure;
  at: number;
  leadId?: number;
  taskId?: number;
  /** earned by jumping over the stage (countSkippedStages) */
  skipped?: boolean;
}

export interface FlowItems {
  /** in time order, ties by lead or task id, then figure */
  items: FlowItem[];
  /** per user and figure, how many items the source left out of `items` (a capped source) */
  omitted: Array<{ userId: number; figure: DayFigure; count: number }>;
}

/** The stocks of one manager (docs/rules.md §2.6.2) with the items behind them. */
export interface StockFacts {
  inWork: IdList;
  openTasks: IdList;
  overdueTasks: IdList;
  leadsWithoutTasks: IdList;
}

export interface RatingFacts {
  /**
   * Per local day and manager, from `fromDay` to `toDay` inclusive ('YYYY-MM-DD'), in day order
   * then user id then figure (FLOW_FIGURES order, completedTasks last); zero counts left out.
   */
  dayCounts(fromDay: string, toDay: string): DayCount[];
  /**
   * The items behind the flows of [start, end): at most `cap` per user and figure (the
   * earliest), the rest counted in `omitted` — the same from every store, so «Разбор» is too.
   */
  flowItems(span: Span, cap: number): FlowItems;
  /**
   * «Всего сделок» of [start, end) per manager (docs/rules.md §2.6.1): the deals of the selected
   * pipelines open at some moment of the period, each in the portfolio of the manager who closed
   * it in the period (the last close), else of the one responsible at the period's end.
   * `cap` bounds the ids listed per manager (the count is always whole).
   */
  portfolio(span: Span, cap: number): Map<number, IdList>;
  /**
   * The stocks per manager: 'current' is the state the data shows now (deadlines judged at
   * `now`); a number is an instant in the past, the state rebuilt as it stood then (snapshots.ts
   * stocksAt). `cap` bounds the ids listed per manager and stock.
   */
  stocks(at: 'current' | number, now: number, cap: number): Map<number, StockFacts>;
}

/** What the sheets print beside the items listed: a deal's name, a task's deal and deadline. */
export interface ItemDetails {
  leadName(id: number): string | undefined;
  /** the deal a task is on; undefined for a task on anything else or unknown */
  taskLead(id: number): number | undefined;
  /** the task's deadline, UTC ms */
  taskDue(id: number): number | undefined;
  /**
   * A source that asks a service for the details (BigQuery) asks now for those of every item
   * handed out so far, so that a failure comes before the first sheet is written, not halfway.
   */
  settle?(): void;
}
