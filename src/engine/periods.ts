/**
 * Rating periods (docs/rules.md §4.1–§4.5), in the account's time zone:
 * - week: the last 7 full days, ending at the start of today;
 * - month / quarter: from the first day to now (running), or the whole closed period (final).
 * `previous` is the period of the same kind that ends where this one starts — what a change of
 * place is measured against.
 */
import { Calendar, type LocalDate } from './calendar';

export type PeriodKind = 'week' | 'month' | 'quarter';

export interface Period {
  kind: PeriodKind;
  final: boolean;
  /** inclusive start, exclusive end, UTC ms (a running period ends now) */
  start: number;
  end: number;
  /** where the whole calendar period ends (for a running one, in the future): plans prorate to it */
  fullEnd: number;
  /** first and last local day covered, 'YYYY-MM-DD' */
  firstDay: string;
  lastDay: string;
  /** '2026-03-09…2026-03-15', '2026-03' or '2026-Q1': the period's key */
  label: string;
}

function monthStart(date: LocalDate): LocalDate {
  return { y: date.y, m: date.m, d: 1 };
}

function quarterStart(date: LocalDate): LocalDate {
  return { y: date.y, m: Math.floor((date.m - 1) / 3) * 3 + 1, d: 1 };
}

function addMonths(date: LocalDate, n: number): LocalDate {
  const idx = date.y * 12 + (date.m - 1) + n;
  return { y: Math.floor(idx / 12), m: (idx % 12) + 1, d: 1 };
}

function make(
  cal: Calendar,
  kind: PeriodKind,
  final: boolean,
  first: LocalDate,
  endExclusiveDay: LocalDate,
  now: number,
): Period {
  const start = cal.startOf(first);
  const fullEnd = cal.startOf(endExclusiveDay);
  const end = final ? fullEnd : Math.min(now, fullEnd);
  const lastDay = cal.localDate(end - 1);
  const label =
    kind === 'week'
      ? `${Calendar.key(first)}…${Calendar.key(lastDay)}`
      : kind === 'month'
        ? `${first.y}-${String(first.m).padStart(2, '0')}`
        : `${first.y}-Q${Math.floor((first.m - 1) / 3) + 1}`;
  return {
    kind,
    final,
    start,
    end,
    fullEnd,
    firstDay: Calendar.key(first),
    lastDay: Calendar.key(lastDay),
    label,
  };
}

/** The running period of a kind at `now` (the week is always made of full days). */
export function currentPeriod(cal: Calendar, kind: PeriodKind, now: number): Period {
  const today = cal.localDate(now);
  if (kind === 'week') return make(cal, 'week', true, cal.addDays(today, -7), today, now);
  const first = kind === 'month' ? monthStart(today) : quarterStart(today);
  return make(cal, kind, false, first, addMonths(first, kind === 'month' ? 1 : 3), now);
}

/** The last closed month or quarter before `now`. */
export function lastClosedPeriod(cal: Calendar, kind: 'month' | 'quarter', now: number): Period {
  const today = cal.localDate(now);
  const thisStart = kind === 'month' ? monthStart(today) : quarterStart(today);
  const first = addMonths(thisStart, kind === 'month' ? -1 : -3);
  return make(cal, kind, true, first, thisStart, now);
}

/** The period of the same kind that ends where `p` starts. */
export function previousPeriod(cal: Calendar, p: Period): Period {
  const first = Calendar.parse(p.firstDay);
  if (p.kind === 'week') return make(cal, 'week', true, cal.addDays(first, -7), first, p.start);
  const prevFirst = addMonths(first, p.kind === 'month' ? -1 : -3);
  return make(cal, p.kind, true, prevFirst, first, p.start);
}

/** Each local day of a period as [start, end) instants (for splitting and snapshots). */
export function daysOf(
  cal: Calendar,
  p: Period,
): Array<{ day: string; start: number; end: number }> {
  const out: Array<{ day: string; start: number; end: number }> = [];
  let d = Calendar.parse(p.firstDay);
  for (;;) {
    const start = cal.startOf(d);
    if (start >= p.end) break;
    const next = cal.addDays(d, 1);
    out.push({ day: Calendar.key(d), start, end: Math.min(cal.startOf(next), p.end) });
    d = next;
  }
  return out;
}

/** Months a period touches with the number of its calendar days in each. */
export function monthDays(cal: Calendar, p: Period): Map<string, number> {
  const out = new Map<string, number>();
  for (const { day } of daysOf(cal, p)) {
    const m = day.slice(0, 7);
    out.set(m, (out.get(m) ?? 0) + 1);
  }
  return out;
}
