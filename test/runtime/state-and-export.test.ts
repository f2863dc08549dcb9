/**
 * Saving/loading the runtime's state, and exporting a spreadsheet to .xlsx (read back with
 * exceljs) and to an HTML picture with the conditional rules evaluated.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { FakeClock, GasRuntime, spreadsheetToHtml, writeXlsx } from '../../dev/gas';
import { TRAFFIC_LIGHT_SHEET } from '../support/sheets';
import { newRuntime, runScript } from '../support/gas';

describe('save and load', () => {
  test('spreadsheet, properties and triggers survive into a new runtime (a later run)', async () => {
    const clock = new FakeClock('2026-03-02T00:00:00Z');
    const a = newRuntime({ clock });
    runScript(a, TRAFFIC_LIGHT_SHEET);
    runScript(
      a,
      `PropertiesService.getDocumentProperties().setProperty('cursor', '{"page":3}'); ScriptApp.newTrigger('tick').timeBased().everyHours(1).create();`,
    );
    const saved = JSON.parse(JSON.stringify(a.saveState()));
    const b = new GasRuntime({ clock, state: saved });
    const out = runScript(
      b,
      `
      const sh = SpreadsheetApp.getActive().getSheetByName('Неделя');
      return [sh.getRange('A2:B2').getValues()[0], sh.getConditionalFormatRules().length, PropertiesService.getDocumentProperties().getProperty('cursor'), ScriptApp.getProjectTriggers().length, sh.getFrozenRows()];
    `,
    );
    expect(out).toEqual([['Анна', 120.5], 3, '{"page":3}', 1, 1]);
    await a.close();
    await b.close();
  });
});

describe('export', () => {
  const rt = newRuntime();
  runScript(rt, TRAFFIC_LIGHT_SHEET);
  afterAll(() => rt.close());

  test('.xlsx read back with exceljs holds the same values, formats, notes, frozen rows, widths and rules', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'xlsx-')), 'rating.xlsx');
    await writeXlsx(rt.spreadsheet, file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('Неделя');
    if (!ws) throw new Error('sheet missing');
    expect([1, 2, 3, 4, 5].map((r) => ws.getCell(r, 1).value)).toEqual([
      'Менеджер',
      'Анна',
      'Борис',
      'Вера',
      '=HYPERLINK("http://x","y")',
    ]);
    expect(ws.getCell('B2').value).toBe(120.5);
    expect(ws.getCell('C2').numFmt).toBe('0%');
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect((ws.getCell('A1').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFE8EAED');
    expect(ws.getCell('B1').note).toBe('Сумма баллов за период');
    expect(ws.views[0]).toEqual(expect.objectContaining({ state: 'frozen', ySplit: 1 }));
    expect(ws.getColumn(1).width).toBeCloseTo(160 / 7, 0);
    // formulae come back as the XML's text
    const cf = (
      ws as unknown as {
        conditionalFormattings: Array<{ ref: string; rules: Array<Record<string, unknown>> }>;
      }
    ).conditionalFormattings;
    expect(
      cf.map((c) => [c.ref, c.rules[0]?.type, c.rules[0]?.operator ?? null, c.rules[0]?.formulae]),
    ).toEqual([
      ['C2:C5', 'cellIs', 'greaterThanOrEqual', ['1']],
      ['C2:C5', 'cellIs', 'greaterThanOrEqual', ['0.5']],
      ['D2:D5', 'expression', null, ['$D2>3']],
    ]);
  });

  test(".xlsx opens on the spreadsheet's active sheet (never a hidden one), dates as the spreadsheet shows them", async () => {
    const x = newRuntime();
    runScript(
      x,
      `const ss = SpreadsheetApp.getActive();
       const store = ss.getSheets()[0]; store.setName('_store'); store.hideSheet();
       const week = ss.insertSheet('Неделя');
       week.getRange('A1').setValue(new Date(Date.UTC(2026, 2, 15, 21, 0, 0)));
       week.getRange('A1').setNumberFormat('dd.mm.yyyy');
       ss.setActiveSheet(week);`,
    );
    const file = join(mkdtempSync(join(tmpdir(), 'xlsx-')), 'active.xlsx');
    await writeXlsx(x.spreadsheet, file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.views[0]?.activeTab).toBe(1);
    // midnight of 16 March in Moscow is 16 March in the file, not 15 March 21:00
    const v = wb.getWorksheet('Неделя')?.getCell('A1').value as Date;
    expect(v.toISOString()).toBe('2026-03-16T00:00:00.000Z');
    await x.close();
  });

  test('the HTML picture paints what the rules dictate: first matching rule wins', () => {
    const html = spreadsheetToHtml(rt.spreadsheet, { sheets: ['Неделя'] });
    const bg = (cell: string) =>
      new RegExp(`data-cell="${cell}" data-cf-bg="([^"]+)"`).exec(html)?.[1] ?? null;
    expect(bg('C2')).toBe('#b7e1cd'); // 120 % → green
    expect(bg('C3')).toBe('#fce8b2'); // 60 % → yellow
    expect(bg('C4')).toBeNull(); // 20 % → no colour
    expect(bg('D4')).toBe('#f4c7c3'); // 7 overdue > 3 → red
    expect(bg('D3')).toBeNull();
    expect(html).toContain('=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)'); // text written as text stays text
    expect(html).toContain('<figure class="chart"');
  });
});
