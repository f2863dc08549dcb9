/** "Зал славы": each closed quarter's top three, added once when the quarter closes. */
import type { Rating } from '../engine/rating';
import { sheetWithHeader } from './header-sheet';

const HEAD = ['Квартал', 'Место', '', 'Менеджер', 'Баллы'];

export function hallHasQuarter(name: string, label: string): boolean {
  const sh = SpreadsheetApp.getActive().getSheetByName(name);
  if (!sh || sh.getLastRow() < 2) return false;
  return sh
    .getRange(2, 1, sh.getLastRow() - 1, 1)
    .getValues()
    .some((r) => String(r[0]) === label);
}

export function addQuarter(
  name: string,
  rating: Rating,
  label: (userName: string, state: string, id: number) => string,
): void {
  const sh = sheetWithHeader(name, HEAD);
  const top = rating.rows.filter((r) => r.points > 0).slice(0, 3);
  if (!top.length) return;
  const grid = top.map((r) => [
    rating.period.label,
    r.place,
    r.medal,
    label(r.name, r.userState, r.userId),
    r.points,
  ]);
  const start = sh.getLastRow() + 1;
  const range = sh.getRange(start, 1, grid.length, HEAD.length);
  range.setNumberFormats(grid.map(() => ['@', '0', '@', '@', '0.0']));
  range.setValues(grid);
}
