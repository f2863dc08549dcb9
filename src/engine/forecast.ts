/**
 * Forecast (docs/rules.md §3.3.3): the points a manager will have at the end of a running month
 * or quarter at the pace so far — points ÷ working days elapsed × working days in the period —
 * and that against the period's plan («прогноз 112 %»). The pace is taken over whole days: the
 * points earned before today ÷ the working days before today. Today is not over: counted as a
 * day elapsed, the morning refresh would halve its pace; its points counted against the days
 * before it, a refresh during the day would overstate it. Never below the points already had.
 * Which days are working is a function passed in, so the account's production calendar can
 * replace plain Monday–Friday without touching this.
 */
import { Calendar } from './calendar';
import type { Period } from './periods';
import type { Rating } from './rating';

/** Whether a local day ('YYYY-MM-DD') is a working day. */
export type WorkingDay = (day: string) => boolean;

/** Monday to Friday: the rule until the account's own calendar is given. */
export const mondayToFriday: WorkingDay = (day) => {
  const { y, m, d } = Calendar.parse(day);
  const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return wd !== 0 && wd !== 6;
};

/** Working days from `first` up to, not including, `endExclusive` (both 'YYYY-MM-DD'). */
export function workingDaysBetween(
  first: string,
  endExclusive: string,
  isWorking: WorkingDay = mondayToFriday,
): number {
  let n = 0;
  const end = Calendar.parse(endExclusive);
  const endMs = Date.UTC(end.y, end.m - 1, end.d);
  const f = Calendar.parse(first);
  for (let t = Date.UTC(f.y, f.m - 1, f.d); t < endMs; t += 86400000)
    if (isWorking(new Date(t).toISOString().slice(0, 10))) n++;
  return n;
}

export interface Forecast {
  /** projected points at the period's end */
  points: number;
  /** the projection ÷ the plan; null without a plan */
  planPercent: number | null;
  /** working days elapsed and in the whole period (what the projection rests on) */
  elapsedDays: number;
  totalDays: number;
}

/** The day after a local day, 'YYYY-MM-DD'. */
function nextDay(day: string): string {
  const { y, m, d } = Calendar.parse(day);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/**
 * The forecast of `points` (with `plan`; `pointsToday` of them earned today) in a running period
 * on local day `today`; null for a closed period (its points are final), before a whole working
 * day has passed (nothing to project from), and for a period without working days.
 */
export function forecastOf(
  period: Pick<Period, 'final' | 'firstDay' | 'fullEnd' | 'kind'>,
  lastDayOfPeriod: string,
  today: string,
  points: number,
  plan: number | null,
  isWorking: WorkingDay = mondayToFriday,
  pointsToday = 0,
): Forecast | null {
  if (period.final || period.kind === 'week') return null;
  const totalDays = workingDaysBetween(period.firstDay, nextDay(lastDayOfPeriod), isWorking);
  const elapsedDays = workingDaysBetween(period.firstDay, today, isWorking);
  if (totalDays === 0 || elapsedDays === 0) return null;
  const before = Math.max(0, points - pointsToday);
  const projected = Math.max(points, (before / Math.min(elapsedDays, totalDays)) * totalDays);
  const rounded = Math.round(projected * 10) / 10;
  return {
    points: rounded,
    planPercent: plan !== null && plan > 0 ? rounded / plan : null,
    elapsedDays: Math.min(elapsedDays, totalDays),
    totalDays,
  };
}

export interface ForecastRow {
  userId: number;
  name: string;
  points: number;
  plan: number | null;
  forecast: Forecast;
}

/**
 * The forecast of every ranked manager of a running month or quarter, in the rating's order,
 * and of the team total; empty for a closed period or before the first whole working day.
 */
export function forecastsOf(
  rating: Rating,
  cal: Calendar,
  isWorking: WorkingDay = mondayToFriday,
  /** each manager's points earned today (src/engine/today.ts) */
  today: ReadonlyMap<number, number> = new Map(),
  /** a manager's own working days (absences, a ramp's start); absent: the account's */
  worksFor?: (userId: number) => WorkingDay,
): { rows: ForecastRow[]; total: Forecast | null } {
  const p = rating.period;
  if (p.final || p.kind === 'week') return { rows: [], total: null };
  const day = Calendar.key(cal.localDate(p.end));
  const lastDay = Calendar.key(cal.localDate(p.fullEnd - 1));
  const rows: ForecastRow[] = [];
  for (const r of rating.rows) {
    const own = worksFor ? worksFor(r.userId) : isWorking;
    const f = forecastOf(p, lastDay, day, r.points, r.plan, own, today.get(r.userId) ?? 0);
    if (f)
      rows.push({ userId: r.userId, name: r.name, points: r.points, plan: r.plan, forecast: f });
  }
  let todayTotal = 0;
  for (const r of rating.rows) todayTotal += today.get(r.userId) ?? 0;
  const total = forecastOf(
    p,
    lastDay,
    day,
    rating.totals.points,
    rating.totals.plan,
    isWorking,
    todayTotal,
  );
  return { rows, total };
}
