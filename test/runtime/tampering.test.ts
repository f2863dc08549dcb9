/**
 * People do things to spreadsheets. Each tampering is done the way a user (or a script of
 * theirs) would, on a published rating; the next refresh must end in the right rating or in a
 * clear status, with nothing lost: our sheets, blocks and rules are found by developer metadata,
 * never by names or A1 ranges; История is read by its header names. Facts: docs/rules.md §5.2, §8;
 * docs/services.md §2.3.
 */
import { FakeClock, GasRuntime, type RuntimeState } from '../../dev/gas';
import { sheetRows, type CliRow } from '../support/cli-truth';
import { setUpRuntime, sheetValues, startFixtureEmulator } from '../support/fixture-account';
import { runScript } from '../support/gas';
import { doThenRefresh, publishMonday, type PublishedMonday } from '../support/published-monday';

const SS = 'SpreadsheetApp.getActive()';
const byRole = (role: string) =>
  `${SS}.getSheets().find((s) => s.getDeveloperMetadata().some((m) => m.getKey() === 'amoRating.sheet' && m.getValue() === '${role}'))`;

describe('tampering with the sheets', () => {
  let m: PublishedMonday;
  let published: RuntimeState;
  let tuesday: CliRow[];
  const open: GasRuntime[] = [];

  beforeAll(async () => {
    m = await publishMonday();
    ({ published, tuesday } = m);
  });
  afterEach(async () => {
    for (const rt of open.splice(0)) await rt.close();
  });
  afterAll(() => m.amo.stop());

  function tamperThenRefresh(tamper: string): GasRuntime {
    const rt = doThenRefresh(m, tamper);
    open.push(rt);
    return rt;
  }
  const week = (rt: GasRuntime) => sheetValues(rt, 'Неделя');
  const warning = (rt: GasRuntime) => String((week(rt)[3]?.[0] as string | undefined) ?? '');
  const rolesOf = (rt: GasRuntime) =>
    (rt.spreadsheet.metadata ?? []).filter((m) => m.key === 'amoRating.sheet').map((m) => m.value);

  test('the week sheet deleted: written again, whole', () => {
    const rt = tamperThenRefresh(`${SS}.deleteSheet(${SS}.getSheetByName('Неделя'));`);
    expect(sheetRows(week(rt))).toEqual(tuesday);
    expect(rolesOf(rt).filter((r) => r === 'week')).toHaveLength(1);
  });

  test('the week sheet renamed: found by its metadata and written, no stale copy left', () => {
    const rt = tamperThenRefresh(`${SS}.getSheetByName('Неделя').setName('Рейтинг (старый)');`);
    const mine = rt.spreadsheet.sheets.filter((s) =>
      (rt.spreadsheet.metadata ?? []).some((m) => m.sheetId === s.id && m.value === 'week'),
    );
    expect(mine).toHaveLength(1);
    expect(sheetRows(sheetValues(rt, mine[0]?.name ?? ''))).toEqual(tuesday);
  });

  test('rows inserted above the table: the rating is written again and the rules are not doubled', () => {
    const rt = tamperThenRefresh(`${SS}.getSheetByName('Неделя').insertRowsBefore(2, 3);`);
    expect(sheetRows(week(rt))).toEqual(tuesday);
    const rules = rt.spreadsheet.sheets.find((s) => s.name === 'Неделя')?.rules ?? [];
    const baseline = published.spreadsheet.sheets.find((s) => s.name === 'Неделя')?.rules ?? [];
    expect(rules).toHaveLength(baseline.length);
  });

  test('a rule added by hand survives the refresh', () => {
    const rt = tamperThenRefresh(`
      const sh = ${SS}.getSheetByName('Неделя');
      const mine = SpreadsheetApp.newConditionalFormatRule().whenTextContains('Анна').setBold(true).setRanges([sh.getRange('C7:C20')]).build();
      sh.setConditionalFormatRules(sh.getConditionalFormatRules().concat([mine]));`);
    const rules = rt.spreadsheet.sheets.find((s) => s.name === 'Неделя')?.rules ?? [];
    expect(rules.filter((r) => r.boolean?.type === 'TEXT_CONTAINS')).toHaveLength(1);
    expect(sheetRows(week(rt))).toEqual(tuesday);
  });

  test('a column inserted into История: read by its header names, no NaN, new rows where they belong', () => {
    const rt = tamperThenRefresh(`
      const sh = ${byRole('history')};
      sh.insertColumnsBefore(2, 1);
      sh.getRange(1, 2).setValue('Комментарий');`);
    const history = sheetValues(rt, 'История');
    expect(JSON.stringify(history)).not.toContain('NaN');
    expect(warning(rt)).not.toContain('История');
    const header = history[0] ?? [];
    expect(header[1]).toBe('Комментарий');
    // the day cells are real dates: local midnight in Moscow (UTC+3)
    const local = (d: unknown) =>
      d instanceof Date ? new Date(d.getTime() + 3 * 3600_000).toISOString().slice(0, 10) : '';
    const days = new Set(history.slice(1).map((r) => local(r[0])));
    expect(days.has('2026-03-16')).toBe(true); // Monday's row, added on Tuesday
  });

  test('a bad cell in История: reported on the status line, never turned into a number', () => {
    const rt = tamperThenRefresh(`${byRole('history')}.getRange(2, 4).setValue('много');`);
    expect(warning(rt)).toContain('История');
    expect(JSON.stringify(sheetValues(rt, 'История'))).not.toContain('NaN');
    expect(sheetRows(week(rt))).toEqual(tuesday);
  });

  test('a date re-typed as text in История: the day is still recognised, no row written twice', () => {
    const rt = tamperThenRefresh(`
      const sh = ${byRole('history')};
      const v = sh.getRange(2, 1).getValue();
      sh.getRange(2, 1).setValue("'" + Utilities.formatDate(v, 'Europe/Moscow', 'dd.MM.yyyy'));`);
    const rows = sheetValues(rt, 'История').slice(1);
    const keys = rows.map(
      (r) =>
        `${String(r[0] instanceof Date ? r[0].toISOString().slice(0, 10) : r[0])}|${String(r[1])}`,
    );
    expect(new Set(keys).size).toBe(keys.length);
  });

  test.each([
    ['deleted', `${SS}.deleteSheet(${byRole('store')});`],
    ['cleared', `${byRole('store')}.clear();`],
    ['partly deleted', `${byRole('store')}.deleteRow(2);`],
    [
      'a character edited',
      `const r = ${byRole('store')}.getRange(2, 3); const t = r.getValue(); r.setValue(t.slice(0, 20) + (t[20] === 'A' ? 'B' : 'A') + t.slice(21));`,
    ],
  ])(
    'the hidden store %s: noticed, said in words, reloaded whole — never read as a smaller account',
    (_how, tamper) => {
      const rt = tamperThenRefresh(tamper);
      const rec = (
        JSON.parse(rt.properties.document['sync.records'] ?? '[]') as Array<{
          outcome: string;
          storeProblem?: string;
        }>
      )[0];
      expect(rec?.storeProblem).toBeTruthy();
      expect(rec?.outcome).toBe('complete'); // the full reload of a small account fits one run
      expect(sheetRows(week(rt))).toEqual(tuesday);
    },
  );

  test('the staging sheet of an unfinished sync deleted: the sync starts over and finishes right', () => {
    const rt = new GasRuntime({
      state: published,
      clock: new FakeClock('2026-03-17T04:00:00Z'),
      routes: m.routes,
      fetchLatencyMs: 150_000, // a run fits two batches: the sync stops half way
    });
    open.push(rt);
    rt.run('schedulerTick', [{}], 'timeTrigger');
    expect(rt.spreadsheet.sheets.some((s) => s.name === '_amocrm_staging')).toBe(true);
    runScript(rt, `${SS}.deleteSheet(${byRole('staging')});`);
    for (let i = 0; i < 10; i++) {
      rt.clock.advance?.(3600_000);
      rt.run('schedulerTick', [{}], 'timeTrigger');
    }
    expect(sheetRows(week(rt))).toEqual(tuesday);
  });

  test('the protection removed by the owner: the next refresh protects the sheet again', () => {
    const rt = tamperThenRefresh(
      `${SS}.getSheetByName('Неделя').getProtections(SpreadsheetApp.ProtectionType.SHEET).forEach((p) => p.remove());`,
    );
    const sheet = rt.spreadsheet.sheets.find((s) => s.name === 'Неделя');
    expect(sheet?.protections.filter((p) => p.kind === 'SHEET')).toHaveLength(1);
  });

  test('cells of the rating typed over by the owner: the refresh writes the rating again', () => {
    const rt = tamperThenRefresh(
      `${SS}.getSheetByName('Неделя').getRange('C7:D9').setValues([['x', 1], ['y', 2], ['z', 3]]);`,
    );
    expect(sheetRows(week(rt))).toEqual(tuesday);
  });

  test('the hall of fame emptied: its rows come back with the next closed quarter, none twice', () => {
    const rt = tamperThenRefresh(`${byRole('hall')}?.clear();`);
    expect(sheetRows(week(rt))).toEqual(tuesday);
    const hall = rt.spreadsheet.sheets.find((s) => s.name === 'Зал славы');
    if (hall) {
      const labels = sheetValues(rt, 'Зал славы').map((r) => String(r[0]));
      expect(new Set(labels.filter(Boolean)).size).toBe(labels.filter(Boolean).length);
    }
  });
});

describe('two executions overlapping', () => {
  test('a trigger firing during a manual refresh leaves politely: each История row once', async () => {
    const amo = await startFixtureEmulator();
    const { rt } = setUpRuntime(amo, { clock: new FakeClock('2026-03-16T06:00:00Z') });
    try {
      rt.evaluate(`function __busy() { LockService.getDocumentLock().tryLock(1000); }`);
      const manual = rt.begin('menu', 'menuRefresh');
      const holder = rt.begin('menu', '__busy');
      holder.call('__busy'); // the manual refresh is "running": it holds the lock
      rt.run('schedulerTick', [{}], 'timeTrigger');
      holder.end();
      manual.call('menuRefresh');
      manual.end();
      rt.run('schedulerTick', [{}], 'timeTrigger'); // and once more the same day
      rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
      const rows = sheetValues(rt, 'История')
        .slice(1)
        .filter((r) => r[0] !== '');
      const keys = rows.map(
        (r) => `${r[0] instanceof Date ? r[0].toISOString() : String(r[0])}|${String(r[1])}`,
      );
      expect(keys.length).toBeGreaterThan(0);
      expect(new Set(keys).size).toBe(keys.length);
    } finally {
      await rt.close();
      await amo.stop();
    }
  });
});
