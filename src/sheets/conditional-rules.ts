/**
 * The rating's colours as native conditional format rules (docs/rules.md §3.3.3, §3.3.4): the pace
 * (a closed period's plan %) green at or above the green threshold, yellow at or above the yellow
 * one, red below it; a figure with a plan (§3.2.6) the same way by its own pace, against the plan
 * in its row; red where overdue tasks, lost deals (count or share) or deals without tasks exceed
 * the norms, and the manager's name red with them. Rules a user added by hand are
 * kept: ours are recognised by the signatures (condition and colours, never the A1 ranges, which
 * move when rows are inserted) saved in the sheet's developer metadata.
 * [docs/services.md §2.3: setConditionalFormatRules replaces all rules]
 */
import type { EngineSettings } from '../engine';
import type { DetailColumn } from '../i18n/glossary';
import { COL, COLOURS, detailCol, type SheetLayout } from './rating-layout';

const RULES_KEY = 'amoRating.rules';

type Rule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export function signature(rule: Rule): string {
  const b = rule.getBooleanCondition();
  const g = rule.getGradientCondition();
  return JSON.stringify({
    t: b ? String(b.getCriteriaType()) : g ? 'gradient' : '',
    v: b ? b.getCriteriaValues().map(String) : [],
    bg: b ? b.getBackground() : null,
    fc: b ? b.getFontColor() : null,
  });
}

export function buildRules(
  sheet: Sheet,
  layout: SheetLayout,
  settings: Pick<EngineSettings, 'norms' | 'thresholds'>,
): Rule[] {
  const rules: Rule[] = [];
  const { norms, thresholds } = settings;
  for (const j of layout.judged) rules.push(...trafficLight(sheet, j, thresholds));
  for (const tbl of layout.tables) {
    if (!tbl.rows) continue;
    const col = (c: number) => sheet.getRange(tbl.firstRow, c, tbl.rows, 1);
    // a closed period shows no pace: its plan % is what is judged
    const judgedCol = tbl.closed ? COL.planPct : COL.pace;
    rules.push(
      ...trafficLight(
        sheet,
        { firstRow: tbl.firstRow, rows: tbl.rows, col: judgedCol },
        thresholds,
      ),
    );
    // the manager's name is red when a norm on the row is broken: the red cells are far right,
    // off-screen from the names; the rule reads the row's cells, so the mark follows a sort
    const limits: Array<[DetailColumn, number | null | undefined]> = [
      ['overdueTasks', norms.maxOverdueTasks],
      ['lost', norms.maxLost],
      ['lostShare', norms.maxLostShare],
      ['leadsWithoutTasks', norms.maxLeadsWithoutTasks],
    ];
    const over = limits.flatMap(([c, limit]) =>
      limit === null || limit === undefined
        ? []
        : [`$${columnLetters(detailCol(c))}${tbl.firstRow}>${round(limit)}`],
    );
    if (over.length)
      rules.push(
        SpreadsheetApp.newConditionalFormatRule()
          .whenFormulaSatisfied(`=OR(${over.join(',')})`)
          .setBackground(COLOURS.red)
          .setFontColor(COLOURS.redText)
          .setRanges([col(COL.manager)])
          .build(),
      );
    const red = (c: DetailColumn, limit: number | null | undefined) => {
      if (limit === null || limit === undefined) return;
      rules.push(
        SpreadsheetApp.newConditionalFormatRule()
          .whenNumberGreaterThan(limit)
          .setBackground(COLOURS.red)
          .setFontColor(COLOURS.redText)
          .setRanges([col(detailCol(c))])
          .build(),
      );
    };
    // a figure's pace = figure ÷ (plan × elapsed); the plan is read from the row's plan cell, so the
    // colour follows the row when someone sorts
    if (tbl.elapsed !== null) {
      const elapsed = tbl.elapsed;
      for (const fp of layout.figurePlans) {
        const cells = col(fp.figureCol);
        const figure = columnLetters(fp.figureCol);
        const plan = columnLetters(fp.planCol);
        const atLeast = (threshold: number) =>
          `=AND($${plan}${tbl.firstRow}>0,` +
          `${figure}${tbl.firstRow}>=$${plan}${tbl.firstRow}*${round(elapsed * threshold)})`;
        rules.push(
          SpreadsheetApp.newConditionalFormatRule()
            .whenFormulaSatisfied(atLeast(thresholds.green))
            .setBackground(COLOURS.green)
            .setRanges([cells])
            .build(),
          SpreadsheetApp.newConditionalFormatRule()
            .whenFormulaSatisfied(atLeast(thresholds.yellow))
            .setBackground(COLOURS.yellow)
            .setRanges([cells])
            .build(),
        );
      }
    }
    red('overdueTasks', norms.maxOverdueTasks);
    red('lost', norms.maxLost);
    red('lostShare', norms.maxLostShare);
    red('leadsWithoutTasks', norms.maxLeadsWithoutTasks);
  }
  return rules;
}

/** Green at or above the green threshold, yellow at or above the yellow one, red below it. */
function trafficLight(
  sheet: Sheet,
  cells: { firstRow: number; rows: number; col: number },
  thresholds: EngineSettings['thresholds'],
): Rule[] {
  const range = sheet.getRange(cells.firstRow, cells.col, cells.rows, 1);
  const cell = `${columnLetters(cells.col)}${cells.firstRow}`;
  return [
    SpreadsheetApp.newConditionalFormatRule()
      .whenNumberGreaterThanOrEqualTo(thresholds.green)
      .setBackground(COLOURS.green)
      .setRanges([range])
      .build(),
    SpreadsheetApp.newConditionalFormatRule()
      .whenNumberGreaterThanOrEqualTo(thresholds.yellow)
      .setBackground(COLOURS.yellow)
      .setRanges([range])
      .build(),
    // below yellow is red (PRODUCT.md §3.3's traffic light); an empty cell (no plan, the first
    // day) is not judged: a number-less-than rule would take it for 0, so LEN guards it
    SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied(`=AND(LEN(${cell})>0,${cell}<${round(thresholds.yellow)})`)
      .setBackground(COLOURS.red)
      .setFontColor(COLOURS.redText)
      .setRanges([range])
      .build(),
  ];
}

/** A 1-based column number in A1 letters (1 → A, 27 → AA). */
export function columnLetters(col: number): string {
  let out = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26))
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

/** A factor written into a rule's formula: plain decimal notation, 10 significant digits. */
function round(x: number): string {
  return String(Number(x.toPrecision(10)));
}

function savedSignatures(sheet: Sheet): {
  set: Set<string>;
  meta: GoogleAppsScript.Spreadsheet.DeveloperMetadata | null;
} {
  const meta = sheet.createDeveloperMetadataFinder().withKey(RULES_KEY).find()[0] ?? null;
  let list: unknown;
  try {
    list = JSON.parse(meta?.getValue() ?? '[]');
  } catch {
    list = [];
  }
  const set = new Set(
    Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [],
  );
  return { set, meta };
}

/** Replaces our rules, keeps everyone else's, with one setConditionalFormatRules call. */
export function applyRules(sheet: Sheet, ours: Rule[]): void {
  const { set, meta } = savedSignatures(sheet);
  const mine = new Set(ours.map(signature));
  const theirs = sheet
    .getConditionalFormatRules()
    .filter((r) => !set.has(signature(r)) && !mine.has(signature(r)));
  sheet.setConditionalFormatRules(theirs.concat(ours));
  const value = JSON.stringify([...mine]);
  if (meta) meta.setValue(value);
  else sheet.addDeveloperMetadata(RULES_KEY, value);
}
