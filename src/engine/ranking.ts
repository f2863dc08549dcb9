/**
 * Places (docs/rules.md §3.4): by points (default) or by plan completion (by points in a period
 * without a plan); ties break by won deals, then contracts signed, then name. The top three with
 * points get medals.
 */
export interface Rankable {
  userId: number;
  name: string;
  points: number;
  planPercent: number | null;
  won: number;
  contractsSigned: number;
}

export const MEDALS = ['🥇', '🥈', '🥉'] as const;

const EPS = 1e-9;

export function compareRows(rankBy: 'points' | 'planPercent') {
  return (a: Rankable, b: Rankable): number => {
    if (rankBy === 'planPercent') {
      const pa = a.planPercent ?? -Infinity;
      const pb = b.planPercent ?? -Infinity;
      if (Math.abs(pa - pb) > EPS && pa !== pb) return pb - pa;
    } else if (Math.abs(a.points - b.points) > EPS) return b.points - a.points;
    if (a.won !== b.won) return b.won - a.won;
    if (a.contractsSigned !== b.contractsSigned) return b.contractsSigned - a.contractsSigned;
    const byName = a.name.localeCompare(b.name, 'ru');
    return byName !== 0 ? byName : a.userId - b.userId;
  };
}

export type RankBy = 'points' | 'planPercent';

/**
 * The rule a period is actually ranked by: by plan % only when someone in it has a plan; a
 * period without any plan ranks by points (plan % would leave only the tie-breaks).
 */
export function rankingRule(rows: readonly Rankable[], rankBy: RankBy): RankBy {
  return rankBy === 'planPercent' && rows.every((r) => r.planPercent === null) ? 'points' : rankBy;
}

/** userId → place (1-based), in ranking order (falling back as `rankingRule` says). */
export function places<T extends Rankable>(rows: T[], rankBy: RankBy): Map<number, number> {
  const sorted = [...rows].sort(compareRows(rankingRule(rows, rankBy)));
  return new Map(sorted.map((r, i) => [r.userId, i + 1]));
}

export function medalFor(place: number, points: number): string {
  return points > 0 ? (MEDALS[place - 1] ?? '') : '';
}
