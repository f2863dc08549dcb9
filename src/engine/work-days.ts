/**
 * Whose day is a working day (docs/rules.md §3.2.9–§3.2.10): the account's working calendar, less
 * each manager's absences and the days before a ramp's start, with the ramp's percent on the
 * days of each month of tenure. What plans, pace and the bottom watch count instead of calendar
 * days. Pure.
 */
import type { Absence, EngineSettings, Ramp } from './engine-settings';
import { nextDay, WorkCalendar } from './work-calendar';

export class Staffing {
  private readonly absent = new Map<number, Absence[]>();
  private readonly ramp = new Map<number, Ramp>();
  private readonly monthDays = new Map<string, number>();

  constructor(
    readonly work: WorkCalendar,
    absences: readonly Absence[] = [],
    ramps: readonly Ramp[] = [],
  ) {
    for (const a of absences) {
      // an inverted range is refused when saved; one that slipped in marks no day
      if (a.to < a.from) continue;
      const list = this.absent.get(a.userId) ?? [];
      list.push(a);
      this.absent.set(a.userId, list);
    }
    for (const r of ramps) this.ramp.set(r.userId, r);
  }

  /** Working days of the account's calendar in a month 'YYYY-MM'. */
  workingDaysInMonth(month: string): number {
    let n = this.monthDays.get(month);
    if (n === undefined) {
      n = this.work.workingDaysBetween(`${month}-01`, `${month}-31`);
      this.monthDays.set(month, n);
    }
    return n;
  }

  absenceOn(userId: number, day: string): Absence | null {
    for (const a of this.absent.get(userId) ?? []) if (a.from <= day && day <= a.to) return a;
    return null;
  }

  absencesOf(userId: number): readonly Absence[] {
    return this.absent.get(userId) ?? [];
  }

  rampOf(userId: number): Ramp | null {
    return this.ramp.get(userId) ?? null;
  }

  /**
   * The share of the plan a manager owes on a day, 0…1: 0 before the ramp's start, then the
   * percent of the month of tenure the day falls in (1 after the ramp's last month, or without
   * a ramp). A month of tenure runs from the start's day of month to the day before it.
   */
  rampShare(userId: number, day: string): number {
    const r = this.ramp.get(userId);
    if (!r) return 1;
    if (day < r.start) return 0;
    const [sy = 0, sm = 0, sd = 0] = r.start.split('-').map(Number);
    const [y = 0, m = 0, d = 0] = day.split('-').map(Number);
    const month = y * 12 + m - (sy * 12 + sm) - (d < sd ? 1 : 0);
    const pct = r.percents[month];
    return pct === undefined ? 1 : Math.max(0, Math.min(100, pct)) / 100;
  }

  /** Whether the manager works that day: a working day, not absent, not before the start. */
  works(userId: number, day: string): boolean {
    if (!this.work.isWorkingDay(day) || this.absenceOn(userId, day)) return false;
    const r = this.ramp.get(userId);
    return !r || day >= r.start;
  }

  /** The manager's working days from `first` to `last`, both included. */
  workedDays(userId: number, first: string, last: string): number {
    let n = 0;
    for (let d = first; d <= last; d = nextDay(d)) if (this.works(userId, d)) n++;
    return n;
  }

  /**
   * The part of its month's plan a manager's day carries: 1 ÷ the month's working days, times
   * the ramp's share; 0 on a day not worked (and in a month the calendar leaves without a
   * working day, which has nothing to divide by).
   */
  dayWeight(userId: number, day: string): number {
    if (!this.works(userId, day)) return 0;
    const days = this.workingDaysInMonth(day.slice(0, 7));
    return days > 0 ? this.rampShare(userId, day) / days : 0;
  }
}

/** The account's staffing from the settings (calendar edits, absences, ramps). */
export function staffingOf(
  settings: Pick<EngineSettings, 'calendarDays' | 'absences' | 'ramps'>,
): Staffing {
  return new Staffing(
    new WorkCalendar(settings.calendarDays ?? []),
    settings.absences ?? [],
    settings.ramps ?? [],
  );
}
