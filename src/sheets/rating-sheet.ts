/**
 * Writes a rating sheet from its layout: values in bulk (formats first, so names stay text),
 * frozen header, widths that fit, notes, native conditional rules, a bar chart of points, and a
 * protection only the sales head can edit through. The number of service calls does not depend
 * on the number of managers.
 */
import type { EngineSettings } from '../engine/engine-settings';
import { applyRules, buildRules } from './conditional-rules';
import { COL, COLS, HEADER_ROWS, type SheetLayout } from './rating-layout';

function sheetNamed(name: string): GoogleAppsScript.Spreadsheet.Sheet {
  const ss = SpreadsheetApp.getActive();
  return ss.getSheetByName(name) ?? ss.insertSheet(name);
}

/** ~7 px per character, as a sheet's own auto-fit does; the title rows do not widen columns. */
export function columnWidths(layout: SheetLayout): number[] {
  const widths = new Array<number>(COLS).fill(40);
  layout.values.forEach((row, i) => {
    if (i < HEADER_ROWS) return;
    const bold = layout.weights[i][0] === 'bold';
    row.forEach((v, c) => {
      const text = typeof v === 'number' ? v.toFixed(Number.isInteger(v) ? 0 : 1) : String(v ?? '');
      widths[c] = Math.max(
        widths[c],
        Math.min(280, Math.ceil(text.length * (bold ? 8.2 : 7.2)) + 18),
      );
    });
  });
  widths[COL.medal - 1] = 34;
  return widths;
}

export function writeRatingSheet(
  name: string,
  layout: SheetLayout,
  settings: EngineSettings,
  protectionNote: string,
): void {
  const sh = sheetNamed(name);
  const rows = layout.values.length;
  const old = sh.getLastRow();
  if (sh.getMaxRows() < rows + 5) sh.insertRowsAfter(sh.getMaxRows(), rows + 5 - sh.getMaxRows());
  if (sh.getMaxColumns() < COLS)
    sh.insertColumnsAfter(sh.getMaxColumns(), COLS - sh.getMaxColumns());
  const range = sh.getRange(1, 1, rows, COLS);
  range.setNumberFormats(layout.formats);
  range.setValues(layout.values);
  range.setFontWeights(layout.weights);
  range.setBackgrounds(layout.backgrounds);
  range.setNotes(layout.notes);
  if (old > rows) sh.getRange(rows + 1, 1, old - rows, COLS).clear();
  sh.getRange(1, 1).setFontSize(14);
  sh.setFrozenRows(layout.frozenRows);
  sh.setFrozenColumns(COL.manager);
  columnWidths(layout).forEach((w, i) => sh.setColumnWidth(i + 1, w));
  applyRules(sh, buildRules(sh, layout, settings));

  for (const c of sh.getCharts()) sh.removeChart(c);
  const first = layout.tables[0];
  if (first && first.rows) {
    const names = sh.getRange(first.headerRow, COL.manager, first.rows + 1, 1);
    const points = sh.getRange(first.headerRow, COL.points, first.rows + 1, 1);
    sh.insertChart(
      sh
        .newChart()
        .asBarChart()
        .addRange(names)
        .addRange(points)
        .setNumHeaders(1)
        .setOption('title', String(layout.values[0][0]))
        .setOption('legend', { position: 'none' })
        .setOption('colors', ['#1a73e8'])
        .setPosition(rows + 3, COL.manager, 0, 0)
        .build(),
    );
  }

  // managers read; only the sales head (the owner running this) edits
  const protection = sh.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0] ?? sh.protect();
  protection.setDescription(protectionNote);
  protection.addEditor(Session.getEffectiveUser());
  protection.removeEditors(
    protection.getEditors().filter((u) => u.getEmail() !== Session.getEffectiveUser().getEmail()),
  );
  if (protection.canDomainEdit()) protection.setDomainEdit(false);
}

/** After a failed refresh: the previous rating stays, the warning line says what happened. */
export function writeWarning(name: string, text: string): void {
  const sh = SpreadsheetApp.getActive().getSheetByName(name);
  if (!sh) return;
  sh.getRange(HEADER_ROWS, 1).setValue(text).setFontWeight('bold').setBackground('#fde7e9');
}
