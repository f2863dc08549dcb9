/**
 * What is wrong with the plans, per cell: a value the save refuses before asking the server, the
 * server's field errors placed on their cells, and the message a cell shows.
 */
import { t, type Language } from '../../i18n/messages';
import { MAX_PLAN_POINTS } from '../../settings/schema';
import { numberAsTyped } from '../../settings/validate';
import type { PlansSaveResult } from '../../app/plans-api';
import type { Cell, Cells } from './plan-cells';

/** The server's messages by cell id. */
export type CellErrors = Map<string, string>;

/** Text that did not parse, or a number outside 0 … MAX_PLAN_POINTS (the schema's own range). */
export function isBadCell(v: Cell): boolean {
  return v !== null && (typeof v !== 'number' || v < 0 || v > MAX_PLAN_POINTS);
}

/** A save is refused on the page while any cell is bad. */
export function hasBadCell(cells: Cells): boolean {
  return [...cells.values()].some(isBadCell);
}

/**
 * The server's field errors on their cells. A path is relative to the list sent
 * ('plans[3].figures.won'); `paths[3]` names that plan's month and manager. An error on the
 * plan's month, manager or the plan as a whole lands on its points cell; one that names no plan
 * of the list is left to the save's message.
 */
export function errorsByCell(errors: PlansSaveResult['errors'], paths: string[][]): CellErrors {
  const errs: CellErrors = new Map();
  for (const e of errors) {
    const m = /^plans\[(\d+)\](?:\.(points|figures\.(\w+)|month|userId))?/.exec(e.field);
    const where = m ? paths[Number(m[1])] : undefined;
    if (where) errs.set(`${where[0]}|${where[1]}|${m?.[3] ?? 'points'}`, e.message);
  }
  return errs;
}

/** The server errors without a cell's (typing into a cell takes its server error away). */
export function withoutCellError(errors: CellErrors, id: string): CellErrors {
  if (!errors.has(id)) return errors;
  const next = new Map(errors);
  next.delete(id);
  return next;
}

/**
 * The server errors after an edit of the grid (typing, fill, copy, paste): an error stays only on
 * a cell that still holds what was refused.
 */
export function errorsAfterEdit(errors: CellErrors, before: Cells, after: Cells): CellErrors {
  let left = errors;
  for (const id of errors.keys())
    if (before.get(id) !== after.get(id)) left = withoutCellError(left, id);
  return left;
}

/**
 * The message a cell shows: the server's, or the page's own for a bad value — the reason, with
 * the value as typed (the settings schema's own words); null when fine.
 */
export function cellMessage(
  lang: Language,
  value: Cell,
  serverError: string | undefined,
  figure = false,
): string | null {
  if (serverError) return serverError;
  if (!isBadCell(value) || value === null) return null;
  if (typeof value === 'string') return t(lang, 'errNotNumber', { value: value.trim() });
  return t(lang, figure ? 'errPlanFigure' : 'errPlanPoints', { value: numberAsTyped(value, lang) });
}
