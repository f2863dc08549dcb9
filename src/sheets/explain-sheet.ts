/**
 * Writes «Разбор» in one call (the links are formulas in the values: their cells are not text),
 * with a filter on its table; removes it when the option is off.
 */
import { EXPLAIN_COLS, type ExplainLayout } from './explain-layout';
import { deleteSheet, ensureSheet } from '../workbook/our-sheets';

export function writeExplainSheet(layout: ExplainLayout, name: string): void {
  const sh = ensureSheet('explain', name);
  const rows = layout.values.length;
  const old = sh.getLastRow();
  sh.getFilter()?.remove();
  if (sh.getMaxRows() < rows) sh.insertRowsAfter(sh.getMaxRows(), rows - sh.getMaxRows());
  const range = sh.getRange(1, 1, rows, EXPLAIN_COLS);
  range.setNumberFormats(layout.formats);
  range.setValues(layout.values);
  if (old > rows) sh.getRange(rows + 1, 1, old - rows, EXPLAIN_COLS).clearContent();
  sh.getRange(1, 1).setFontWeight('bold').setFontSize(14);
  sh.getRange(layout.headerRow, 1, 1, EXPLAIN_COLS)
    .setFontWeight('bold')
    .setBackground('#e8eaed')
    .setNotes([layout.headerNotes]);
  sh.setFrozenRows(layout.headerRow);
  layout.widths.forEach((w, i) => sh.setColumnWidth(i + 1, w));
  sh.getRange(
    layout.headerRow,
    1,
    Math.max(1, rows - layout.headerRow + 1),
    EXPLAIN_COLS,
  ).createFilter();
}

export function removeExplainSheet(): void {
  deleteSheet('explain');
}
