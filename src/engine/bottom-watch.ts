/**
 * Bottom watch (docs/rules.md §3.5, for the sales head only): how many consecutive weeks each
 * manager has spent in the bottom N of the weekly rating, counting back from the given week.
 * Managers with fewer new deals (figure 3) than the minimum in a week are not ranked for it: the
 * number shown beside a name is that same figure, so the list and its numbers always agree.
 * A week in which a manager worked fewer than half the account's working days (a vacation, sick
 * leave, the days before a start — §3.2.10) does not count for that manager: they are left out of
 * that week's ranking, and a stay already running passes over the week without growing or
 * ending. A week without a working day (the New Year holidays) counts for nobody.
 */
import { previousPeriod, type Period } from './periods';
import { staffingFor } from './plans';
import { places } from './ranking';
import { periodRows, type RatingInput } from './rating';

/** Whether a week counts for a manager: they worked at least half its working days. */
export function weekCounts(input: RatingInput, week: Period, userId: number): boolean {
  const staff = staffingFor(input.settings);
  const working = staff.work.workingDaysBetween(week.firstDay, week.lastDay);
  if (working === 0) return false;
  return 2 * staff.workedDays(userId, week.firstDay, week.lastDay) >= working;
}

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
    const all = periodRows(input, p);
    const away = new Set(all.filter((r) => !weekCounts(input, p, r.userId)).map((r) => r.userId));
    // a week without a working day: nobody's stay grows or ends in it
    const holiday =
      staffingFor(input.settings).work.workingDaysBetween(p.firstDay, p.lastDay) === 0;
    const rows = holiday
      ? []
      : all.filter((r) => !away.has(r.userId) && r.acc.figures.newLeads >= minLeads);
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
    // a week that does not count for a manager on a running stay passes over it
    if (alive !== null)
      for (const u of alive)
        if (
          holiday ||
          away.has(u) ||
          (!all.some((r) => r.userId === u) && !weekCounts(input, p, u))
        )
          still.add(u);
    if (!still.size) break;
    alive = still;
    p = previousPeriod(input.calendar, p);
  }
  return streak;
}
