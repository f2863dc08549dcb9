/**
 * History (docs/rules.md §5.3): one row per manager per day — the stocks at the day's end and the
 * day's flows — keyed by (day, manager), so no retry, overlap or re-typed date writes a row twice.
 * Read back by its header names (a column a user inserts changes nothing) with every cell
 * checked: a bad cell is reported and its row left out, never turned into a number it is not.
 */
import { FLOW_FIGURES, type FlowFigure, type DailySnapshot } from '../engine';
import {
  historyHeaders,
  historyLabel,
  HISTORY_COLUMNS,
  HISTORY_ID_NOTE,
  type HistoryColumn,
} from '../i18n/history-labels';
import type { Language } from '../i18n/messages';
import { ensureSheet, findSheet } from '../workbook/our-sheets';

export interface HistoryRead {
  rows: DailySnapshot[];
  /** cells that could not be read: 'row 57, «Просрочено задач»' */
  problems: string[];
}

type Cell = string | number | boolean | Date;

function dayKey(v: Cell, tz: string): string | null {
  if (v instanceof Date) return Utilities.formatDate(v, tz, 'yyyy-MM-dd');
  const s = String(v).trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (iso) return s;
  const ru = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(s);
  return ru ? `${ru[3]}-${ru[2]}-${ru[1]}` : null;
}

const count = (v: Cell): number | null =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null;

export function readHistory(lang: Language): HistoryRead {
  const sh = findSheet('history');
  if (!sh || sh.getLastRow() < 2) return { rows: [], problems: [] };
  const values = sh.getDataRange().getValues() as Cell[][];
  const header = values[0] ?? [];
  const byLabel = historyHeaders();
  const col = new Map<HistoryColumn, number>();
  header.forEach((h, i) => {
    const key = byLabel.get(String(h).trim().toLowerCase());
    if (key && !col.has(key)) col.set(key, i);
  });
  const missing = HISTORY_COLUMNS.filter((k) => k !== 'manager' && !col.has(k));
  if (missing.length) return { rows: [], problems: missing.map((k) => historyLabel(lang, k)) };
  const tz = SpreadsheetApp.getActive().getSpreadsheetTimeZone();
  const rows: DailySnapshot[] = [];
  const problems: string[] = [];
  const at = (r: Cell[], k: HistoryColumn): Cell => r[col.get(k) ?? -1] ?? '';
  values.slice(1).forEach((r, i) => {
    if (r.every((c) => c === '')) return;
    const day = dayKey(at(r, 'day'), tz);
    const userId = count(at(r, 'userId'));
    const bad: string[] = [];
    if (!day) bad.push(historyLabel(lang, 'day'));
    if (!userId) bad.push(historyLabel(lang, 'userId'));
    const n = (k: HistoryColumn) => {
      const x = count(at(r, k));
      if (x === null) bad.push(historyLabel(lang, k));
      return x ?? 0;
    };
    const flows = {} as Record<FlowFigure, number>;
    for (const f of FLOW_FIGURES) flows[f] = n(f);
    const snap = {
      day: day ?? '',
      userId: userId ?? 0,
      inWork: n('inWork'),
      openTasks: n('openTasks'),
      overdueTasks: n('overdueTasks'),
      leadsWithoutTasks: n('leadsWithoutTasks'),
      flows,
    };
    if (bad.length) problems.push(`${i + 2}: ${bad.join(', ')}`);
    else rows.push(snap);
  });
  return { rows, problems };
}

/** pixels: the figures' headers wrap onto two lines within this, so none is cut */
const WIDTHS: Partial<Record<HistoryColumn, number>> = { day: 96, manager: 200, userId: 64 };

/**
 * Appends the rows whose (day, manager) is not there yet, with one setValues; dates are real
 * dates; each row names its manager as the rating sheets do (`nameOf`).
 */
export function appendHistory(
  rows: DailySnapshot[],
  nameOf: (userId: number) => string,
  lang: Language,
  sheetName: string,
): number {
  if (!rows.length) return 0;
  const sh = ensureSheet('history', sheetName);
  if (sh.getLastRow() === 0) {
    const head = HISTORY_COLUMNS.map((k) => historyLabel(lang, k));
    sh.getRange(1, 1, 1, head.length)
      .setValues([head])
      .setNotes([HISTORY_COLUMNS.map((k) => (k === 'userId' ? HISTORY_ID_NOTE[lang] : ''))])
      .setFontWeight('bold')
      .setBackground('#e8eaed')
      .setVerticalAlignment('top')
      .setWrap(true);
    sh.setFrozenRows(1);
    HISTORY_COLUMNS.forEach((k, i) => sh.setColumnWidth(i + 1, WIDTHS[k] ?? 100));
  }
  const width = Math.max(sh.getLastColumn(), 1);
  const header = sh.getRange(1, 1, 1, width).getValues()[0] ?? [];
  const byLabel = historyHeaders();
  const keys = header.map((h) => byLabel.get(String(h).trim().toLowerCase()) ?? null);
  const existing = readHistory(lang).rows;
  const have = new Set(existing.map((h) => `${h.day}|${h.userId}`));
  const fresh = rows.filter((r) => !have.has(`${r.day}|${r.userId}`));
  if (!fresh.length) return 0;
  const tz = SpreadsheetApp.getActive().getSpreadsheetTimeZone();
  const value = (r: DailySnapshot, k: HistoryColumn | null): unknown => {
    switch (k) {
      case null:
        return '';
      case 'day':
        return Utilities.parseDate(r.day, tz, 'yyyy-MM-dd');
      case 'userId':
        return r.userId;
      case 'manager':
        return nameOf(r.userId);
      case 'inWork':
      case 'openTasks':
      case 'overdueTasks':
      case 'leadsWithoutTasks':
        return r[k];
      default:
        return r.flows[k];
    }
  };
  const grid = fresh.map((r) => keys.map((k) => value(r, k)));
  const formats = fresh.map(() =>
    keys.map((k) => (k === 'day' ? 'dd.mm.yyyy' : k === 'manager' || k === null ? '@' : '0')),
  );
  const start = sh.getLastRow() + 1;
  if (sh.getMaxRows() < start + grid.length)
    sh.insertRowsAfter(sh.getMaxRows(), start + grid.length - sh.getMaxRows());
  const range = sh.getRange(start, 1, grid.length, keys.length);
  range.setNumberFormats(formats);
  range.setValues(grid);
  return fresh.length;
}
