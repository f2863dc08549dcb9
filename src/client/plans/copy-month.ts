/**
 * «Копировать в следующий»: a month's plans (points and figures) copied into the month after
 * it, when that month is editable. An empty cell copies as empty: the next month becomes the
 * same as this one.
 */
import type { PlansData } from '../../app/plans-api';
import { cellId, FIGURE_KEYS, putCell, type Cells, type PlanKey } from './plan-cells';

type Months = PlansData['months'];

/** The month after `month` in the dialog, if it is editable (otherwise nothing to copy into). */
export function nextEditableMonth(months: Months, month: string): string | null {
  const i = months.findIndex((m) => m.key === month);
  const target = months[i + 1];
  return target?.editable ? target.key : null;
}

/** The cells with `month` copied into the next month; the same map when there is no next. */
export function copyToNextMonth(
  cells: Cells,
  data: Pick<PlansData, 'months' | 'managers'>,
  month: string,
): Cells {
  const target = nextEditableMonth(data.months, month);
  if (target === null) return cells;
  const next = new Map(cells);
  for (const u of data.managers)
    for (const k of ['points', ...FIGURE_KEYS] as PlanKey[])
      putCell(next, cellId(target, u.id, k), cells.get(cellId(month, u.id, k)) ?? null);
  return next;
}
