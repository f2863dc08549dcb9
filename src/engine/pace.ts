/**
 * Pace (docs/rules.md §3.3.1, §3.3.2): while a period runs, the colour judges the points against the plan
 * prorated to the *working* time elapsed (§3.2.9), so nobody is red on the 12th merely because
 * the month is not over, nor on 9 May because the May holidays passed without work; a manager's
 * own pace counts only the days that manager worked (absences, a ramp). A closed period is
 * judged against its whole plan. One rule for every sheet and post.
 */
import type { Calendar } from './calendar';
import type { Period } from './periods';
import { planShares } from './plans';
import type { Staffing } from './work-days';

const DAY = 86400000;

/**
 * Share of the period that has passed: 1 when closed; null before its first day has passed.
 * With a calendar and staffing, the share of the account's working days (today by the part of
 * it that has passed), null before one working day has passed; without, calendar time.
 */
export function elapsedShare(
  period: Period,
  now: number,
  cal?: Calendar,
  staff?: Staffing,
): number | null {
  if (period.final) return 1;
  if (cal && staff) {
    // a manager id no one has: the account's calendar, no absences, no ramp
    const s = planShares(cal, staff, Number.NaN, period, now);
    const whole = sum(s.whole);
    if (s.workedPassed < 1 || whole <= 0) return null;
    return sum(s.toDate) / whole;
  }
  const passed = Math.min(now, period.fullEnd) - period.start;
  if (passed < DAY) return null;
  return passed / (period.fullEnd - period.start);
}

function sum(m: Map<string, number>): number {
  let s = 0;
  for (const v of m.values()) s += v;
  return s;
}

/**
 * A manager's share of the period's plan due by now: their plan to date ÷ their whole plan,
 * both over the days they work. Null before they have worked one full day of it (nothing to
 * judge yet) or when the period holds no working day of theirs.
 */
export function ownElapsedShare(
  cal: Calendar,
  staff: Staffing,
  userId: number,
  period: Period,
  now: number,
): number | null {
  if (period.final) return 1;
  const s = planShares(cal, staff, userId, period, now);
  const whole = sum(s.whole);
  if (s.workedPassed < 1 || whole <= 0) return null;
  return sum(s.toDate) / whole;
}
