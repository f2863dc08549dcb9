/**
 * Pace (docs/rules.md §3.3.1, §3.3.2): while a period runs, the colour judges the points against the plan
 * prorated to the time elapsed, so nobody is red on the 12th merely because the month is not
 * over; a closed period is judged against its whole plan. One rule for every sheet and post.
 */
import type { Period } from './periods';

const DAY = 86400000;

/** Share of the calendar period that has passed: 1 when closed; null during its first day. */
export function elapsedShare(period: Period, now: number): number | null {
  if (period.final) return 1;
  const passed = Math.min(now, period.fullEnd) - period.start;
  if (passed < DAY) return null;
  return passed / (period.fullEnd - period.start);
}
