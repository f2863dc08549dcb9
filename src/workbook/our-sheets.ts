/**
 * The product's sheets are recognised by developer metadata, not by their names: a renamed or
 * moved sheet is still ours, and a sheet a user happens to call «Неделя» is not.
 * [docs/rules.md §5.2; reference spreadsheet/developer-metadata — scope spreadsheets.currentonly]
 */
export type SheetRole =
  | 'week'
  | 'month'
  | 'quarter'
  | 'history'
  | 'hall'
  | 'explain'
  | 'store'
  | 'staging'
  | 'outbox'
  | 'finals'
  | 'card'
  | 'cardData';

export const SHEET_KEY = 'amoRating.sheet';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export function findSheet(role: SheetRole): Sheet | null {
  const found = SpreadsheetApp.getActive()
    .createDeveloperMetadataFinder()
    .withKey(SHEET_KEY)
    .withValue(role)
    .find();
  for (const m of found) {
    const sheet = m.getLocation().getSheet();
    if (sheet) return sheet;
  }
  return null;
}

/** A free sheet name: the wanted one, or the wanted one with a number when a user's sheet has it. */
function freeName(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, wanted: string): string {
  if (!ss.getSheetByName(wanted)) return wanted;
  for (let i = 2; ; i++) if (!ss.getSheetByName(`${wanted} (${i})`)) return `${wanted} (${i})`;
}

/** Our sheet of a role, created (and marked) when missing. */
export function ensureSheet(role: SheetRole, name: string, hidden = false): Sheet {
  const existing = findSheet(role);
  if (existing) return existing;
  const ss = SpreadsheetApp.getActive();
  const sheet = ss.insertSheet(freeName(ss, name));
  sheet.addDeveloperMetadata(SHEET_KEY, role);
  if (hidden) sheet.hideSheet();
  return sheet;
}

export function deleteSheet(role: SheetRole): void {
  const sheet = findSheet(role);
  if (sheet) SpreadsheetApp.getActive().deleteSheet(sheet);
}
