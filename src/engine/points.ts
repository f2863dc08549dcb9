/**
 * Point values with the dates they took effect (docs/rules.md §3.1). Each credit is scored with the
 * values in force on its local day, so a change mid-month never rewrites last month.
 */
import type { Calendar } from './calendar';
import type { PointsVersion } from './engine-settings';
import { isScoredFigure, type FlowFigure, type ScoredFigure } from './figures';

export class PointTable {
  private readonly versions: PointsVersion[];
  constructor(
    versions: PointsVersion[],
    private readonly cal: Calendar,
  ) {
    this.versions = [...versions].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  }
  valuesOn(day: string): Record<ScoredFigure, number> | null {
    let found: PointsVersion | null = null;
    for (const v of this.versions) {
      if (v.from <= day) found = v;
      else break;
    }
    return found?.values ?? null;
  }
  /** points one credit of `figure` at instant `at` earns */
  valueAt(figure: FlowFigure, at: number): number {
    if (!isScoredFigure(figure)) return 0;
    return this.valuesOn(this.cal.dayKey(at))?.[figure] ?? 0;
  }
}

/** Sums points without drifting: 0.1 × 3 is 0.3, not 0.30000000000000004. */
export function roundPoints(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
