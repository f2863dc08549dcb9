/**
 * The engine over one account: the ledger is built once, then any period's rating, snapshot or
 * bottom watch is a slice of it. Pure TypeScript: data in, rating out.
 */
import type { AccountData } from '../shapes/account-data';
import { bottomStreaks } from './bottom-watch';
import { Calendar, type UtcOffset } from './calendar';
import type { EngineSettings } from './engine-settings';
import { buildLedger, type Ledger } from './ledger';
import { currentPeriod, lastClosedPeriod, type Period, type PeriodKind } from './periods';
import { computeRating, type Rating, type RatingInput } from './rating';
import { snapshotForDay, type DailySnapshot } from './snapshots';

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
    readonly data: AccountData,
    readonly settings: EngineSettings,
    opts: EngineOptions,
  ) {
    const tz = data.account._embedded?.datetime_settings?.timezone || opts.fallbackTimeZone;
    this.calendar = new Calendar(tz, opts.utcOffset(tz));
    this.ledger = buildLedger(data, settings);
  }

  input(now: number, snapshots: readonly DailySnapshot[]): RatingInput {
    return {
      ledger: this.ledger,
      users: this.data.users,
      settings: this.settings,
      calendar: this.calendar,
      snapshots: [...snapshots],
      now,
    };
  }

  period(kind: PeriodKind, now: number, final = false): Period {
    if (final && kind !== 'week') return lastClosedPeriod(this.calendar, kind, now);
    return currentPeriod(this.calendar, kind, now);
  }

  rating(period: Period, now: number, snapshots: readonly DailySnapshot[] = []): Rating {
    return computeRating(this.input(now, snapshots), period);
  }

  /** consecutive weeks in the bottom N, per user id (sales head only) */
  bottomWatch(week: Period, now: number): Map<number, number> {
    return bottomStreaks(this.input(now, []), week);
  }

  /** the snapshot of a local day ('YYYY-MM-DD') that has ended: its stocks at its end */
  snapshot(day: string): DailySnapshot[] {
    return snapshotForDay(this.ledger, this.settings, this.calendar, day);
  }
}
