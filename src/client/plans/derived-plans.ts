/**
 * The week and quarter plans the grid implies for a manager, by the engine's own proration, from
 * the points in the dialog's months and, for the quarter's months before them (its first month,
 * seen from its third), the stored plans the server sent along. A period reaching a month with no
 * plan has none. Working days, absences and ramps count as in the rating (§3.2.9–§3.2.10): the
 * ones typed in the dialog, before they are saved.
 */
import { Calendar, currentPeriod, intlOffset, planFor, staffingFor } from '../../engine';
import type { PlansData } from '../../app/plans-api';
import { cellId, type Cells, type Plan } from './plan-cells';

export interface DerivedPlans {
  week: number | null;
  quarter: number | null;
}

export function derivedPlans(
  data: Pick<PlansData, 'months' | 'timeZone' | 'now'> &
    Partial<Pick<PlansData, 'plans' | 'absences' | 'ramps' | 'calendarDays'>>,
  cells: Cells,
  userId: number,
): DerivedPlans {
  const inGrid = new Set(data.months.map((m) => m.key));
  const plans: Plan[] = (data.plans ?? []).filter(
    (p) => p.userId === userId && !inGrid.has(p.month) && p.points !== undefined,
  );
  for (const m of data.months) {
    const v = cells.get(cellId(m.key, userId, 'points'));
    if (typeof v === 'number') plans.push({ month: m.key, userId, points: v });
  }
  const cal = new Calendar(data.timeZone, intlOffset(data.timeZone));
  // built once per dialog state (the object): the rows of one render share it
  const staff = staffingFor(data);
  return {
    week: planFor(cal, plans, userId, currentPeriod(cal, 'week', data.now), staff).points,
    quarter: planFor(cal, plans, userId, currentPeriod(cal, 'quarter', data.now), staff).points,
  };
}
