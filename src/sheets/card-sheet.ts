/**
 * Writes «Карточка менеджера» and its hidden data sheet (docs/rules.md §5.4): the data in one
 * setValues, the card's formulas in another, the drop-down (data validation over the data's
 * names, nothing else accepted), the 12 weeks' chart; a choice still on the list is kept across
 * refreshes. The card is protected like the rating sheets except its drop-down cell.
 */
import { CARD, CARD_COLS, CARD_ROWS, CHOSEN, type CardLayout, type CardNames } from './card-layout';
import { cardLabels } from '../i18n/card-labels';
import type { Language } from '../i18n/messages';
import { protect } from './protection';
import { deleteSheet, ensureSheet } from '../workbook/our-sheets';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

function fit(sh: Sheet, rows: number, cols: number): void {
  if (sh.getMaxRows() < rows) sh.insertRowsAfter(sh.getMaxRows(), rows - sh.getMaxRows());
  if (sh.getMaxColumns() < cols)
    sh.insertColumnsAfter(sh.getMaxColumns(), cols - sh.getMaxColumns());
}

export function writeCardSheets(
  build: (names: CardNames) => CardLayout,
  lang: Language,
  protection: { note: string; editors: readonly string[] },
): void {
  const L = cardLabels(lang);
  const card = ensureSheet('card', L.sheet);
  const data = ensureSheet('cardData', L.dataSheet, true);
  // the formulas name the sheets as they are called now (a user may have renamed them)
  const layout = build({ card: card.getName(), data: data.getName() });

  const rows = layout.data.values.length;
  const cols = CHOSEN.col;
  fit(data, rows, cols);
  const old = data.getLastRow();
  data
    .getRange(1, 1, rows, cols)
    .setNumberFormats(layout.data.formats)
    .setValues(layout.data.values);
  if (old > rows) data.getRange(rows + 1, 1, old - rows, cols).clearContent();

  fit(card, CARD_ROWS, CARD_COLS);
  const chosen = card.getRange(CARD.choice, 2).getDisplayValue();
  const values = layout.card.values.map((r) => [...r]);
  const choiceRow = values[CARD.choice - 1];
  if (choiceRow && layout.names.includes(chosen)) choiceRow[1] = chosen;
  card.getRange(1, 1, CARD_ROWS, CARD_COLS).setNumberFormats(layout.card.formats).setValues(values);
  card.getRange(CARD.title, 1).setFontWeight('bold').setFontSize(14);
  card.getRange(CARD.choice, 1, 1, 2).setFontWeight('bold').setBackground('#fef7e0');
  for (const r of layout.boldRows)
    card.getRange(r, 1, 1, CARD_COLS).setFontWeight('bold').setBackground('#e8eaed');
  layout.widths.forEach((w, i) => card.setColumnWidth(i + 1, w));
  card.getRange(CARD.choice, 2).setDataValidation(
    SpreadsheetApp.newDataValidation()
      .requireValueInRange(data.getRange(2, 1, Math.max(1, rows - 1), 1), true)
      .setAllowInvalid(false)
      .setHelpText(L.help)
      .build(),
  );

  for (const c of card.getCharts()) card.removeChart(c);
  card.insertChart(
    card
      .newChart()
      .asLineChart()
      .addRange(card.getRange(layout.chart.firstRow, 1, layout.chart.rows, 1))
      .addRange(card.getRange(layout.chart.firstRow, 2, layout.chart.rows, 1))
      .setNumHeaders(1)
      .setOption('title', layout.chart.title)
      .setOption('legend', { position: 'none' })
      .setOption('colors', ['#1a73e8'])
      .setOption('dataLabels', { format: '#,##0.0' })
      .setOption('width', 560)
      .setOption('height', 300)
      .setPosition(CARD.periodsHead, CARD_COLS + 2, 0, 0)
      .build(),
  );
  protect(card, protection.note, protection.editors);
  card
    .getProtections(SpreadsheetApp.ProtectionType.SHEET)[0]
    ?.setUnprotectedRanges([card.getRange(CARD.choice, 2)]);
  protect(data, protection.note, protection.editors);
}

export function removeCardSheets(): void {
  deleteSheet('card');
  deleteSheet('cardData');
}
