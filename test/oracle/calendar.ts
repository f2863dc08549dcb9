/**
 * Local days and periods in the account's time zone (PRODUCT.md §4), from the platform's own
 * zone data (Intl), so days are right across daylight saving.
 */

export interface LocalDate {
  y: number;
  /** 1–12 */
  m: number;
  d: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function format(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(zone, f);
  }
  return f;
}

function parts(ms: number, zone: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of format(zone).formatToParts(new Date(ms)))
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

/** local time minus UTC at the instant `ms` */
function offset(ms: number, zone: string): number {
  const p = parts(Math.floor(ms / 1000) * 1000, zone);
  const local = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day, p.hour, p.minute, p.second);
  return local - Math.floor(ms / 1000) * 1000;
}

export function localDate(ms: number, zone: string): LocalDate {
  const p = parts(ms, zone);
  return { y: p.year ?? 0, m: p.month ?? 1, d: p.day ?? 1 };
}

/** 'YYYY-MM-DD' of the local day holding `ms` */
export function localDay(ms: number, zone: string): string {
  const { y, m, d } = localDate(ms, zone);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** normalises day or month overflow (the 0th, the 13th month) */
export function addDays(date: LocalDate, days: number): LocalDate {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

export function addMonths(date: LocalDate, months: number): LocalDate {
  const t = new Date(Date.UTC(date.y, date.m - 1 + months, date.d));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** the instant the local day starts (where midnight is skipped, the first instant that exists) */
export function midnight(date: LocalDate, zone: string): number {
  const guess = Date.UTC(date.y, date.m - 1, date.d);
  let t = guess - offset(guess, zone);
  t = guess - offset(t, zone);
  // a midnight swallowed by a clock jump: the day starts at the jump
  while (localDay(t, zone) !== localDay(guess, 'UTC')) t += 15 * 60_000;
  return t;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export type Kind = 'week' | 'month' | 'quarter';

export interface Period {
  kind: Kind;
  /** first local day */
  first: LocalDate;
  /** the day after the last local day */
  after: LocalDate;
  start: number;
  /** the end of the whole calendar period (ms) */
  end: number;
}

export function period(kind: Kind, first: LocalDate, zone: string): Period {
  const after =
    kind === 'week' ? addDays(first, 7) : addMonths({ ...first, d: 1 }, kind === 'month' ? 1 : 3);
  return { kind, first, after, start: midnight(first, zone), end: midnight(after, zone) };
}

/** The period of `kind` that holds the instant `ms`; a week is the 7 days before today. */
export function periodAt(kind: Kind, ms: number, zone: string): Period {
  const today = localDate(ms, zone);
  if (kind === 'week') return period('week', addDays(today, -7), zone);
  if (kind === 'month') return period('month', { y: today.y, m: today.m, d: 1 }, zone);
  const m = today.m - ((today.m - 1) % 3);
  return period('quarter', { y: today.y, m, d: 1 }, zone);
}

/** The period of the same kind that ends where `p` starts. */
export function previous(p: Period, zone: string): Period {
  if (p.kind === 'week') return period('week', addDays(p.first, -7), zone);
  return period(p.kind, addMonths(p.first, p.kind === 'month' ? -1 : -3), zone);
}

export function dd(date: LocalDate): string {
  return `${String(date.d).padStart(2, '0')}.${String(date.m).padStart(2, '0')}.${date.y}`;
}
