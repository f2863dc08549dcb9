/**
 * The account's working calendar (docs/rules.md §3.2.9): Russia's production calendar
 * (src/engine/work-calendar-ru.ts) with the head's edits on top. Pure: local days
 * 'YYYY-MM-DD' in, answers out. Outside the published years it falls back to Monday–Friday and
 * says so (`unknownYears`), so the status can warn rather than judge holidays as working days
 * in silence.
 */
import { RU_PRODUCTION_CALENDAR, type PublishedYear } from './work-calendar-ru';

/** The head's edit of one day: `off` true makes it a day off, false a working day. */
export interface CalendarEdit {
  day: string;
  off: boolean;
}

function weekday(day: string): number {
  const [y = 1970, m = 1, d = 1] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** The day after 'YYYY-MM-DD'. */
export function nextDay(day: string): string {
  const [y = 1970, m = 1, d = 1] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

export class WorkCalendar {
  private readonly years = new Map<number, PublishedYear>();
  private readonly off = new Set<string>();
  private readonly worked = new Set<string>();
  private readonly edits = new Map<string, boolean>();

  constructor(
    edits: readonly CalendarEdit[] = [],
    data: readonly PublishedYear[] = RU_PRODUCTION_CALENDAR,
  ) {
    for (const y of data) {
      this.years.set(y.year, y);
      for (const d of y.daysOff) this.off.add(d);
      for (const d of y.workedWeekends) this.worked.add(d);
    }
    // the last edit of a day wins (the settings refuse duplicates; a stray one must not crash)
    for (const e of edits) this.edits.set(e.day, e.off);
  }

  isWorkingDay(day: string): boolean {
    const edited = this.edits.get(day);
    if (edited !== undefined) return !edited;
    if (this.worked.has(day)) return true;
    if (this.off.has(day)) return false;
    const w = weekday(day);
    return w !== 0 && w !== 6;
  }

  /** Working days from `first` to `last`, both included (0 when last is before first). */
  workingDaysBetween(first: string, last: string): number {
    let n = 0;
    for (let d = first; d <= last; d = nextDay(d)) if (this.isWorkingDay(d)) n++;
    return n;
  }

  /** Whether the year's days come from a published, confirmed calendar. */
  knows(year: number): boolean {
    return this.years.get(year)?.confirmed === true;
  }

  /**
   * Years between two days whose calendar is missing or unconfirmed: there weekdays count as
   * working unless the head edited them, and the status says so.
   */
  unknownYears(first: string, last: string): number[] {
    const out: number[] = [];
    for (let y = Number(first.slice(0, 4)); y <= Number(last.slice(0, 4)); y++)
      if (!this.knows(y)) out.push(y);
    return out;
  }
}
