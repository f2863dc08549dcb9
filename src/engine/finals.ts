/**
 * Frozen finals (docs/rules.md §4.4, §3.4.5): once a closed period's final (a week, a month, a
 * quarter) is published, its rows are kept, and every later refresh shows the kept final instead
 * of recounting it — so pruning the history window, a deal trashed later or a changed setting
 * never changes a published final. A change of place is taken from the previous period's kept
 * final; without one (the product was installed since) it stays the recount's.
 */
import type { RatingSet } from './compute-ratings';
import type { Period, PeriodKind } from './periods';
import { previousPeriod } from './periods';
import type { Calendar } from './calendar';
import type { Rating, RatingRow } from './rating';

/** A published final without its explanations (Разбор keeps reading the current data). */
export type FrozenFinal = Omit<Rating, 'explain'> & {
  /** when it was first published, ms */
  frozenAt: number;
};

/** kept finals by `finalKey` */
export type FinalsBook = ReadonlyMap<string, FrozenFinal>;

/** 'week:2026-03-09…2026-03-15', 'month:2026-03', 'quarter:2026-Q1' */
export function finalKey(p: Pick<Period, 'kind' | 'label'>): string {
  return `${p.kind}:${p.label}`;
}

export function freeze(r: Rating, at: number): FrozenFinal {
  const { explain: _explain, ...rest } = r;
  return { ...rest, frozenAt: at };
}

/**
 * The kept final shown as a rating; the explanations come from the recount beside it, and so do
 * the names: a final keeps its numbers, while a name is how amoCRM calls the user today (a user
 * renamed, or one amoCRM sent without a name on the day the final was published).
 */
function thaw(f: FrozenFinal, recount: Rating): Rating {
  const { frozenAt: _at, ...rest } = f;
  const names = new Map<number, string>();
  for (const r of [...recount.rows, ...recount.outside]) names.set(r.userId, r.name);
  const named = <T extends { userId: number; name: string }>(r: T): T => ({
    ...r,
    name: names.get(r.userId) ?? r.name,
  });
  return {
    ...rest,
    rows: rest.rows.map(named),
    outside: rest.outside.map(named),
    explain: recount.explain,
  };
}

/** The rows' change of place measured against the previous period's kept final. */
function rebased(r: Rating, previous: FrozenFinal | undefined): Rating {
  if (!previous) return r;
  const placeOf = new Map(previous.rows.map((x) => [x.userId, x.place]));
  const rows: RatingRow[] = r.rows.map((x) => {
    const prev = placeOf.get(x.userId) ?? null;
    return { ...x, previousPlace: prev, change: prev === null ? null : prev - x.place };
  });
  return { ...r, rows };
}

export interface WithFinals {
  ratings: RatingSet;
  /** finals published for the first time by this refresh: to keep once it is published */
  fresh: FrozenFinal[];
}

/**
 * The refresh's ratings with the kept finals in place: a closed period already kept is shown as
 * kept; a closed period shown for the first time has its change of place rebased and becomes
 * `fresh`; the running month and quarter have theirs rebased.
 */
export function withFinals(set: RatingSet, book: FinalsBook, cal: Calendar): WithFinals {
  const fresh: FrozenFinal[] = [];
  const previousOf = (p: Period) => book.get(finalKey(previousPeriod(cal, p)));
  const closed = (r: Rating): Rating => {
    const kept = book.get(finalKey(r.period));
    if (kept) return thaw(kept, r);
    const out = rebased(r, previousOf(r.period));
    fresh.push(freeze(out, set.now));
    return out;
  };
  const week = closed(set.week);
  const previousMonth = set.previousMonth ? closed(set.previousMonth) : null;
  const lastQuarter = closed(set.lastQuarter);
  return {
    ratings: {
      ...set,
      week,
      month: rebased(set.month, previousOf(set.month.period)),
      previousMonth,
      quarter: rebased(set.quarter, previousOf(set.quarter.period)),
      previousQuarter: set.previousQuarter ? lastQuarter : null,
      lastQuarter,
    },
    fresh,
  };
}

/**
 * How long kept finals stay after their period ends, in days: a week is kept daily and only
 * the next week's arrows read it; months and quarters stay a year and more.
 */
export const FINALS_KEPT_DAYS: Record<PeriodKind, number> = { week: 35, month: 400, quarter: 400 };

/** The book with `fresh` added and finals older than FINALS_KEPT_DAYS left out. */
export function nextBook(book: FinalsBook, fresh: readonly FrozenFinal[], now: number): FinalsBook {
  const out = new Map(book);
  for (const f of fresh) if (!out.has(finalKey(f.period))) out.set(finalKey(f.period), f);
  for (const [k, f] of out)
    if (f.period.end < now - FINALS_KEPT_DAYS[f.period.kind] * 86400000) out.delete(k);
  return out;
}
