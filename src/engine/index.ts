/**
 * The rating engine's only door: pure TypeScript, no Apps Script globals. Data in (the account in
 * API v4 shapes, settings, snapshots, the moment and the zone's offset), rating out.
 */
export { computeRatings, ratingsOf, FINAL_SHOWN_DAYS, type RatingSet } from './compute-ratings';
export {
  RatingEngine,
  type AccountMeta,
  type EngineOptions,
  type FactsSource,
} from './rating-engine';
export {
  COMPLETED_TASKS,
  type DayCount,
  type DayFigure,
  type FlowItem,
  type FlowItems,
  type IdList,
  type ItemDetails,
  type RatingFacts,
  type Span,
  type StockFacts,
} from './rating-facts';
export { ledgerFacts } from './ledger-facts';
export { Calendar, cachedOffset, intlOffset } from './calendar';
export type { LocalDate, UtcOffset } from './calendar';
export { CASE_POINTS, defaultEngineSettings } from './engine-settings';
export type {
  Absence,
  EngineSettings,
  MonthPlan,
  Norms,
  PointsVersion,
  Ramp,
  StatusRef,
} from './engine-settings';
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
export { elapsedShare, ownElapsedShare } from './pace';
export {
  currentPeriod,
  daysOf,
  lastClosedPeriod,
  previousPeriod,
  type Period,
  type PeriodKind,
} from './periods';
export { EXPLAIN_CAP } from './rating';
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
export { planFor, staffingFor, type PeriodPlan } from './plans';
export { WorkCalendar, type CalendarEdit } from './work-calendar';
export { RU_PRODUCTION_CALENDAR, type PublishedYear } from './work-calendar-ru';
export { Staffing, staffingOf } from './work-days';
export { staffingNote, type StaffingNote } from './staffing-note';
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
  forecastOf,
  forecastsOf,
  mondayToFriday,
  workingDaysBetween,
  type Forecast,
  type ForecastRow,
  type WorkingDay,
} from './forecast';
export { todayPoints, type TodayPoints, type TodayRow } from './today';
export { motivationOf, type Motivation, type RatingSlot } from './motivation';
export type { Mover } from './movers';
export { streakMark, roundStreaks, type Streak, type RoundStreak } from './streaks';
export { nextRecord, type DeptRecord, type RecordKind } from './records';
export { groupOf, teamsOf, type Teams, type TeamRow, type TeamsMode } from './teams';
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
