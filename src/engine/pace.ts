/**
 * Pace (PRODUCT.md §3.3): while a period runs, the colour judges the points against the plan
 * prorated to the time elapsed, so nobody is red on the 12th merely because the month is not
 * over; a closed period is judged against its whole plan. One rule for every sheet and post.
 */
import type { Period } from './periods';

export type Colour = 'green' | 'yellow' | null;

const DAY = 86400000;

/** Share of the calendar period that has passed: 1 when closed; null during its first day. */
export function elapsedShare(period: Period, now: number): number | null {
  if (period.final) return 1;
  const passed = Math.min(now, period.fullEnd) - period.start;
  if (passed < DAY) return null;
  return passed / (period.fullEnd - period.start);
}

/** The colour of a pace (or plan %) against the thresholds. */
export function judge(value: number | null, t: { green: number; yellow: number }): Colour {
  if (value === null) return null;
  if (value >= t.green) return 'green';
  if (value >= t.yellow) return 'yellow';
  return null;
}
