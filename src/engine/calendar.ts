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

  static parse(key: string): LocalDate {
    const [y, m, d] = key.split('-').map(Number);
    return { y, m, d: d || 1 };
  }

  static daysInMonth(y: number, m: number): number {
    return new Date(Date.UTC(y, m, 0)).getUTCDate();
  }

  dayKey(ms: number): string {
    return Calendar.key(this.localDate(ms));
  }
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
  const cache = new Map<number, number>();
  return (ms: number) => {
    // offsets change on whole quarter-hours at most once in a while; cache per quarter-hour
    const slot = Math.floor(ms / 900000);
    const hit = cache.get(slot);
    if (hit !== undefined) return hit;
    const p: Record<string, number> = {};
    for (const part of fmt.formatToParts(new Date(slot * 900000)))
      if (part.type !== 'literal') p[part.type] = Number(part.value);
    const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    const off = Math.round((asUtc - slot * 900000) / 60000);
    if (cache.size > 100000) cache.clear();
    cache.set(slot, off);
    return off;
  };
}
