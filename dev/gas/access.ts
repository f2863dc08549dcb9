/**
 * Who may write what: the file's sharing (its owner, editors and viewers) and the protections of
 * sheets and ranges. Every write path of the emulated spreadsheet asks here first, so a run that
 * Google would refuse is refused here too. [docs/services.md §2.4; reference spreadsheet/protection:
 * the owner can always edit; a protection's editors can; a warning-only one lets everyone]
 */
import type { GridRange, ProtectionState, SheetState } from './model';

export interface Sharing {
  owner: string;
  editors: string[];
  viewers: string[];
}

export const PROTECTED_MESSAGE =
  'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';
export const NO_EDIT_MESSAGE = 'You do not have permission to edit this spreadsheet.';

function within(r: GridRange, cell: { row: number; col: number }): boolean {
  return (
    cell.row >= r.row &&
    cell.row < r.row + r.numRows &&
    cell.col >= r.col &&
    cell.col < r.col + r.numCols
  );
}

function intersects(a: Area, b: Area): boolean {
  return (
    a.row < b.row + b.numRows &&
    b.row < a.row + a.numRows &&
    a.col < b.col + b.numCols &&
    b.col < a.col + a.numCols
  );
}

/** Whether a protection covers any cell of the area (or, for null, the sheet's structure). */
function covers(p: ProtectionState, sheet: SheetState, area: Area | null): boolean {
  if (p.kind === 'RANGE') return !!p.range && !!area && intersects(p.range, area);
  if (!area) return true;
  const open = p.unprotected.filter((u) => u.sheetId === sheet.id && intersects(u, area));
  if (!open.length) return true;
  // a cell of the area outside every unprotected range is protected
  for (let r = area.row; r < area.row + area.numRows; r++)
    for (let c = area.col; c < area.col + area.numCols; c++)
      if (!open.some((u) => within(u, { row: r, col: c }))) return true;
  return false;
}

/** Whether the user may change the protection itself (its editors, ranges, description). */
export function manageRefusal(sharing: Sharing, user: string, p: ProtectionState): string | null {
  if (user === sharing.owner) return null;
  if (!sharing.editors.includes(user)) return NO_EDIT_MESSAGE;
  return p.warningOnly || p.editors.includes(user) ? null : PROTECTED_MESSAGE;
}

export interface Area {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

/**
 * Null when `user` may edit the area (a sheet's cells), the sheet's structure (area null), or the
 * file (sheet null); else the message Google shows.
 */
export function editRefusal(
  sharing: Sharing,
  user: string,
  sheet: SheetState | null,
  area: Area | null,
): string | null {
  if (user === sharing.owner) return null;
  if (!sharing.editors.includes(user)) return NO_EDIT_MESSAGE;
  if (!sheet) return null;
  for (const p of sheet.protections) {
    if (p.warningOnly || p.editors.includes(user)) continue;
    if (covers(p, sheet, area)) return PROTECTED_MESSAGE;
  }
  return null;
}
