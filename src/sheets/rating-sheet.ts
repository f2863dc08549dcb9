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

export function writeRatingSheet(
  target: SheetTarget,
  layout: SheetLayout,
  settings: Pick<EngineSettings, 'norms' | 'thresholds'>,
  protection: { note: string; editors: readonly string[] },
): GoogleAppsScript.Spreadsheet.Sheet {
  const sh = ensureSheet(target.role, target.name);
  const rows = layout.values.length;
  const cols = layout.cols;
  const old = sh.getLastRow();
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
  if (sh.getMaxRows() < rows + 30) sh.insertRowsAfter(sh.getMaxRows(), rows + 30 - sh.getMaxRows());
  if (sh.getMaxColumns() < cols)
    sh.insertColumnsAfter(sh.getMaxColumns(), cols - sh.getMaxColumns());
  sh.getRange(1, 1, Math.max(rows, old, 1), oldCols).breakApart();
  const range = sh.getRange(1, 1, rows, cols);
  range.setNumberFormats(layout.formats);
  range.setValues(layout.values);
  range.setFontWeights(layout.weights);
  range.setBackgrounds(layout.backgrounds);
  range.setFontColors(layout.fontColors);
  range.setNotes(layout.notes);
  if (old > rows) sh.getRange(rows + 1, 1, old - rows, oldCols).clear();
  if (oldCols > cols) sh.getRange(1, cols + 1, Math.max(rows, old, 1), oldCols - cols).clear();
  if (width) {
    if (written !== cols) width.setValue(String(cols));
  } else if (cols > COLS) sh.addDeveloperMetadata(WIDTH_KEY, String(cols));
  for (const m of layout.merges) sh.getRange(m.row, m.col, m.numRows, m.numCols).merge();
  sh.getRange(1, 1).setFontSize(14);
  sh.setFrozenRows(layout.frozenRows);
  sh.setFrozenColumns(layout.frozenColumns);
  layout.widths.forEach((w, i) => sh.setColumnWidth(i + 1, w));
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
        .setPosition(first.groupRow, cols + 2, 0, 0)
        .build(),
    );
  }
  protect(sh, protection.note, protection.editors);
  return sh;
}

/** After a failed refresh: the previous rating stays, the warning line says what happened. */
export function writeWarning(sheet: GoogleAppsScript.Spreadsheet.Sheet, text: string): void {
  sheet
    .getRange(HEADER_ROWS, 1)
    .setNumberFormat(FORMAT.text)
    .setValue(text)
    .setFontWeight(text ? 'bold' : 'normal')
    .setBackground(text ? COLOURS.warning : null);
}
