/**
 * The list the save sends: a plan per manager per editable month that has any cell filled, in a
 * fixed order (months, then managers as shown), with each plan's month and manager alongside so
 * a server error path ('plans[3].points') finds its cell. A figure plan the grid does not show
 * (the lost-deals plan is set outside the dialog) goes along as stored, so a save never drops it.
 */
import type { PlansData } from '../../app/plans-api';
import { cellId, FIGURE_KEYS, type Cell, type Cells } from './plan-cells';

export interface PlansToSave {
  /** what savePlans receives: { month, userId, points?, figures? } */
  plans: Array<Record<string, unknown>>;
  /** [month, userId] of each plan, by the same index */
  paths: string[][];
}

export function plansToSave(
  data: Pick<PlansData, 'months' | 'managers'> & Partial<Pick<PlansData, 'plans'>>,
  cells: Cells,
): PlansToSave {
  const shownFigures = new Set<string>(FIGURE_KEYS);
  const plans: Array<Record<string, unknown>> = [];
  const paths: string[][] = [];
  for (const m of data.months.filter((x) => x.editable))
    for (const u of data.managers) {
      const points = cells.get(cellId(m.key, u.id, 'points')) ?? null;
      const figures: Record<string, Cell> = {};
      const stored = data.plans?.find((p) => p.month === m.key && p.userId === u.id);
      for (const [f, v] of Object.entries(stored?.figures ?? {}))
        if (!shownFigures.has(f) && typeof v === 'number') figures[f] = v;
      for (const f of FIGURE_KEYS) {
        const v = cells.get(cellId(m.key, u.id, f)) ?? null;
        if (v !== null) figures[f] = v;
      }
      if (points === null && !Object.keys(figures).length) continue;
      const plan: Record<string, unknown> = { month: m.key, userId: u.id };
      if (points !== null) plan.points = points;
      if (Object.keys(figures).length) plan.figures = figures;
      plans.push(plan);
      paths.push([m.key, String(u.id)]);
    }
  return { plans, paths };
}
