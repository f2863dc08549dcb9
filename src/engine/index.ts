/**
 * The rating engine: pure TypeScript, no Apps Script globals. Data in (amoCRM API v4 objects,
 * settings, snapshots, the moment and the zone's offset), rating out.
 */
import type {
  AmoAccount,
  AmoEvent,
  AmoLead,
  AmoPipeline,
  AmoTask,
  AmoUser,
} from '../amocrm/api-types';
import { bottomStreaks } from './bottom-watch';
import { Calendar, type UtcOffset } from './calendar';
import type { EngineSettings } from './engine-settings';
import { buildLedger, type Ledger } from './ledger';
import { currentPeriod, lastClosedPeriod, type Period, type PeriodKind } from './periods';
import { computeRating, type Rating, type RatingInput } from './rating';
import { snapshotForDay, type DailySnapshot } from './snapshots';

export interface AccountSnapshot {
  account: AmoAccount;
  users: AmoUser[];
  pipelines: AmoPipeline[];
  leads: AmoLead[];
  events: AmoEvent[];
  tasks: AmoTask[];
}

export interface EngineOptions {
  /** minutes east of UTC for an instant in the account's zone */
  utcOffset: (timeZone: string) => UtcOffset;
  /** the spreadsheet's zone, used when the account has none */
  fallbackTimeZone: string;
}

export class RatingEngine {
  readonly calendar: Calendar;
  readonly ledger: Ledger;
  constructor(
    readonly data: AccountSnapshot,
    readonly settings: EngineSettings,
    opts: EngineOptions,
  ) {
    const tz = data.account._embedded?.datetime_settings?.timezone || opts.fallbackTimeZone;
    this.calendar = new Calendar(tz, opts.utcOffset(tz));
    this.ledger = buildLedger(data, settings);
  }

  private input(now: number, snapshots: DailySnapshot[]): RatingInput {
    return {
      ledger: this.ledger,
      users: this.data.users,
      settings: this.settings,
      calendar: this.calendar,
      snapshots,
      now,
    };
  }

  period(kind: PeriodKind, now: number, final = false): Period {
    if (final && kind !== 'week') return lastClosedPeriod(this.calendar, kind, now);
    return currentPeriod(this.calendar, kind, now);
  }

  rating(period: Period, now: number, snapshots: DailySnapshot[] = []): Rating {
    return computeRating(this.input(now, snapshots), period);
  }

  /** consecutive weeks in the bottom N, per user id (sales head only) */
  bottomWatch(week: Period, now: number, snapshots: DailySnapshot[] = []): Map<number, number> {
    return bottomStreaks(this.input(now, snapshots), week);
  }

  /** the snapshot of a local day ('YYYY-MM-DD'), stocks as of `at` */
  snapshot(day: string, at: number): DailySnapshot[] {
    return snapshotForDay(this.ledger, this.settings, this.calendar, day, at);
  }
}

export { Calendar, intlOffset } from './calendar';
export type { UtcOffset } from './calendar';
export { CASE_POINTS, defaultEngineSettings } from './engine-settings';
export type { EngineSettings, MonthPlan, Norms, PointsVersion, StatusRef } from './engine-settings';
export { FIGURES, FLOW_FIGURES, type Figure, type Figures } from './figures';
export {
  currentPeriod,
  daysOf,
  lastClosedPeriod,
  previousPeriod,
  type Period,
  type PeriodKind,
} from './periods';
export type { ExplainItem, Rating, RatingRow, StocksSource } from './rating';
export type { DailySnapshot } from './snapshots';
