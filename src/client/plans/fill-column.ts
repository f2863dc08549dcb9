/** «Заполнить»: one value into a month's column for every manager shown. */
import type { PlansData } from '../../app/plans-api';
import { cellId, putCell, type Cell, type Cells, type PlanKey } from './plan-cells';

/** The cells with the column set; null empties it. Managers not shown are left as they are. */
export function fillColumn(
  cells: Cells,
  managers: PlansData['managers'],
  month: string,
  key: PlanKey,
  value: Cell,
): Cells {
  const next = new Map(cells);
  for (const u of managers) putCell(next, cellId(month, u.id, key), value);
  return next;
}
