/**
 * The engine over one account: it reads the account's activity as `RatingFacts` (rating-facts.ts)
 * and computes any period's rating, snapshot or bottom watch from them. Built from the account's
 * data, it makes the ledger once and reads it through `ledgerFacts`; built from facts, it never
 * sees a record (the BigQuery store hands over facts computed by GoogleSQL). Pure TypeScript:
 * data in, rating out.
 */
import type { AccountData } from '../shapes/account-data';
import type { AmoAccount, AmoPipeline, AmoUser } from '../shapes/amocrm';
import { bottomStreaks } from './bottom-watch';
import { Calendar, type UtcOffset } from './calendar';
import type { EngineSettings } from './engine-settings';
import { buildLedger } from './ledger';
import { ledgerFacts } from './ledger-facts';
import { currentPeriod, lastClosedPeriod, type Period, type PeriodKind } from './periods';
import { computeRating, type Rating, type RatingInput } from './rating';
import type { RatingFacts } from './rating-facts';
import { snapshotForDay, type DailySnapshot } from './snapshots';

export interface EngineOptions {
  /** minutes east of UTC for an instant in the account's zone */
  utcOffset: (timeZone: string) => UtcOffset;
  /** the spreadsheet's zone, used when the account has none */
  fallbackTimeZone: string;
}

/** What the engine needs of an account besides its activity: the zone, the users, the groups. */
export interface AccountMeta {
  account: AmoAccount;
  users: AmoUser[];
  pipelines: AmoPipeline[];
}

/** Facts as they are, or made once the engine knows the account's calendar (local days). */
export type FactsSource = RatingFacts | ((calendar: Calendar) => RatingFacts);

function calendarOf(meta: AccountMeta, opts: EngineOptions): Calendar {
  const tz = meta.account._embedded?.datetime_settings?.timezone || opts.fallbackTimeZone;
  return new Calendar(tz, opts.utcOffset(tz));
}

export class RatingEngine {
  readonly calendar: Calendar;
  readonly facts: RatingFacts;
  readonly data: AccountMeta;

  /** From the account's records: the ledger in the heap (the spreadsheet store). */
  constructor(data: AccountData, settings: EngineSettings, opts: EngineOptions);
  /** From facts (see `RatingEngine.fromFacts`). */
  constructor(data: AccountMeta, settings: EngineSettings, opts: EngineOptions, facts: FactsSource);
  constructor(
    data: AccountData | AccountMeta,
    readonly settings: EngineSettings,
    opts: EngineOptions,
    facts?: FactsSource,
  ) {
    this.data = data;
    this.calendar = calendarOf(data, opts);
    if (facts) this.facts = typeof facts === 'function' ? facts(this.calendar) : facts;
    else if ('events' in data)
      this.facts = ledgerFacts(buildLedger(data, settings), settings, this.calendar);
    else throw new TypeError('RatingEngine: neither the account data nor its facts');
  }

  /** The engine over facts computed elsewhere, with the account's users, pipelines and zone. */
  static fromFacts(
    meta: AccountMeta,
    facts: FactsSource,
    settings: EngineSettings,
    opts: EngineOptions,
  ): RatingEngine {
    return new RatingEngine(meta, settings, opts, facts);
  }

  input(now: number, snapshots: readonly DailySnapshot[]): RatingInput {
    return {
      facts: this.facts,
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

  /** `explain` false: points, figures and places without the items behind them */
  rating(
    period: Period,
    now: number,
    snapshots: readonly DailySnapshot[] = [],
    explain = true,
  ): Rating {
    return computeRating(this.input(now, snapshots), period, explain);
  }

  /** consecutive weeks in the bottom N, per user id (sales head only) */
  bottomWatch(week: Period, now: number): Map<number, number> {
    return bottomStreaks(this.input(now, []), week);
  }

  /** the snapshot of a local day ('YYYY-MM-DD') that has ended: its stocks at its end */
  snapshot(day: string): DailySnapshot[] {
    return snapshotForDay(this.facts, this.calendar, day);
  }
}
