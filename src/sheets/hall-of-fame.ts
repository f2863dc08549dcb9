/**
 * «Зал славы»: each closed quarter's top three, added once when the quarter closes — keyed by
 * (quarter, place), so a retry or an overlapping run never adds a row twice.
 */
import type { Rating } from '../engine';
import { hallLabels } from '../i18n/hall-labels';
import type { Language } from '../i18n/messages';
import { quarterLabel } from '../i18n/period-labels';
import { ensureSheet, findSheet } from '../workbook/our-sheets';

const FIRST_ROW = 5; // title, subtitle, blank, header

/**
 * The rows of the three places: gold, silver and a bronze tone (brown-orange), never the pink of
 * a broken norm on the rating sheets — a third place is an honour, not a warning.
 */
export const PLACE_BACKGROUNDS = ['#fff3c4', '#eceff1', '#f0d9c0'] as const;

/** Quarter keys ('2025-Q4') already in the hall, read back from its labels in either language. */
export function hallQuarters(): Set<string> {
  const sh = findSheet('hall');
  const out = new Set<string>();
  if (!sh || sh.getLastRow() < FIRST_ROW) return out;
  for (const [label] of sh.getRange(FIRST_ROW, 1, sh.getLastRow() - FIRST_ROW + 1, 1).getValues()) {
    const s = String(label);
    const ru = /^(I{1,3}|IV) кв\. (\d{4})$/.exec(s);
    const en = /^Q([1-4]) (\d{4})$/.exec(s);
    if (ru) out.add(`${ru[2]}-Q${['I', 'II', 'III', 'IV'].indexOf(ru[1] ?? '') + 1}`);
    else if (en) out.add(`${en[2]}-Q${en[1]}`);
  }
  return out;
}

export function addQuarter(
  rating: Rating,
  label: (row: Rating['rows'][number]) => string,
  lang: Language,
  sheetName: string,
): number {
  const top = rating.rows.filter((r) => r.points > 0).slice(0, 3);
  if (!top.length || hallQuarters().has(rating.period.label)) return 0;
  const L = hallLabels(lang);
  const sh = ensureSheet('hall', sheetName);
  if (sh.getLastRow() < FIRST_ROW - 1) {
    sh.getRange(1, 1, 4, L.head.length)
      .setValues([
        [L.title, '', '', '', '', ''],
        [L.subtitle, '', '', '', '', ''],
        ['', '', '', '', '', ''],
        L.head,
      ])
      .setNumberFormat('@');
    sh.getRange(1, 1).setFontSize(18).setFontWeight('bold');
    sh.getRange(2, 1).setFontColor('#5f6368');
    sh.getRange(4, 1, 1, L.head.length).setFontWeight('bold').setBackground('#e8eaed');
    sh.setFrozenRows(4);
    [120, 64, 40, 240, 100, 150].forEach((w, i) => sh.setColumnWidth(i + 1, w)); // the last header whole
  }
  const q = quarterLabel(lang, rating.period.label);
  const grid = top.map((r) => [q, r.place, r.medal, label(r), r.points, r.figures.won]);
  const start = Math.max(sh.getLastRow() + 1, FIRST_ROW);
  const range = sh.getRange(start, 1, grid.length, L.head.length);
  range.setNumberFormats(grid.map(() => ['@', '0', '@', '@', '#,##0.0', '#,##0']));
  range.setValues(grid);
  range.setBackgrounds(
    grid.map((_, i) => new Array<string>(6).fill(PLACE_BACKGROUNDS[i] ?? '#ffffff')),
  );
  sh.getRange(start, 1, grid.length, 1).setFontWeight('bold');
  return grid.length;
}
