/**
 * Plans far from the rest of their month, asked about before saving: a plan over 3 × the median
 * of that month's plans, or over 100 × the smallest, is most often a slip (999 999 among plans of
 * 1 200 makes the team's post say «план 1 %»). Only plans changed since the last save are asked
 * about: a plan once confirmed is not asked about again. [docs/rules.md §3.2.1]
 */
import type { PlansData } from '../../app/plans-api';
import { cellId, type Cells } from './plan-cells';

export const OUTLIER_OVER_MEDIAN = 3;
export const OUTLIER_OVER_SMALLEST = 100;

export interface Outlier {
  month: string;
  userId: number;
  value: number;
  /** the month's median plan, the yardstick the person is shown */
  median: number;
}

function median(sorted: readonly number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** The changed points plans of the editable months that stand far above their month's plans. */
export function outliers(
  data: Pick<PlansData, 'months' | 'managers'>,
  cells: Cells,
  saved: Cells,
): Outlier[] {
  const found: Outlier[] = [];
  for (const m of data.months.filter((x) => x.editable)) {
    const plans = data.managers.flatMap((u) => {
      const v = cells.get(cellId(m.key, u.id, 'points'));
      return typeof v === 'number' && v > 0 ? [{ userId: u.id, value: v }] : [];
    });
    if (plans.length < 2) continue; // one plan has nothing to be compared with
    const values = plans.map((p) => p.value).sort((a, b) => a - b);
    const med = median(values);
    const smallest = values[0] ?? 0;
    for (const p of plans) {
      const id = cellId(m.key, p.userId, 'points');
      if (saved.get(id) === p.value) continue;
      if (p.value > OUTLIER_OVER_MEDIAN * med || p.value > OUTLIER_OVER_SMALLEST * smallest)
        found.push({ month: m.key, userId: p.userId, value: p.value, median: med });
    }
  }
  return found;
}
