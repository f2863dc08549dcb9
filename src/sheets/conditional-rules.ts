/**
 * The rating's colours as native conditional format rules (PRODUCT.md §3.3): plan % green at or
 * above the green threshold, yellow at or above the yellow one; red where overdue tasks, lost
 * deals (count or share) or leads without tasks exceed the norms. Rules a user added by hand are
 * kept: ours are recognised by the fingerprints we saved when we set them.
 * [apps-script.md §2.3: setConditionalFormatRules replaces all rules]
 */
import type { EngineSettings } from '../engine/engine-settings';
import { columnLetter } from './a1';
import { COL, figureCol, type SheetLayout } from './rating-layout';

export const GREEN = '#b7e1cd';
export const YELLOW = '#fce8b2';
export const RED = '#f4c7c3';
export const RED_TEXT = '#a50e0e';

const KEY = (sheetName: string) => `sheets.rules.${sheetName}`;

function fingerprint(rule: GoogleAppsScript.Spreadsheet.ConditionalFormatRule): string {
  const b = rule.getBooleanCondition();
  const g = rule.getGradientCondition();
  return JSON.stringify({
    r: rule.getRanges().map((x) => x.getA1Notation()),
    t: b ? String(b.getCriteriaType()) : g ? 'gradient' : '',
    v: b ? b.getCriteriaValues().map(String) : [],
    bg: b ? b.getBackground() : null,
  });
}

export function buildRules(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  layout: SheetLayout,
  settings: EngineSettings,
): GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] {
  const rules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] = [];
  const norms = settings.norms;
  for (const tbl of layout.tables) {
    if (!tbl.rows) continue;
    const col = (c: number) => sheet.getRange(tbl.firstRow, c, tbl.rows, 1);
    const pct = col(COL.planPct);
    rules.push(
      SpreadsheetApp.newConditionalFormatRule()
        .whenNumberGreaterThanOrEqualTo(settings.thresholds.green)
        .setBackground(GREEN)
        .setRanges([pct])
        .build(),
    );
    rules.push(
      SpreadsheetApp.newConditionalFormatRule()
        .whenNumberGreaterThanOrEqualTo(settings.thresholds.yellow)
        .setBackground(YELLOW)
        .setRanges([pct])
        .build(),
    );
    const red = (c: number, limit: number | null | undefined) => {
      if (limit === null || limit === undefined) return;
      rules.push(
        SpreadsheetApp.newConditionalFormatRule()
          .whenNumberGreaterThan(limit)
          .setBackground(RED)
          .setFontColor(RED_TEXT)
          .setRanges([col(c)])
          .build(),
      );
    };
    red(figureCol('overdueTasks'), norms.maxOverdueTasks);
    red(figureCol('lost'), norms.maxLost);
    red(figureCol('leadsWithoutTasks'), norms.maxLeadsWithoutTasks);
    if (norms.maxLostShare !== null && norms.maxLostShare !== undefined) {
      const won = `$${columnLetter(figureCol('won'))}${tbl.firstRow}`;
      const lost = `$${columnLetter(figureCol('lost'))}${tbl.firstRow}`;
      rules.push(
        SpreadsheetApp.newConditionalFormatRule()
          .whenFormulaSatisfied(
            `=AND(${won}+${lost}>0,${lost}/(${won}+${lost})>${norms.maxLostShare})`,
          )
          .setBackground(RED)
          .setFontColor(RED_TEXT)
          .setRanges([col(figureCol('lost'))])
          .build(),
      );
    }
  }
  return rules;
}

/** Replaces our rules, keeps everyone else's, with one setConditionalFormatRules call. */
export function applyRules(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  ours: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[],
): void {
  const props = PropertiesService.getDocumentProperties();
  const previous = new Set<string>(
    JSON.parse(props.getProperty(KEY(sheet.getName())) ?? '[]') as string[],
  );
  const theirs = sheet.getConditionalFormatRules().filter((r) => !previous.has(fingerprint(r)));
  sheet.setConditionalFormatRules(theirs.concat(ours));
  props.setProperty(KEY(sheet.getName()), JSON.stringify(ours.map(fingerprint)));
}
