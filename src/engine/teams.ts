/**
 * Teams (docs/rules.md §3.7): amoCRM's user groups (`rights.group_id`; the names from the
 * account's `users_groups`, where id 0 is the default group, which `/users` sends as null). A
 * team's points, plan, plan % and pace add up its ranked members' rows the way the total row
 * does (§3.2.8). Teams are shown only when more than one group has ranked managers. A ranked
 * manager whose group is not among the account's groups (a group deleted since) is in no team
 * and is reported, never guessed.
 */
import type { AmoUser } from '../shapes/amocrm';
import { percent } from './plans';
import { roundPoints } from './points';
import type { Rating } from './rating';

/** off; ranked by the team's points; ranked by points per member (so size does not decide) */
export type TeamsMode = 'off' | 'points' | 'perMember';

export interface UserGroup {
  id: number;
  name: string;
}

export interface TeamRow {
  place: number;
  groupId: number;
  name: string;
  /** ranked members of this period, in the rating's order */
  memberIds: number[];
  points: number;
  /** points ÷ members */
  perMember: number;
  plan: number | null;
  planPercent: number | null;
  pace: number | null;
  won: number;
}

export interface UnteamedManager {
  userId: number;
  name: string;
  /** the group the user is in, unknown to the account's groups (deleted since) */
  groupId: number | null;
}

export interface Teams {
  rankedBy: Exclude<TeamsMode, 'off'>;
  rows: TeamRow[];
  /** ranked managers in no team: their group is not in the account's list */
  unteamed: UnteamedManager[];
}

/** A user's group id as the account lists it: null from /users is the default group, id 0. */
export function groupOf(u: Pick<AmoUser, 'rights'> | undefined): number | null {
  if (!u) return null;
  return u.rights.group_id ?? 0;
}

/**
 * The teams of one rating, or null when teams are off or fewer than two groups have ranked
 * managers (one team is the department: its total row already says it).
 */
export function teamsOf(
  rating: Pick<Rating, 'rows' | 'elapsed'>,
  users: readonly AmoUser[],
  groups: readonly UserGroup[],
  mode: TeamsMode,
): Teams | null {
  if (mode === 'off') return null;
  const byId = new Map(users.map((u) => [u.id, u]));
  const names = new Map(groups.map((g) => [g.id, g.name]));
  const members = new Map<number, Rating['rows']>();
  const unteamed: UnteamedManager[] = [];
  for (const r of rating.rows) {
    const g = groupOf(byId.get(r.userId));
    if (g === null || !names.has(g)) {
      unteamed.push({ userId: r.userId, name: r.name, groupId: g });
      continue;
    }
    const list = members.get(g) ?? [];
    list.push(r);
    members.set(g, list);
  }
  if (members.size < 2) return null;
  const rows: TeamRow[] = [...members].map(([groupId, rs]) => {
    const points = roundPoints(rs.reduce((s, r) => s + r.points, 0));
    const plans = rs.map((r) => r.plan).filter((x): x is number => x !== null);
    const plan = plans.length ? Math.round(plans.reduce((s, x) => s + x, 0) * 100) / 100 : null;
    const planPercent = percent(points, plan);
    return {
      place: 0,
      groupId,
      name: names.get(groupId) ?? '',
      memberIds: rs.map((r) => r.userId),
      points,
      perMember: roundPoints(points / rs.length),
      plan,
      planPercent,
      pace: planPercent === null || rating.elapsed === null ? null : planPercent / rating.elapsed,
      won: rs.reduce((s, r) => s + r.figures.won, 0),
    };
  });
  const key = (t: TeamRow) => (mode === 'perMember' ? t.perMember : t.points);
  rows.sort(
    (a, b) =>
      key(b) - key(a) ||
      b.won - a.won ||
      a.name.localeCompare(b.name, 'ru') ||
      a.groupId - b.groupId,
  );
  rows.forEach((t, i) => (t.place = i + 1));
  return { rankedBy: mode, rows, unteamed };
}
