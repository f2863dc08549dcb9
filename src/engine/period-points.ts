/**
 * A period's points per active, not excluded manager from the day counts alone (docs/rules.md
 * §3.1): what personal bests and records compare. Unlike a full rating it reads no portfolio,
 * so looking back over half a year of weeks costs the day counts of each week, not a pass over
 * every deal per week. Managers with 0 points are left out: they beat nobody.
 */
import type { Period } from './periods';
import { PointTable, roundPoints } from './points';
import type { RatingInput } from './rating';
import { countPoints, spanCounts } from './span-counts';

export interface PointsRow {
  userId: number;
  name: string;
  points: number;
}

export function periodPoints(input: RatingInput, period: Period): PointsRow[] {
  const users = new Map(input.users.map((u) => [u.id, u]));
  const excluded = new Set(input.settings.excludedUserIds);
  const table = new PointTable(input.settings.points, input.calendar);
  const sum = new Map<number, number>();
  const span = { start: period.start, end: period.end };
  for (const c of spanCounts(input.facts, input.calendar, span))
    sum.set(c.userId, (sum.get(c.userId) ?? 0) + countPoints(table, c));
  const out: PointsRow[] = [];
  for (const [userId, raw] of sum) {
    const u = users.get(userId);
    const points = roundPoints(raw);
    if (!u?.rights.is_active || excluded.has(userId) || points <= 0) continue;
    out.push({ userId, name: u.name, points });
  }
  return out;
}
