/**
 * Places (docs/rules.md §3.4): by points (default) or by plan completion; ties break by won deals,
 * then contracts signed, then name. The top three with points get medals.
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

/** userId → place (1-based), in ranking order. */
export function places<T extends Rankable>(
  rows: T[],
  rankBy: 'points' | 'planPercent',
): Map<number, number> {
  const sorted = [...rows].sort(compareRows(rankBy));
  return new Map(sorted.map((r, i) => [r.userId, i + 1]));
}

export function medalFor(place: number, points: number): string {
  return points > 0 ? (MEDALS[place - 1] ?? '') : '';
}
