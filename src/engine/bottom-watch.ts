/**
 * Bottom watch (docs/rules.md §3.5, for the sales head only): how many consecutive weeks each
 * manager has spent in the bottom N of the weekly rating, counting back from the given week.
 * Managers with fewer new deals (figure 3) than the minimum in a week are not ranked for it: the
 * number shown beside a name is that same figure, so the list and its numbers always agree.
 */
import { previousPeriod, type Period } from './periods';
import { places } from './ranking';
import { periodRows, type RatingInput } from './rating';

export const MAX_WEEKS_BACK = 52;

/**
 * The head's digest names a stay at the bottom from its second week: one bad week is noise (a
 * vacation, a slow start), and a list of everyone who was once at the bottom helps nobody. The
 * sidebar still shows every stay.
 */
export const DIGEST_MIN_WEEKS = 2;

/** The stays the digest names: those of at least `min` weeks. */
export function longStays<T extends { weeks: number }>(
  rows: readonly T[],
  min = DIGEST_MIN_WEEKS,
): T[] {
  return rows.filter((r) => r.weeks >= min);
}

export function bottomStreaks(input: RatingInput, week: Period): Map<number, number> {
  const { size, minLeads } = input.settings.bottomWatch;
  const streak = new Map<number, number>();
  let alive: Set<number> | null = null;
  let p = week;
  for (let i = 0; i < MAX_WEEKS_BACK; i++) {
    const rows = periodRows(input, p).filter((r) => r.acc.figures.newLeads >= minLeads);
    const order = [...places(rows, input.settings.rankBy).entries()]
      .sort((a, b) => a[1] - b[1])
      .map(([u]) => u);
    const bottom = new Set(order.slice(Math.max(0, order.length - size)));
    const still = new Set<number>();
    for (const u of bottom) {
      if (alive === null || alive.has(u)) {
        streak.set(u, (streak.get(u) ?? 0) + 1);
        still.add(u);
      }
    }
    if (!still.size) break;
    alive = still;
    p = previousPeriod(input.calendar, p);
  }
  return streak;
}
