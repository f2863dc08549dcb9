/**
 * The rating engine's only door: pure TypeScript, no Apps Script globals. Data in (the account in
 * API v4 shapes, settings, snapshots, the moment and the zone's offset), rating out.
 */
export { computeRatings, ratingsOf, FINAL_SHOWN_DAYS, type RatingSet } from './compute-ratings';
export { RatingEngine, type EngineOptions } from './rating-engine';
export { Calendar, cachedOffset, intlOffset } from './calendar';
export type { LocalDate, UtcOffset } from './calendar';
export { CASE_POINTS, defaultEngineSettings } from './engine-settings';
export type { EngineSettings, MonthPlan, Norms, PointsVersion, StatusRef } from './engine-settings';
export {
  FIGURES,
  FLOW_FIGURES,
  MAPPED_STAGES,
  SCORED_FIGURES,
  STAGE_FIGURES,
  STOCK_FIGURES,
  isStockFigure,
  perKey,
  type CountFigure,
  type Figure,
  type Figures,
  type FlowFigure,
  type MappedStage,
  type ScoredFigure,
  type StageFigure,
  type StockFigure,
} from './figures';
export { DIGEST_MIN_WEEKS, longStays } from './bottom-watch';
export { elapsedShare } from './pace';
export {
  currentPeriod,
  daysOf,
  lastClosedPeriod,
  previousPeriod,
  type Period,
  type PeriodKind,
} from './periods';
export type {
  Explain,
  ExplainItem,
  OutsideRow,
  Rating,
  RatingRow,
  StocksSource,
  UserState,
} from './rating';
export type { DailySnapshot } from './snapshots';
export { planFor, type PeriodPlan } from './plans';
export {
  finalKey,
  FINALS_KEPT_DAYS,
  freeze,
  nextBook,
  withFinals,
  type FinalsBook,
  type FrozenFinal,
  type WithFinals,
} from './finals';
export {
  CARD_WEEKS,
  cardModel,
  median,
  trendWeeks,
  type CardAction,
  type CardModel,
  type CardPeriodKind,
  type CardPlace,
  type CardRow,
} from './card';
