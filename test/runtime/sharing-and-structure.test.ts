/**
 * Who may write what, and what moves when rows and columns do, as in Google Sheets.
 * Facts: reference spreadsheet/protection (a new protection mirrors the file's editors until the
 * script changes them; "Neither the owner of the spreadsheet nor the current user can be
 * removed"; canEdit), docs/services.md §2.4 and §1.7 (10 M cells, 50,000 characters per cell).
 */
import { PROTECTED_MESSAGE, NO_EDIT_MESSAGE } from '../../dev/gas/access';
import { newRuntime, runScript } from '../support/gas';

const OWNER = 'owner@sales.example';
const HEAD = 'head@sales.example';
const DEPUTY = 'deputy@sales.example';
const MANAGER = 'manager@sales.example';
const VIEWER = 'viewer@sales.example';

function shared() {
  return newRuntime({
    sharing: { owner: OWNER, editors: [HEAD, DEPUTY, MANAGER], viewers: [VIEWER] },
  });
}

const SHEET = `SpreadsheetApp.getActive().getSheets()[0]`;

describe('sharing and protections', () => {
  test('a new protection mirrors the file; removing everyone keeps the owner and the person running it', () => {
    const rt = shared();
    const editors = runScript(
      rt,
      `const p = ${SHEET}.protect();
       const before = p.getEditors().map((u) => u.getEmail()).sort();
       p.removeEditors(p.getEditors());
       return [before, p.getEditors().map((u) => u.getEmail()).sort(), p.canEdit()];`,
      'menu',
      HEAD,
    );
    expect(editors).toEqual([[DEPUTY, HEAD, MANAGER, OWNER].sort(), [HEAD, OWNER].sort(), true]);
  });

  test('an editor left out of a sheet protection cannot write a cell, change the structure or the protection', () => {
    const rt = shared();
    runScript(rt, `const p = ${SHEET}.protect(); p.removeEditors(p.getEditors());`, 'menu', OWNER);
    for (const body of [
      `${SHEET}.getRange('A1').setValue('x');`,
      `${SHEET}.getRange('A1:B2').clear();`,
      `${SHEET}.insertRowsAfter(1, 2);`,
      `${SHEET}.setFrozenRows(1);`,
      `${SHEET}.setConditionalFormatRules([]);`,
      `${SHEET}.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0].addEditor('${MANAGER}');`,
      `SpreadsheetApp.getActive().deleteSheet(${SHEET});`,
    ])
      expect(() => runScript(rt, body, 'menu', MANAGER)).toThrow(PROTECTED_MESSAGE);
    expect(
      runScript(
        rt,
        `return ${SHEET}.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0].canEdit();`,
        'menu',
        MANAGER,
      ),
    ).toBe(false);
    // the owner always may; a listed editor may
    runScript(rt, `${SHEET}.getRange('A1').setValue('owner');`, 'menu', OWNER);
    runScript(
      rt,
      `${SHEET}.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0].addEditor('${DEPUTY}');`,
      'menu',
      OWNER,
    );
    runScript(rt, `${SHEET}.getRange('A2').setValue('deputy');`, 'menu', DEPUTY);
    expect(rt.spreadsheet.sheets[0]?.rows.map((r) => r?.[0]?.v)).toEqual(['owner', 'deputy']);
  });

  test('unprotected ranges of a protected sheet stay open; a write touching one protected cell is refused whole', () => {
    const rt = shared();
    runScript(
      rt,
      `const sh = ${SHEET}; const p = sh.protect(); p.removeEditors(p.getEditors());
       p.setUnprotectedRanges([sh.getRange('C1:C10')]);`,
      'menu',
      OWNER,
    );
    runScript(rt, `${SHEET}.getRange('C2:C3').setValues([[1], [2]]);`, 'menu', MANAGER);
    expect(() =>
      runScript(rt, `${SHEET}.getRange('C9:D9').setValues([[1, 2]]);`, 'menu', MANAGER),
    ).toThrow(PROTECTED_MESSAGE);
    expect(rt.spreadsheet.sheets[0]?.rows[8]).toBeUndefined();
  });

  test('a range protection guards only its cells; warning-only guards nothing', () => {
    const rt = shared();
    runScript(
      rt,
      `const r = ${SHEET}.getRange('A1:B2').protect(); r.removeEditors(r.getEditors());
       ${SHEET}.getRange('E1:E2').protect().setWarningOnly(true);`,
      'menu',
      OWNER,
    );
    expect(() => runScript(rt, `${SHEET}.getRange('B2').setValue(1);`, 'menu', HEAD)).toThrow(
      PROTECTED_MESSAGE,
    );
    runScript(
      rt,
      `${SHEET}.getRange('C3').setValue(1); ${SHEET}.getRange('E1').setValue(2);`,
      'menu',
      HEAD,
    );
  });

  test('a viewer, or anyone the file is not shared with, can edit nothing', () => {
    const rt = shared();
    for (const user of [VIEWER, 'stranger@else.example'])
      expect(() => runScript(rt, `${SHEET}.getRange('A1').setValue(1);`, 'menu', user)).toThrow(
        NO_EDIT_MESSAGE,
      );
    expect(rt.userEdit(VIEWER, 'Лист1', 1, 1, 'x')).toBe('You can only view this spreadsheet.');
    expect(rt.userEdit('stranger@else.example', 'Лист1', 1, 1, 'x')).toBe(NO_EDIT_MESSAGE);
    expect(rt.userEdit(MANAGER, 'Лист1', 1, 1, 'typed')).toBeNull();
    expect(rt.spreadsheet.sheets[0]?.rows[0]?.[0]?.v).toBe('typed');
  });

  test('a trigger runs as the person who created it', () => {
    const rt = shared();
    runScript(rt, `const p = ${SHEET}.protect(); p.removeEditors(p.getEditors());`, 'menu', OWNER);
    rt.evaluate(
      `function write() { SpreadsheetApp.getActive().getSheets()[0].getRange('A1').setValue('by trigger'); }`,
    );
    expect(() => rt.run('write', [], 'timeTrigger', MANAGER)).toThrow(PROTECTED_MESSAGE);
    rt.run('write', [], 'timeTrigger', OWNER);
  });
});

describe('inserting and deleting rows and columns moves what is anchored to them', () => {
  test('merges, rules, protections, the filter and frozen rows follow an inserted row; deleted ones shrink or vanish', () => {
    const rt = newRuntime();
    runScript(
      rt,
      `const sh = ${SHEET};
       sh.getRange('A1:C1').merge();
       sh.getRange('A5:B5').merge();
       sh.setFrozenRows(2);
       sh.getRange('A3:D8').createFilter();
       const rule = SpreadsheetApp.newConditionalFormatRule().whenNumberGreaterThan(1).setBackground('#ff0000').setRanges([sh.getRange('D3:D8')]).build();
       sh.setConditionalFormatRules([rule]);
       sh.getRange('A10:A12').protect().setDescription('keep');
       sh.insertRowsBefore(2, 3);`,
    );
    const s = rt.spreadsheet.sheets[0];
    expect(s?.merges).toEqual([
      { sheetId: s?.id, row: 1, col: 1, numRows: 1, numCols: 3 },
      { sheetId: s?.id, row: 8, col: 1, numRows: 1, numCols: 2 },
    ]);
    expect(s?.frozenRows).toBe(5);
    expect(s?.filter).toMatchObject({ row: 6, numRows: 6 });
    expect(s?.rules[0]?.ranges[0]).toMatchObject({ row: 6, numRows: 6, col: 4 });
    expect(s?.protections[0]?.range).toMatchObject({ row: 13, numRows: 3 });
    expect(s?.maxRows).toBe(1003);

    runScript(rt, `${SHEET}.deleteRows(7, 6);`); // rows 7..12: the merge at 8, part of the filter
    expect(s && rt.spreadsheet.sheets[0]?.merges).toHaveLength(1);
    expect(rt.spreadsheet.sheets[0]?.filter).toMatchObject({ row: 6, numRows: 1 });
    expect(rt.spreadsheet.sheets[0]?.rules[0]?.ranges[0]).toMatchObject({ row: 6, numRows: 1 });
    expect(rt.spreadsheet.sheets[0]?.protections[0]?.range).toMatchObject({ row: 7, numRows: 3 });
  });

  test('a column inserted before the data moves its cells, rules and widths', () => {
    const rt = newRuntime();
    runScript(
      rt,
      `const sh = ${SHEET};
       sh.getRange('A1:C1').setValues([['a', 'b', 'c']]);
       sh.setColumnWidth(2, 250);
       sh.insertColumnsAfter(1, 1);
       return sh.getRange('A1:D1').getValues();`,
    );
    const s = rt.spreadsheet.sheets[0];
    expect(s?.rows[0]?.map((c) => c?.v ?? '')).toEqual(['a', '', 'b', 'c']);
    expect(s?.colWidths).toEqual({ 3: 250 });
  });

  test('deleting every row, or rows outside the sheet, is refused', () => {
    const rt = newRuntime();
    expect(() => runScript(rt, `${SHEET}.deleteRows(1, 1000);`)).toThrow(
      'Sorry, it is not possible to delete all non-frozen rows.',
    );
    expect(() => runScript(rt, `${SHEET}.deleteRows(999, 5);`)).toThrow(
      'Those rows are out of bounds.',
    );
  });
});

describe('size limits [§1.7]', () => {
  test('a cell holds at most 50,000 characters; a refused write writes nothing', () => {
    const rt = newRuntime();
    runScript(rt, `${SHEET}.getRange('A1').setValue('x'.repeat(50000));`);
    expect(() =>
      runScript(rt, `${SHEET}.getRange('A2:A3').setValues([['ok'], ['x'.repeat(50001)]]);`),
    ).toThrow('Your input contains more than the maximum of 50000 characters in a single cell.');
    expect(rt.spreadsheet.sheets[0]?.rows[1]).toBeUndefined();
  });

  test('a Blob holds at most 50 MB', () => {
    const rt = newRuntime();
    // read back as a string: getBytes() would copy 52 million numbers into the script's heap,
    // a minute of the test's time for the same answer
    expect(
      runScript(
        rt,
        `return Utilities.newBlob('x'.repeat(50 * 1024 * 1024)).getDataAsString().length;`,
      ),
    ).toBe(50 * 1024 * 1024);
    expect(() => runScript(rt, `Utilities.newBlob('x'.repeat(50 * 1024 * 1024 + 1));`)).toThrow(
      'Argument too large: blob (50 MB maximum).',
    );
  });

  test('the spreadsheet holds at most 10 million cells across its sheets', () => {
    const rt = newRuntime();
    expect(
      () => runScript(rt, `${SHEET}.insertRowsAfter(1000, 400000);`), // 401,000 × 26 > 10 M
    ).toThrow(
      'This action would increase the number of cells in the workbook above the limit of 10000000 cells.',
    );
    runScript(rt, `${SHEET}.insertRowsAfter(1000, 300000);`);
    expect(rt.spreadsheet.sheets[0]?.maxRows).toBe(301000);
  });
});
