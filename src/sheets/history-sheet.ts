/**
 * History (PRODUCT.md §5.3): one row per manager per day — the stocks at the day's end and the
 * day's flows — written once per day, read back for closed periods and changes of place.
 */
import type { DailySnapshot } from '../engine/snapshots';
import { FLOW_FIGURES } from '../engine/figures';
import { sheetWithHeader } from './header-sheet';

const HEAD = [
  'Дата',
  'ID',
  'Менеджер',
  'В работе',
  'Открытых задач',
  'Просроченных задач',
  'Сделок без задач',
  'Новых заявок',
  'Встреча назначена',
  'Встреч проведено',
  'Договор подписан',
  'Аванс внесен',
  'Успешно закрыто',
  'Закрыто в отказ',
];

const sheet = (name: string) => sheetWithHeader(name, HEAD);

export function readHistory(name: string): DailySnapshot[] {
  const sh = SpreadsheetApp.getActive().getSheetByName(name);
  if (!sh || sh.getLastRow() < 2) return [];
  return sh
    .getRange(2, 1, sh.getLastRow() - 1, HEAD.length)
    .getValues()
    .map((r) => ({
      day: String(r[0]),
      userId: Number(r[1]),
      inWork: Number(r[3]),
      openTasks: Number(r[4]),
      overdueTasks: Number(r[5]),
      leadsWithoutTasks: Number(r[6]),
      flows: Object.fromEntries(
        FLOW_FIGURES.map((f, i) => [f, Number(r[7 + i])]),
      ) as DailySnapshot['flows'],
    }));
}

export function hasDay(history: DailySnapshot[], day: string): boolean {
  return history.some((h) => h.day === day);
}

/** Appends one day's rows with one setValues; dates and names are written as text. */
export function appendHistory(
  name: string,
  rows: DailySnapshot[],
  names: Map<number, string>,
): void {
  if (!rows.length) return;
  const sh = sheet(name);
  const start = sh.getLastRow() + 1;
  if (sh.getMaxRows() < start + rows.length)
    sh.insertRowsAfter(sh.getMaxRows(), start + rows.length - sh.getMaxRows());
  const grid = rows.map((r) => [
    r.day,
    r.userId,
    names.get(r.userId) ?? `#${r.userId}`,
    r.inWork,
    r.openTasks,
    r.overdueTasks,
    r.leadsWithoutTasks,
    ...FLOW_FIGURES.map((f) => r.flows[f]),
  ]);
  const range = sh.getRange(start, 1, grid.length, HEAD.length);
  range.setNumberFormats(grid.map(() => ['@', '0', '@', ...new Array(HEAD.length - 3).fill('0')]));
  range.setValues(grid);
}
