/**
 * «Зал славы»: each closed quarter's top three (and its best team, when teams are shown), added
 * once when the quarter closes — keyed by (quarter, place), so a retry or an overlapping run
 * never adds a row twice — and, beside them, the department's records of the best week and
 * month, kept in the sheet's developer metadata and replaced only by a higher one.
 */
import type { DeptRecord, Rating, TeamRow } from '../engine';
import { hallLabels } from '../i18n/hall-labels';
import { HALL_RECORDS, recordWhen } from '../i18n/motivation-texts';
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

/** The hall, with its title and header written when it is new. */
function ensureHall(lang: Language, sheetName: string): GoogleAppsScript.Spreadsheet.Sheet {
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
  return sh;
}

export function addQuarter(
  rating: Rating,
  label: (row: Rating['rows'][number]) => string,
  lang: Language,
  sheetName: string,
  bestTeam: TeamRow | null = null,
): number {
  const top = rating.rows.filter((r) => r.points > 0).slice(0, 3);
  if (!top.length || hallQuarters().has(rating.period.label)) return 0;
  const L = hallLabels(lang);
  const sh = ensureHall(lang, sheetName);
  const q = quarterLabel(lang, rating.period.label);
  const grid: unknown[][] = top.map((r) => [
    q,
    r.place,
    r.medal,
    label(r),
    r.points,
    r.figures.won,
  ]);
  if (bestTeam && bestTeam.points > 0)
    grid.push([
      q,
      '',
      '👥',
      `${HALL_RECORDS[lang].bestTeam}: ${bestTeam.name}`,
      bestTeam.points,
      bestTeam.won,
    ]);
  const start = Math.max(sh.getLastRow() + 1, FIRST_ROW);
  const range = sh.getRange(start, 1, grid.length, L.head.length);
  range.setNumberFormats(grid.map(() => ['@', '0', '@', '@', '#,##0.0', '#,##0']));
  range.setValues(grid);
  range.setBackgrounds(
    grid.map((_, i) =>
      new Array<string>(6).fill(
        i < top.length ? (PLACE_BACKGROUNDS[i] ?? '#ffffff') : TEAM_BACKGROUND,
      ),
    ),
  );
  sh.getRange(start, 1, grid.length, 1).setFontWeight('bold');
  return grid.length;
}

/** the best team's row: a calm blue, not a medal's colour */
export const TEAM_BACKGROUND = '#e3f2fd';

/** developer metadata on the hall: the records as kept, for the next refresh to compare with */
const RECORDS_KEY = 'amoRating.records';
/** the records block: right of the quarters, from this column */
export const RECORDS_COL = 8;

export interface HallRecords {
  week: DeptRecord | null;
  month: DeptRecord | null;
}

function isRecord(x: unknown): x is DeptRecord {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  return (
    (r.kind === 'week' || r.kind === 'month') &&
    typeof r.points === 'number' &&
    typeof r.userId === 'number' &&
    typeof r.name === 'string' &&
    typeof r.firstDay === 'string' &&
    typeof r.lastDay === 'string'
  );
}

/** The records the hall keeps (none when there is no hall or its metadata is unreadable). */
export function readRecords(): HallRecords {
  const sh = findSheet('hall');
  const none: HallRecords = { week: null, month: null };
  if (!sh) return none;
  const meta = sh.createDeveloperMetadataFinder().withKey(RECORDS_KEY).find()[0];
  if (!meta) return none;
  try {
    const parsed = JSON.parse(meta.getValue() ?? '') as Record<string, unknown>;
    return {
      week: isRecord(parsed.week) ? parsed.week : null,
      month: isRecord(parsed.month) ? parsed.month : null,
    };
  } catch {
    return none;
  }
}

/** Writes the records block and keeps the records in the hall's metadata. */
export function writeRecords(records: HallRecords, lang: Language, sheetName: string): void {
  if (!records.week && !records.month) return;
  const sh = ensureHall(lang, sheetName);
  const R = HALL_RECORDS[lang];
  const line = (label: string, r: DeptRecord | null): unknown[] =>
    r ? [label, r.points, r.name, recordWhen(lang, r.firstDay, r.lastDay)] : [label, '', '', ''];
  const grid = [
    [R.title, '', '', ''],
    [...R.head],
    line(R.week, records.week),
    line(R.month, records.month),
  ];
  const range = sh.getRange(FIRST_ROW - 2, RECORDS_COL, grid.length, 4);
  range.setNumberFormats(grid.map((_, i) => ['@', i >= 2 ? '#,##0.0' : '@', '@', '@']));
  range.setValues(grid);
  sh.getRange(FIRST_ROW - 2, RECORDS_COL).setFontWeight('bold');
  sh.getRange(FIRST_ROW - 1, RECORDS_COL, 1, 4)
    .setFontWeight('bold')
    .setBackground('#e8eaed');
  // a narrow gap after the quarters, so the records' «Когда» fits a laptop screen too
  sh.setColumnWidth(RECORDS_COL - 1, 24);
  [130, 80, 200, 190].forEach((w, i) => sh.setColumnWidth(RECORDS_COL + i, w));
  const value = JSON.stringify(records);
  const meta = sh.createDeveloperMetadataFinder().withKey(RECORDS_KEY).find()[0];
  if (meta) meta.setValue(value);
  else sh.addDeveloperMetadata(RECORDS_KEY, value);
}
