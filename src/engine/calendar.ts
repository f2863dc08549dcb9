/**
 * Local calendar days in the account's time zone. Whether Apps Script's V8 carries full
 * time-zone data is not documented, so the zone's UTC offset comes from an injected function:
 * in Apps Script `Utilities.formatDate(d, tz, 'Z')`, in Node `Intl`.
 */

/** minutes east of UTC at the given instant */
export type UtcOffset = (utcMs: number) => number;

export interface LocalDate {
  y: number;
  m: number; // 1-12
  d: number;
}

const DAY = 86400000;

export class Calendar {
  constructor(
    readonly timeZone: string,
    private readonly offset: UtcOffset,
  ) {}

  localDate(ms: number): LocalDate {
    const local = new Date(ms + this.offset(ms) * 60000);
    return { y: local.getUTCFullYear(), m: local.getUTCMonth() + 1, d: local.getUTCDate() };
  }

  /** The instant a local day starts (00:00 local; for a DST gap, the first existing instant). */
  startOf(date: LocalDate): number {
    const naive = Date.UTC(date.y, date.m - 1, date.d);
    let t = naive - this.offset(naive) * 60000;
    // the offset at the guessed instant may differ (DST change near midnight): settle it
    t = naive - this.offset(t) * 60000;
    const back = this.localDate(t);
    if (back.d !== date.d) {
      // midnight does not exist locally: the day starts when the clocks jump
      t = naive - this.offset(t + DAY / 2) * 60000;
    }
    return t;
  }

  startOfDay(ms: number): number {
    return this.startOf(this.localDate(ms));
  }

  addDays(date: LocalDate, n: number): LocalDate {
    const x = new Date(Date.UTC(date.y, date.m - 1, date.d + n));
    return { y: x.getUTCFullYear(), m: x.getUTCMonth() + 1, d: x.getUTCDate() };
  }

  static key(date: LocalDate): string {
    return `${date.y}-${String(date.m).padStart(2, '0')}-${String(date.d).padStart(2, '0')}`;
  }

  /** 'YYYY-MM-DD' or 'YYYY-MM' (the 1st) → a local date */
  static parse(key: string): LocalDate {
    const [y = NaN, m = NaN, d = 1] = key.split('-').map(Number);
    return { y, m, d };
  }

  /** Whether 'YYYY-MM-DD' names a day that exists (no 2026-02-30, no 2026-13-45). */
  static isValidDay(key: string): boolean {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(key)) return false;
    const { y, m, d } = Calendar.parse(key);
    return m >= 1 && m <= 12 && d >= 1 && d <= Calendar.daysInMonth(y, m);
  }

  static daysInMonth(y: number, m: number): number {
    return new Date(Date.UTC(y, m, 0)).getUTCDate();
  }

  dayKey(ms: number): string {
    return Calendar.key(this.localDate(ms));
  }
}

/**
 * Wraps a raw offset lookup with a cache per quarter-hour: offsets change on whole quarter-hours
 * at most, and a rating asks for the same few thousand instants many times.
 */
export function cachedOffset(raw: (slotStartMs: number) => number): UtcOffset {
  const cache = new Map<number, number>();
  return (ms: number) => {
    const slot = Math.floor(ms / 900000);
    const hit = cache.get(slot);
    if (hit !== undefined) return hit;
    const off = raw(slot * 900000);
    if (cache.size > 100000) cache.clear();
    cache.set(slot, off);
    return off;
  };
}

/** Node/Intl implementation of the offset (for tests, the CLI and benchmarks). */
export function intlOffset(timeZone: string): UtcOffset {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return cachedOffset((slotStart) => {
    const p: Record<string, number> = {};
    for (const part of fmt.formatToParts(new Date(slotStart)))
      if (part.type !== 'literal') p[part.type] = Number(part.value);
    const n = (k: string) => p[k] ?? 0;
    const asUtc = Date.UTC(
      n('year'),
      n('month') - 1,
      n('day'),
      n('hour'),
      n('minute'),
      n('second'),
    );
    return Math.round((asUtc - slotStart) / 60000);
  });
}
