/**
 * Someone changes the structure of a published rating sheet — inserts or deletes a column or a
 * row, merges cells, moves the frozen pane — the way the owner (who may edit protected sheets)
 * would. The next refresh must write the right rating and say on the status line that the sheet
 * was rewritten; never fail on Sheets' merge and freeze refusals (the runtime refuses as Sheets
 * does), never leave old cells beside the new table. Facts: docs/rules.md §5.2; docs/services.md
 * §2.3.
 */
import { FakeClock, GasRuntime, type RuntimeState } from '../../dev/gas';
import { t } from '../../src/i18n/messages';
import { sheetRows, type CliRow } from '../support/cli-truth';
import { setUpRuntime, sheetValues, startFixtureEmulator } from '../support/fixture-account';
import { runScript } from '../support/gas';
import { doThenRefresh, publishMonday, type PublishedMonday } from '../support/published-monday';

jest.setTimeout(120_000);

const WEEK = `SpreadsheetApp.getActive().getSheetByName('Неделя')`;
const REWRITTEN = t('ru', 'sheetRewritten', { sheet: 'Неделя' });

describe('the structure of a rating sheet changed by hand', () => {
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

  function editThenRefresh(edit: string): GasRuntime {
    const rt = doThenRefresh(m, edit);
    open.push(rt);
    return rt;
  }
  const week = (rt: GasRuntime) => sheetValues(rt, 'Неделя');
  const line = (rt: GasRuntime) => String((week(rt)[3]?.[0] as string | undefined) ?? '');
  const sheetOf = (rt: GasRuntime, name: string) =>
    rt.spreadsheet.sheets.find((s) => s.name === name);
  const baseline = () => published.spreadsheet.sheets.find((s) => s.name === 'Неделя');

  /** The refresh succeeded, wrote Tuesday's rating, left nothing stale, and said what it did. */
  function rewritten(rt: GasRuntime): void {
    expect(rt.executions.at(-1)?.outcome).toBe('ok');
    expect(String(week(rt)[2]?.[0])).toContain('17.03.2026');
    expect(sheetRows(week(rt))).toEqual(tuesday);
    const sh = sheetOf(rt, 'Неделя');
    const was = baseline();
    // the same grid as an untouched refresh writes: merges, frozen pane, no stray cells
    expect(sh?.merges).toEqual(was?.merges);
    expect([sh?.frozenRows, sh?.frozenCols]).toEqual([was?.frozenRows, was?.frozenCols]);
    const width = Math.max(...(was?.rows ?? []).map((r) => r?.length ?? 0));
    const stray = (sh?.rows ?? []).some((r) =>
      (r ?? []).slice(width).some((c) => c?.v !== undefined && c.v !== ''),
    );
    expect(stray).toBe(false);
    expect(line(rt)).toContain(REWRITTEN);
  }

  test.each([
    ['A', 1],
    ['B', 2],
    ['C', 3],
  ])('a column inserted before %s', (_, at) => {
    rewritten(editThenRefresh(`${WEEK}.insertColumnsBefore(${at}, 1);`));
  });

  test('a column deleted', () => {
    rewritten(editThenRefresh(`${WEEK}.deleteColumn(2);`));
  });

  test('rows inserted in the table and a row deleted above it', () => {
    rewritten(editThenRefresh(`${WEEK}.insertRowsBefore(9, 2); ${WEEK}.deleteRow(2);`));
  });

  test('cells merged by hand, reaching past the table', () => {
    const width = Math.max(...(baseline()?.rows ?? []).map((r) => r?.length ?? 0));
    rewritten(editThenRefresh(`${WEEK}.getRange(8, ${width - 1}, 3, 4).merge();`));
  });

  test('the frozen pane moved', () => {
    rewritten(editThenRefresh(`${WEEK}.setFrozenRows(2); ${WEEK}.setFrozenColumns(4);`));
  });

  test('an untouched sheet says nothing', () => {
    const rt = editThenRefresh('');
    expect(sheetRows(week(rt))).toEqual(tuesday);
    expect(line(rt)).not.toContain(REWRITTEN);
  });

  test('the note lasts one refresh: the next one, with the sheet as written, says nothing', () => {
    const rt = editThenRefresh(`${WEEK}.insertColumnsBefore(1, 1);`);
    expect(line(rt)).toContain(REWRITTEN);
    rt.clock.advance?.(24 * 3600_000);
    rt.run('schedulerTick', [{}], 'timeTrigger');
    expect(line(rt)).not.toContain(REWRITTEN);
  });
});

describe('a refresh killed between writing two sheets', () => {
  let amo: Awaited<ReturnType<typeof startFixtureEmulator>>;
  let routes: GasRuntime['routes'];
  let published: RuntimeState;
  beforeAll(async () => {
    amo = await startFixtureEmulator();
    const { rt } = setUpRuntime(amo);
    routes = rt.routes;
    rt.run('schedulerTick', [{}], 'timeTrigger');
    published = rt.saveState();
    await rt.close();
  });
  afterAll(() => amo.stop());

  const TUESDAY = '17.03.2026';
  const cell = (rt: GasRuntime, name: string, row: number) => {
    const v = sheetValues(rt, name)[row]?.[0];
    return typeof v === 'string' ? v : '';
  };
  const dateOf = (rt: GasRuntime, name: string) => cell(rt, name, 2);
  const lineOf = (rt: GasRuntime, name: string) => cell(rt, name, 3);

  /** Tuesday's refresh killed at service call k (0: not killed). */
  async function killedAt(k: number, then: (rt: GasRuntime) => void): Promise<void> {
    const rt = new GasRuntime({
      state: published,
      clock: new FakeClock('2026-03-17T04:00:00Z'),
      routes,
    });
    try {
      if (k) rt.killPlan.push(k);
      try {
        rt.run('schedulerTick', [{}], 'timeTrigger');
      } catch {
        // "Exceeded maximum execution time": the script stops there
      }
      then(rt);
    } finally {
      await rt.close();
    }
  }

  test('every rating sheet shows ⚠ until all are written; the next run writes them all again', async () => {
    // the first call at which the week already shows Tuesday: the kill lands just after it
    let n = 0;
    await killedAt(0, (rt) => (n = rt.executions.at(-1)?.calls ?? 0));
    let lo = 1;
    let hi = n;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      let written = false;
      await killedAt(mid, (rt) => (written = dateOf(rt, 'Неделя').includes(TUESDAY)));
      if (written) hi = mid;
      else lo = mid + 1;
    }
    await killedAt(lo + 1, (rt) => {
      expect(rt.executions.at(-1)?.outcome).toBe('killed');
      // the week is Tuesday's, the month still Monday's: both say the write was cut short
      expect(dateOf(rt, 'Неделя')).toContain(TUESDAY);
      expect(dateOf(rt, 'Месяц')).not.toContain(TUESDAY);
      const pending = t('ru', 'publishInProgress');
      for (const name of ['Неделя', 'Месяц', 'Квартал'])
        expect([name, lineOf(rt, name)]).toEqual([name, pending]);
      // the next tick writes every sheet again, from the same data, and says so
      rt.clock.advance?.(3600_000);
      rt.run('schedulerTick', [{}], 'timeTrigger');
      for (const name of ['Неделя', 'Месяц', 'Квартал']) {
        expect([name, dateOf(rt, name)]).toEqual([name, expect.stringContaining(TUESDAY)]);
        expect([name, lineOf(rt, name)]).toEqual([name, t('ru', 'warnRepublished')]);
      }
    });
  });
});

describe('the runtime refuses merges and freezes as Sheets does', () => {
  let amo: Awaited<ReturnType<typeof startFixtureEmulator>>;
  beforeAll(async () => {
    amo = await startFixtureEmulator();
  });
  afterAll(() => amo.stop());

  test('a merge cut by a range, a freeze through a merge, a merge across the freeze', async () => {
    const { rt } = setUpRuntime(amo, { sampleSettings: false });
    try {
      const sheet = `SpreadsheetApp.getActive().getSheets()[0]`;
      runScript(rt, `${sheet}.getRange('B2:D3').merge();`);
      expect(() => runScript(rt, `${sheet}.getRange('A1:C5').breakApart();`)).toThrow(
        'You must select all cells in a merged range to merge or unmerge them.',
      );
      expect(() => runScript(rt, `${sheet}.setFrozenRows(2);`)).toThrow(
        'not possible to freeze rows that contain only part of a merged cell',
      );
      expect(() => runScript(rt, `${sheet}.setFrozenColumns(3);`)).toThrow(
        'not possible to freeze columns that contain only part of a merged cell',
      );
      runScript(rt, `${sheet}.setFrozenRows(3);`); // below the merge: fine
      expect(() => runScript(rt, `${sheet}.getRange('A3:A4').merge();`)).toThrow(
        "You can't merge frozen and non-frozen rows.",
      );
      expect(
        runScript(
          rt,
          `return ${sheet}.getRange('A1:C2').getMergedRanges().map((r) => r.getA1Notation());`,
        ),
      ).toEqual(['B2:D3']);
      runScript(rt, `${sheet}.getRange('A1:E9').breakApart(); ${sheet}.setFrozenRows(2);`);
    } finally {
      await rt.close();
    }
  });
});
