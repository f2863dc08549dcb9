/**
 * Every rating one refresh publishes, computed in one pure call: the week, the month to date (and
 * last month's final on the 1st–7th), the quarter to date (and last quarter's final in its first
 * week), the last closed quarter, and yesterday's snapshot rows for the history. The refresh,
 * the posts and the sidebar's previews all read this one result.
 */
import type { AccountData } from '../shapes/account-data';
import { Calendar } from './calendar';
import type { EngineSettings } from './engine-settings';
import { RatingEngine, type EngineOptions } from './rating-engine';
import { lastClosedPeriod, previousPeriod } from './periods';
import type { Rating } from './rating';
import type { DailySnapshot } from './snapshots';
import type { Motivation } from './motivation';

/** the first days of a month or quarter show the previous one's final beside the running one */
export const FINAL_SHOWN_DAYS = 7;

export interface RatingSet {
  now: number;
  timeZone: string;
  /** today's local date, 'YYYY-MM-DD' */
  today: string;
  /** yesterday's rows for the history (stocks at its end, midnight, rebuilt from today's data), and its day */
  snapshot: { day: string; rows: DailySnapshot[] };
  week: Rating;
  month: Rating;
  previousMonth: Rating | null;
  quarter: Rating;
  previousQuarter: Rating | null;
  /** the last closed quarter: what the hall of fame and the quarter post celebrate */
  lastQuarter: Rating;
  /** movers, streaks, records and teams (added once the finals are in place) */
  motivation?: Motivation;
}

export function computeRatings(
  data: AccountData,
  settings: EngineSettings,
  now: number,
  opts: EngineOptions,
  history: readonly DailySnapshot[] = [],
): RatingSet {
  const engine = new RatingEngine(data, settings, opts);
  return ratingsOf(engine, now, history);
}

/** The same from an engine already built (its ledger is reused). */
export function ratingsOf(
  engine: RatingEngine,
  now: number,
  history: readonly DailySnapshot[],
): RatingSet {
  const cal = engine.calendar;
  const today = cal.localDate(now);
  const yesterday = Calendar.key(cal.addDays(today, -1));
  const known = history.some((h) => h.day === yesterday);
  const rows = known ? [] : engine.snapshot(yesterday);
  const snapshots = history.concat(rows);
  const rating = (p: Parameters<RatingEngine['rating']>[0]): Rating =>
    engine.rating(p, now, snapshots);
  const month = engine.period('month', now);
  const quarter = engine.period('quarter', now);
  const lastQuarter = rating(lastClosedPeriod(cal, 'quarter', now));
  const quarterJustClosed = today.d <= FINAL_SHOWN_DAYS && (today.m - 1) % 3 === 0;
  return {
    now,
    timeZone: cal.timeZone,
    today: Calendar.key(today),
    snapshot: { day: yesterday, rows },
    week: rating(engine.period('week', now)),
    month: rating(month),
    previousMonth: today.d <= FINAL_SHOWN_DAYS ? rating(previousPeriod(cal, month)) : null,
    quarter: rating(quarter),
    previousQuarter: quarterJustClosed ? lastQuarter : null,
    lastQuarter,
  };
}
