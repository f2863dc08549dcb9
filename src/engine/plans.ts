/**
 * Plans (docs/rules.md §3.2): set per manager per calendar month; a period's plan is the sum, over
 * its days, of each month's plan spread over that month's *working* days (§3.2.9) — a day the
 * manager does not work (a day off, an absence, before a ramp's start) carries nothing, and a
 * ramp scales the days of each month of tenure (§3.2.10). So a week's plan is its working days'
 * share, a quarter's the sum of its months, a month to date is measured against the whole
 * month's plan. A period with a month that has no plan has no plan: a quarter with only March
 * planned would otherwise show three months of points against one month's plan.
 */
import { Calendar } from './calendar';
import type { EngineSettings, MonthPlan } from './engine-settings';
import { FLOW_FIGURES, type FlowFigure } from './figures';
import type { Period } from './periods';
import { nextDay } from './work-calendar';
import { Staffing, staffingOf } from './work-days';

export interface PeriodPlan {
  points: number | null;
  figures: Partial<Record<FlowFigure, number>>;
}

const staffings = new WeakMap<object, Staffing>();
const DEFAULT_STAFFING: Pick<EngineSettings, 'calendarDays' | 'absences' | 'ramps'> = {};

/** The staffing of a settings object, built once per object (a rating asks for it per row). */
export function staffingFor(
  settings: Pick<EngineSettings, 'calendarDays' | 'absences' | 'ramps'>,
): Staffing {
  let s = staffings.get(settings);
  if (!s) staffings.set(settings, (s = staffingOf(settings)));
  return s;
}

/** The last local day of a period's whole calendar span (a running month: its last day). */
export function lastPlanDay(cal: Calendar, p: Period): string {
  return cal.dayKey(p.fullEnd - 1);
}

export interface PlanShares {
  /** per month 'YYYY-MM': the share of its plan the whole period carries for the manager */
  whole: Map<string, number>;
  /** the same up to `now` (today counted by the part of it that has passed) */
  toDate: Map<string, number>;
  /** the manager's working days in the period, and those fully passed by `now` */
  workedDays: number;
  workedPassed: number;
}

/** The shares of each month's plan a manager's period carries, whole and to date. */
export function planShares(
  cal: Calendar,
  staff: Staffing,
  userId: number,
  p: Period,
  now: number = p.fullEnd,
): PlanShares {
  const whole = new Map<string, number>();
  const toDate = new Map<string, number>();
  let workedDays = 0;
  let workedPassed = 0;
  const last = lastPlanDay(cal, p);
  const today = cal.dayKey(now);
  for (let day = p.firstDay; day <= last; day = nextDay(day)) {
    const month = day.slice(0, 7);
    const w = staff.dayWeight(userId, day);
    whole.set(month, (whole.get(month) ?? 0) + w);
    if (w > 0) workedDays++;
    if (p.final || day < today) {
      toDate.set(month, (toDate.get(month) ?? 0) + w);
      if (w > 0) workedPassed++;
    } else if (day === today && w > 0) {
      const start = cal.startOf(Calendar.parse(day));
      const end = cal.startOf(Calendar.parse(nextDay(day)));
      const part = Math.max(0, Math.min(1, (now - start) / (end - start)));
      toDate.set(month, (toDate.get(month) ?? 0) + w * part);
    }
  }
  return { whole, toDate, workedDays, workedPassed };
}

/**
 * Σ plan × share over months; null when a month the period needs has no plan. Rounded to
 * hundredths as a plan is shown, unless `exact` (a plan to date that pace divides by).
 */
export function weighPlans(
  plans: readonly MonthPlan[],
  userId: number,
  weights: Map<string, number>,
  wholeWeights: Map<string, number> = weights,
  exact = false,
): PeriodPlan {
  let points: number | null = 0;
  const figures: Partial<Record<FlowFigure, number | null>> = {};
  for (const fig of FLOW_FIGURES) figures[fig] = 0;
  for (const [month, whole] of wholeWeights) {
    // a month the manager does not work in at all asks for no plan
    if (whole <= 0) continue;
    const w = weights.get(month) ?? 0;
    const plan = plans.find((x) => x.userId === userId && x.month === month);
    points = points !== null && typeof plan?.points === 'number' ? points + plan.points * w : null;
    for (const fig of FLOW_FIGURES) {
      const v = plan?.figures?.[fig];
      const sum = figures[fig];
      figures[fig] =
        sum !== null && sum !== undefined && typeof v === 'number' ? sum + v * w : null;
    }
  }
  const round = (x: number) => (exact ? x : Math.round(x * 100) / 100);
  const out: Partial<Record<FlowFigure, number>> = {};
  for (const fig of FLOW_FIGURES) {
    const v = figures[fig];
    if (v !== null && v !== undefined) out[fig] = round(v);
  }
  return { points: points === null ? null : round(points), figures: out };
}

/**
 * A manager's plan for a period. `staff` defaults to Russia's calendar with no absences or
 * ramps (a page that shows plans before the settings are at hand).
 */
export function planFor(
  cal: Calendar,
  plans: readonly MonthPlan[],
  userId: number,
  p: Period,
  staff: Staffing = staffingFor(DEFAULT_STAFFING),
): PeriodPlan {
  return weighPlans(plans, userId, planShares(cal, staff, userId, p).whole);
}

export function percent(actual: number, plan: number | null): number | null {
  if (plan === null || plan <= 0) return null;
  return actual / plan;
}
