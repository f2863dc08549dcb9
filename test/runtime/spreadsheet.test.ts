/**
 * SpreadsheetApp fails and behaves as Apps Script does.
 * Facts: docs/services.md §2.2 [RANGE] (setValues must match the range exactly, getValues types,
 * '' for empty, strings starting with '=' become formulas; writes are parsed as USER_ENTERED,
 * Sheets API ValueInputOption), §2.3 [SHEET] (setConditionalFormatRules replaces all rules).
 */
import { newRuntime, runScript } from '../support/gas';

describe('Range.setValues', () => {
  const rt = newRuntime();
  afterAll(() => rt.close());

  test("a grid with too few rows fails with Apps Script's message", () => {
    expect(() =>
      runScript(
        rt,
        `SpreadsheetApp.getActive().getSheets()[0].getRange(1, 1, 3, 2).setValues([[1, 2], [3, 4]]);`,
      ),
    ).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 2 but the range has 3.',
    );
  });

  test('a ragged grid fails on the short row', () => {
    expect(() =>
      runScript(
        rt,
        `SpreadsheetApp.getActive().getSheets()[0].getRange(1, 1, 2, 2).setValues([[1, 2], [3]]);`,
      ),
    ).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
  });

  test('a failed setValues writes nothing', () => {
    runScript(rt, `SpreadsheetApp.getActive().getSheets()[0].getRange('A10').setValue('before');`);
    expect(() =>
      runScript(
        rt,
        `SpreadsheetApp.getActive().getSheets()[0].getRange(10, 1, 2, 1).setValues([['after'], ['x', 'y']]);`,
      ),
    ).toThrow();
    expect(
      runScript(rt, `return SpreadsheetApp.getActive().getSheets()[0].getRange('A10').getValue();`),
    ).toBe('before');
  });

  test('a range outside the sheet fails', () => {
    expect(() =>
      runScript(rt, `SpreadsheetApp.getActive().getSheets()[0].getRange(1001, 1);`),
    ).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() =>
      runScript(rt, `SpreadsheetApp.getActive().getSheets()[0].getRange(0, 1);`),
    ).toThrow('The starting row of the range is too small.');
  });
});

describe('Range.getValues types', () => {
  test('numbers, strings, booleans, Dates of the script realm, and "" for empty cells', () => {
    const rt = newRuntime();
    const out = runScript(
      rt,
      `
      const sh = SpreadsheetApp.getActive().getSheets()[0];
      sh.getRange(1, 1, 1, 5).setValues([[42, 'текст', true, new Date(Date.UTC(2026, 0, 5, 9)), null]]);
      const v = sh.getRange(1, 1, 1, 6).getValues()[0];
      return [v[0], typeof v[0], v[1], v[2], v[3] instanceof Date, v[3].toISOString(), v[4], v[5]];
    `,
    );
    expect(out).toEqual([42, 'number', 'текст', true, true, '2026-01-05T09:00:00.000Z', '', '']);
  });

  test('numeric text is stored as a number, as if typed (USER_ENTERED)', () => {
    const rt = newRuntime();
    expect(
      runScript(
        rt,
        `
      const r = SpreadsheetApp.getActive().getSheets()[0].getRange(1, 1, 1, 3);
      r.setValues([['123', '50%', 'TRUE']]);
      return r.getValues()[0];
    `,
      ),
    ).toEqual([123, 0.5, true]);
  });
});

describe('formulas', () => {
  const rt = newRuntime();
  afterAll(() => rt.close());

  test('a string starting with "=" written by setValues becomes a formula', () => {
    const out = runScript(
      rt,
      `
      const sh = SpreadsheetApp.getActive().getSheets()[0];
      sh.getRange(1, 1, 1, 4).setValues([[2, 3, '=A1*B1', '=HYPERLINK("http://x","y")']]);
      return [sh.getRange('C1').getFormula(), sh.getRange('C1').getValue(), sh.getRange('D1').getValue(), sh.getRange('A1').getFormula()];
    `,
    );
    expect(out).toEqual(['=A1*B1', 6, 'y', '']);
  });

  test('"+7 900…" typed into a cell is read as a formula; a leading apostrophe or the "@" format keeps text', () => {
    const out = runScript(
      rt,
      `
      const sh = SpreadsheetApp.getActive().getSheets()[0];
      sh.getRange(2, 1, 1, 2).setValues([['+7 900 123', "'+7 900 123"]]);
      sh.getRange(2, 3).setNumberFormat('@').setValue('=IMPORTXML("x")');
      return [sh.getRange('A2').getFormula(), sh.getRange('B2').getValue(), sh.getRange('B2').getFormula(), sh.getRange('C2').getValue(), sh.getRange('C2').getFormula()];
    `,
    );
    expect(out).toEqual(['=+7 900 123', '+7 900 123', '', '=IMPORTXML("x")', '']);
  });
});

describe('conditional format rules', () => {
  test('setConditionalFormatRules replaces all rules [SHEET]; reading them back gives criteria and colours', () => {
    const rt = newRuntime();
    const out = runScript(
      rt,
      `
      const sh = SpreadsheetApp.getActive().getSheets()[0];
      const r = sh.getRange('B2:B10');
      const green = SpreadsheetApp.newConditionalFormatRule().whenNumberGreaterThanOrEqualTo(1).setBackground('#b7e1cd').setRanges([r]).build();
      const yellow = SpreadsheetApp.newConditionalFormatRule().whenNumberBetween(0.5, 0.9999).setBackground('#fce8b2').setRanges([r]).build();
      sh.setConditionalFormatRules([green, yellow]);
      const red = SpreadsheetApp.newConditionalFormatRule().whenFormulaSatisfied('=$C2>3').setBackground('#f4c7c3').setRanges([sh.getRange('C2:C10')]).build();
      sh.setConditionalFormatRules([red]);
      const rules = sh.getConditionalFormatRules();
      const c = rules[0].getBooleanCondition();
      return [rules.length, c.getCriteriaType(), c.getCriteriaValues(), c.getBackground(), rules[0].getRanges()[0].getA1Notation()];
    `,
    );
    expect(out).toEqual([1, 'CUSTOM_FORMULA', ['=$C2>3'], '#f4c7c3', 'C2:C10']);
  });

  test('keeping hand-made rules: read, filter, append, set once', () => {
    const rt = newRuntime();
    const out = runScript(
      rt,
      `
      const sh = SpreadsheetApp.getActive().getSheets()[0];
      const mine = SpreadsheetApp.newConditionalFormatRule().whenTextContains('x').setFontColor('#ff0000').setRanges([sh.getRange('A1:A5')]).build();
      sh.setConditionalFormatRules([mine]);
      const ours = SpreadsheetApp.newConditionalFormatRule().whenNumberLessThan(0).setBackground('#ff0000').setRanges([sh.getRange('B1:B5')]).build();
      sh.setConditionalFormatRules(sh.getConditionalFormatRules().concat([ours]));
      return sh.getConditionalFormatRules().map((r) => r.getBooleanCondition().getCriteriaType());
    `,
    );
    expect(out).toEqual(['TEXT_CONTAINS', 'NUMBER_LESS_THAN']);
  });

  test('gradient rules keep their points', () => {
    const rt = newRuntime();
    expect(
      runScript(
        rt,
        `
      const sh = SpreadsheetApp.getActive().getSheets()[0];
      const g = SpreadsheetApp.newConditionalFormatRule().setGradientMinpoint('#ffffff')
        .setGradientMidpointWithValue('#ffd666', SpreadsheetApp.InterpolationType.PERCENT, '50').setGradientMaxpoint('#57bb8a')
        .setRanges([sh.getRange('D1:D9')]).build();
      sh.setConditionalFormatRules([g]);
      const c = sh.getConditionalFormatRules()[0].getGradientCondition();
      return [c.getMinType(), c.getMidType(), c.getMidValue(), c.getMaxColor()];
    `,
      ),
    ).toEqual(['MIN', 'PERCENT', '50', '#57bb8a']);
  });
});

describe('sheet structure', () => {
  test('frozen rows, widths, notes, number formats, display values in the spreadsheet locale', () => {
    const rt = newRuntime();
    const out = runScript(
      rt,
      `
      const ss = SpreadsheetApp.getActive();
      const sh = ss.insertSheet('Неделя');
      sh.setFrozenRows(3);
      sh.setColumnWidth(2, 180);
      sh.getRange('A1').setNote('Всего заявок: …');
      sh.getRange(1, 2, 1, 2).setValues([[0.756, 1234.5]]);
      sh.getRange(1, 2, 1, 2).setNumberFormats([['0%', '#,##0.0']]);
      return [ss.getSheets().map((s) => s.getName()), sh.getFrozenRows(), sh.getColumnWidth(2), sh.getRange('A1').getNote(), sh.getRange(1, 2, 1, 2).getDisplayValues()[0], sh.getLastRow(), sh.getLastColumn()];
    `,
    );
    expect(out).toEqual([
      ['Лист1', 'Неделя'],
      3,
      180,
      'Всего заявок: …',
      ['76%', '1\u00a0234,5'],
      1,
      3,
    ]);
  });

  test('protections, named ranges and charts are recorded', () => {
    const rt = newRuntime();
    const out = runScript(
      rt,
      `
      const ss = SpreadsheetApp.getActive();
      const sh = ss.getSheets()[0];
      const p = sh.protect().setDescription('Рейтинг');
      p.removeEditors(p.getEditors());
      ss.setNamedRange('rating_table', sh.getRange('A1:C5'));
      const chart = sh.newChart().asBarChart().addRange(sh.getRange('A1:B5')).setPosition(2, 5, 0, 0).setOption('title', 'Баллы').build();
      sh.insertChart(chart);
      return [ss.getProtections(SpreadsheetApp.ProtectionType.SHEET).length, p.getEditors().map((u) => u.getEmail()), ss.getRangeByName('rating_table').getA1Notation(), sh.getCharts().length, sh.getCharts()[0].getOptions().get('title')];
    `,
    );
    expect(out).toEqual([1, ['head@sales.example'], 'A1:C5', 1, 'Баллы']);
  });

  test('a duplicate sheet name is refused', () => {
    const rt = newRuntime();
    expect(() => runScript(rt, `SpreadsheetApp.getActive().insertSheet('Лист1');`)).toThrow(
      'A sheet with the name "Лист1" already exists. Please enter another name.',
    );
  });
});

describe('service call counting (the cost model of the benchmarks)', () => {
  test('each service method call is counted once', () => {
    const rt = newRuntime();
    runScript(
      rt,
      `
      const sh = SpreadsheetApp.getActive().getSheets()[0];
      sh.getRange(1, 1, 100, 3).setValues(Array.from({ length: 100 }, (_, i) => [i, 'x', true]));
      sh.getRange(1, 1, 100, 3).getValues();
    `,
    );
    const c = rt.callCounts();
    expect(c['Range.setValues']).toBe(1);
    expect(c['Range.getValues']).toBe(1);
    expect(c['Sheet.getRange']).toBe(2);
    expect(rt.countOf('Range')).toBe(2);
    rt.resetCounts();
    expect(rt.callCounts()).toEqual({});
  });
});
