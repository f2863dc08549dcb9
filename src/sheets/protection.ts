/**
 * Who may change the rating sheets (docs/rules.md §5.2): managers read; the spreadsheet's owner, the
 * person who set the protection up and the editors the sales head lists in the settings edit.
 * Refreshes never remove anyone — Google never removes the owner or the person running the code,
 * so the recipe "remove every editor but me" would lock out whoever owns the scheduled trigger as
 * soon as a deputy clicks «Обновить сейчас». [docs/services.md §2.4; reference spreadsheet/protection:
 * "Neither the owner of the spreadsheet nor the current user can be removed."]
 */
const ADDED_KEY = 'amoRating.editors';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The sheet's protection, created on first use with only the owner and the current user. */
function protectionOf(sheet: Sheet, note: string): GoogleAppsScript.Spreadsheet.Protection {
  const existing = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0];
  if (existing) return existing;
  const p = sheet.protect().setDescription(note);
  // until editors change, a new protection mirrors the file's editors, i.e. protects nothing
  p.removeEditors(p.getEditors());
  if (p.canDomainEdit()) p.setDomainEdit(false);
  return p;
}

/** Whether the person running this may write the sheet (the owner always may). */
export function canWrite(sheet: Sheet): boolean {
  const p = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0];
  return !p || p.canEdit();
}

/**
 * Keeps the protection in step with the settings' editors: adds the listed ones, removes only
 * those the settings listed before and no longer do. Nobody else is touched.
 */
export function protect(sheet: Sheet, note: string, editors: readonly string[]): void {
  const p = protectionOf(sheet, note);
  if (p.getDescription() !== note) p.setDescription(note);
  const meta = sheet.createDeveloperMetadataFinder().withKey(ADDED_KEY).find()[0] ?? null;
  let before: string[] = [];
  try {
    const parsed: unknown = JSON.parse(meta?.getValue() ?? '[]');
    if (Array.isArray(parsed)) before = parsed.filter((x): x is string => typeof x === 'string');
  } catch {
    before = [];
  }
  const wanted = editors.map((e) => e.toLowerCase());
  const gone = before.filter((e) => !wanted.includes(e));
  const have = new Set(p.getEditors().map((u) => u.getEmail().toLowerCase()));
  const add = wanted.filter((e) => !have.has(e));
  if (add.length) p.addEditors(add);
  if (gone.length) p.removeEditors(gone);
  const value = JSON.stringify(wanted);
  if (meta) {
    if (meta.getValue() !== value) meta.setValue(value);
  } else sheet.addDeveloperMetadata(ADDED_KEY, value);
}
