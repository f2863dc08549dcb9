/**
 * The plans grid as a map of cells, one per month × manager × plan (points or a figure), keyed
 * `${month}|${userId}|${key}`. A cell holds a number, or the text that did not parse (kept so the
 * cell can show it and be marked); an empty cell is absent from the map.
 */
import { FLOW_FIGURES, type FlowFigure } from '../../engine';
import type { PlansData } from '../../app/plans-api';

export type Plan = PlansData['plans'][number];
/** cell values as typed: numbers, or the text that did not parse */
export type Cell = number | string | null;
export type PlanKey = 'points' | FlowFigure;
export type Cells = Map<string, Cell>;

/** The figures a plan can be set for: a lost deal has no plan. */
export const FIGURE_KEYS = FLOW_FIGURES.filter((f) => f !== 'lost');

export function cellId(month: string, userId: number, key: PlanKey): string {
  return `${month}|${userId}|${key}`;
}

/** The cells of the plans the server sent. */
export function cellsFromPlans(plans: Plan[]): Cells {
  const m: Cells = new Map();
  for (const p of plans) {
    if (p.points !== undefined) m.set(cellId(p.month, p.userId, 'points'), p.points);
    for (const f of FIGURE_KEYS) {
      const v = p.figures?.[f];
      if (v !== undefined) m.set(cellId(p.month, p.userId, f), v);
    }
  }
  return m;
}

/** Writes a value into a map being built: null empties the cell. */
export function putCell(cells: Cells, id: string, value: Cell): void {
  if (value === null) cells.delete(id);
  else cells.set(id, value);
}

/** The cells with one of them changed (a new map, so signals see the change). */
export function withCell(cells: Cells, id: string, value: Cell): Cells {
  const next = new Map(cells);
  putCell(next, id, value);
  return next;
}

/** Whether the grid differs from what was last saved (or loaded). */
export function cellsDiffer(a: Cells, b: Cells): boolean {
  if (a.size !== b.size) return true;
  for (const [k, v] of a) if (b.get(k) !== v) return true;
  return false;
}
