/**
 * Writes a rating sheet from its layout: values in bulk (formats first, so names stay text),
 * merged group headers, frozen header, widths, notes, native conditional rules, a bar chart of
 * points beside the leaderboard, and the protection. The number of service calls does not depend
 * on the number of managers.
 */
import type { EngineSettings } from '../engine';
import { applyRules, buildRules } from './conditional-rules';
import { ensureSheet, type SheetRole } from '../workbook/our-sheets';
import { protect } from './protection';
import {
  COL,
  COLOURS,
  COLS,
  FORMAT,
  HEADER_ROWS,
  MAX_COLS,
  type SheetLayout,
} from './rating-layout';

/** developer metadata: how many columns the last write covered (plan columns come and go) */
const WIDTH_KEY = 'amoRating.width';

export interface SheetTarget {
  role: SheetRole;
  name: string;
}

/** Where the sheet's shape as last written is kept: its size, frozen pane and merges. */
const SHAPE_KEY = 'amoRating.shape';
/** the shape while a write is under way */
const WRITING = 'writing';

function columnLetters(col: number): string {
  let out = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26))
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

function a1(m: { row: number; col: number; numRows: number; numCols: number }): string {
  return `${columnLetters(m.col)}${m.row}:${columnLetters(m.col + m.numCols - 1)}${m.row + m.numRows - 1}`;
}

interface Shape {
  rows: number;
  cols: number;
  frozen: [number, number];
  merges: string[];
}

function shapeText(shape: Shape): string {
  return JSON.stringify({ ...shape, merges: [...shape.merges].sort() });
}

/**
 * Whether the sheet's structure differs from what the last refresh left: rows or columns inserted
 * or deleted, cells merged or split, the frozen pane moved. Nothing to compare on a sheet written
 * before the shape was kept.
 */
function changedByHand(
  sh: GoogleAppsScript.Spreadsheet.Sheet,
  maxRows: number,
  maxCols: number,
): {
  changed: boolean;
  meta: GoogleAppsScript.Spreadsheet.DeveloperMetadata | null;
} {
  const meta = sh.createDeveloperMetadataFinder().withKey(SHAPE_KEY).find()[0] ?? null;
  const kept = meta?.getValue() ?? WRITING;
  // our own write cut short (a kill) left the sheet half-shaped: that is not a change by hand
  if (!meta || kept === WRITING) return { changed: false, meta };
  const now: Shape = {
    rows: maxRows,
    cols: maxCols,
    frozen: [sh.getFrozenRows(), sh.getFrozenColumns()],
    merges: sh
      .getRange(1, 1, maxRows, maxCols)
      .getMergedRanges()
      .map((r) => r.getA1Notation()),
  };
  return { changed: kept !== shapeText(now), meta };
}

/**
 * Writes the sheet whatever was done to its structure by hand: every merge on it is split first
 * (a range over the whole grid holds each merge whole, so Sheets accepts it), the frozen pane is
 * set before our merges (Sheets merges nothing across it), and cells outside the new table —
 * moved there by an inserted row or column — are cleared. Returns whether the structure had been
 * changed by hand, so the status line can say the sheet was rewritten.
 */
export function writeRatingSheet(
  target: SheetTarget,
  layout: SheetLayout,
  settings: Pick<EngineSettings, 'norms' | 'thresholds'>,
  protection: { note: string; editors: readonly string[] },
): { sheet: GoogleAppsScript.Spreadsheet.Sheet; rewritten: boolean } {
  const sh = ensureSheet(target.role, target.name);
  const rows = layout.values.length;
  const cols = layout.cols;
  const old = sh.getLastRow();
  let maxRows = sh.getMaxRows();
  let maxCols = sh.getMaxColumns();
  const { changed, meta } = changedByHand(sh, maxRows, maxCols);
  // a previous refresh may have written more plan columns: they are cleared below. How wide it
  // wrote is kept in the sheet's metadata, so a column someone filled by hand right of the table
  // is never taken for ours; it is looked up only when there are plan columns now or something
  // right of the table (the usual sheet costs one call)
  const lookUp = cols > COLS || sh.getLastColumn() > cols;
  const width = lookUp
    ? (sh.createDeveloperMetadataFinder().withKey(WIDTH_KEY).find()[0] ?? null)
    : null;
  const written = Number(width?.getValue() ?? COLS);
  const oldCols = Math.max(
    cols,
    Number.isInteger(written) ? Math.min(MAX_COLS, Math.max(COLS, written)) : COLS,
  );
  meta?.setValue(WRITING);
  sh.getRange(1, 1, maxRows, maxCols).breakApart();
  if (maxRows < rows + 30) {
    sh.insertRowsAfter(maxRows, rows + 30 - maxRows);
    maxRows = rows + 30;
  }
  if (maxCols < cols) {
    sh.insertColumnsAfter(maxCols, cols - maxCols);
    maxCols = cols;
  }
  sh.setFrozenRows(layout.frozenRows);
  sh.setFrozenColumns(layout.frozenColumns);
  const range = sh.getRange(1, 1, rows, cols);
  range.setNumberFormats(layout.formats);
  range.setValues(layout.values);
  range.setFontWeights(layout.weights);
  range.setBackgrounds(layout.backgrounds);
  range.setFontColors(layout.fontColors);
  range.setNotes(layout.notes);
  if (old > rows)
    sh.getRange(rows + 1, 1, old - rows, maxCols)
      .clear()
      .clearNote();
  if (changed && maxCols > cols)
    // an inserted column moved our cells right: what is beyond the table now is stale
    sh.getRange(1, cols + 1, maxRows, maxCols - cols)
      .clear()
      .clearNote();
  else if (oldCols > cols)
    sh.getRange(1, cols + 1, Math.max(rows, old, 1), Math.min(oldCols, maxCols) - cols)
      .clear()
      .clearNote();
  if (width) {
    if (written !== cols) width.setValue(String(cols));
  } else if (cols > COLS) sh.addDeveloperMetadata(WIDTH_KEY, String(cols));
  // a group header over one column is a cell, not a merge: Sheets keeps no merge of one cell, so
  // one in the kept shape would read as a change by hand at the next refresh
  const merges = layout.merges.filter((m) => m.numRows > 1 || m.numCols > 1);
  for (const m of merges) sh.getRange(m.row, m.col, m.numRows, m.numCols).merge();
  sh.getRange(1, 1).setFontSize(14);
  layout.widths.forEach((w, i) => sh.setColumnWidth(i + 1, w));
  const shape = shapeText({
    rows: maxRows,
    cols: maxCols,
    frozen: [layout.frozenRows, layout.frozenColumns],
    merges: merges.map(a1),
  });
  if (meta) meta.setValue(shape);
  else sh.addDeveloperMetadata(SHAPE_KEY, shape);
  applyRules(sh, buildRules(sh, layout, settings));

  for (const c of sh.getCharts()) sh.removeChart(c);
  const first = layout.tables[0];
  if (first?.rows) {
    const names = sh.getRange(first.headerRow, COL.manager, first.rows + 1, 1);
    const points = sh.getRange(first.headerRow, COL.points, first.rows + 1, 1);
    const first0 = layout.values[0]?.[0];
    const title = typeof first0 === 'string' ? first0 : '';
    sh.insertChart(
      sh
        .newChart()
        .asBarChart()
        .addRange(names)
        .addRange(points)
        .setNumHeaders(1)
        .setOption('title', title)
        .setOption('legend', { position: 'none' })
        .setOption('colors', ['#1a73e8'])
        // the cells' own number format, so the chart says what the cells say
        .setOption('hAxis', { format: FORMAT.points })
        .setOption('dataLabels', { format: FORMAT.points })
        // a bar a name: the picture the Monday post carries stays readable on a phone
        .setOption('width', CHART_WIDTH)
        .setOption('height', chartHeight(first.rows))
        .setPosition(first.groupRow, cols + 2, 0, 0)
        .build(),
    );
  }
  protect(sh, protection.note, protection.editors);
  return { sheet: sh, rewritten: changed };
}

// a phone shows a photo about 340 px wide: at 420 the letters stay readable (10 px and more)
const CHART_WIDTH = 420;
/** Telegram takes a photo whose width + height is at most 10 000 (docs/services.md §B4) */
const CHART_MAX_HEIGHT = 3000;

export function chartHeight(rows: number): number {
  return Math.min(CHART_MAX_HEIGHT, Math.max(240, 70 + rows * 30));
}

/**
 * The status line (after a failed refresh, or once all sheets of a refresh are written): the
 * text in its first cell, the row bold and coloured across the table as the layout draws it.
 */
export function writeWarning(sheet: GoogleAppsScript.Spreadsheet.Sheet, text: string): void {
  sheet.getRange(HEADER_ROWS, 1).setNumberFormat(FORMAT.text).setValue(text);
  sheet
    .getRange(HEADER_ROWS, 1, 1, COLS)
    .setFontWeight(text ? 'bold' : 'normal')
    .setBackground(text ? COLOURS.warning : null);
}
