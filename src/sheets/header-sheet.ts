/** A sheet of rows under a bold, frozen header, created on first use. */
export function sheetWithHeader(name: string, head: string[]): GoogleAppsScript.Spreadsheet.Sheet {
  const ss = SpreadsheetApp.getActive();
  let sh = ss.getSheetByName(name);
  if (!sh) {
    sh = ss.insertSheet(name);
    sh.getRange(1, 1, 1, head.length)
      .setValues([head])
      .setFontWeight('bold')
      .setBackground('#e8eaed');
    sh.setFrozenRows(1);
  }
  return sh;
}
