/**
 * A period's points per active, not excluded manager from the credits alone (docs/rules.md
 * §3.1): what personal bests and records compare. Unlike a full rating it reads no portfolio,
 * so looking back over half a year of weeks costs a slice of the credits per week, not a pass
 * over every deal per week. Managers with 0 points are left out: they beat nobody.
 */
import type { Period } from './periods';
import { PointTable, roundPoints } from './points';
import type { RatingInput } from './rating';
import { lowerBound } from './sorted';

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
  const { credits } = input.ledger;
  for (let i = lowerBound(credits, period.start); i < credits.length; i++) {
    const c = credits[i];
    if (!c || c.at >= period.end) break;
    sum.set(c.userId, (sum.get(c.userId) ?? 0) + table.valueAt(c.figure, c.at));
  }
  const out: PointsRow[] = [];
  for (const [userId, raw] of sum) {
    const u = users.get(userId);
    const points = roundPoints(raw);
    if (!u?.rights.is_active || excluded.has(userId) || points <= 0) continue;
    out.push({ userId, name: u.name, points });
  }
  return out;
}
