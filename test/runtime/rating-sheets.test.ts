/**
 * The rating in the spreadsheet: the hand-checked sample account (samples/rating, every number
 * worked out by hand in test/runtime/rating-cli.test.ts and test/unit/engine) synced from the
 * emulator and written by the built bundle. Facts: apps-script.md §2.2–2.4 (bulk writes, text vs
 * formulas, native rules, protection), §3.1 (triggers); PRODUCT.md §3.3, §4, §5.
 */
import { FakeClock } from '../../dev/gas';
import type { ChildServer } from '../support/child-server';
import {
  sampleWithNames,
  setUpRuntime,
  sheetValues,
  startFixtureEmulator,
} from '../support/fixture-account';
import { defineScript } from '../support/gas';

jest.setTimeout(60000);
let emu: ChildServer & { token: string };
beforeAll(async () => {
  emu = await startFixtureEmulator();
});
afterAll(() => emu.stop());

const refresh = (rt: ReturnType<typeof setUpRuntime>['rt']) =>
  rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');

describe('after one refresh', () => {
  let ctx: ReturnType<typeof setUpRuntime>;
  beforeAll(() => {
    ctx = setUpRuntime(emu);
    refresh(ctx.rt);
  });
  afterAll(() => ctx.rt.close());

  test('progress is shown in toasts', () => {
    expect(ctx.rt.toasts.map((t) => t.message)).toEqual([
      'Загружаю данные из amoCRM…',
      'Считаю рейтинг…',
      'Рейтинг обновлён.',
    ]);
    expect(ctx.rt.ui.alerts).toEqual([]);
  });

  test('the week sheet holds exactly the hand-computed rating', () => {
    const v = sheetValues(ctx.rt, 'Неделя');
    expect(v[0][0]).toBe('Рейтинг менеджеров за неделю');
    expect(v[1][0]).toBe('Период: 09.03.2026 – 15.03.2026 (Europe/Moscow)');
    expect(v[2][0]).toBe('Данные amoCRM на: 16.03.2026 09:00');
    expect(v[3][0]).toBe('');
    expect(v[4]).toEqual([
      'Место',
      '',
      'Менеджер',
      'Всего заявок',
      'Сделок в работе',
      'Новых заявок',
      'Встреча назначена',
      'Встреч проведено',
      'Договор подписан',
      'Аванс внесен',
      'Успешно закрыто',
      'Закрыто в отказ',
      'Всего задач',
      'Просроченных задач',
      'Сделок без задач',
      'Баллы',
      'План',
      'План %',
      'Изм.',
    ]);
    // place, medal, manager, 12 figures, points, plan, plan %, change
    expect(v.slice(5, 11)).toEqual([
      [1, '🥇', 'Анна Смирнова', 4, 2, 2, 1, 0, 2, 1, 1, 0, 1, 0, 1, 65.2, 28, 65.2 / 28, '—'],
      [2, '🥈', 'Борис Петров', 3, 1, 2, 1, 0, 1, 0, 1, 1, 2, 2, 0, 43.2, 21, 43.2 / 21, '—'],
      [
        3,
        '🥉',
        'Вера <Отдел & Ко>',
        1,
        2,
        1,
        0,
        1,
        0,
        1,
        0,
        0,
        1,
        0,
        1,
        18.1,
        14,
        18.1 / 14,
        'нов.',
      ],
      [
        4,
        '',
        'Пользователь #599 (удалён)',
        1,
        1,
        1,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0.1,
        '',
        '',
        'нов.',
      ],
      [5, '', 'Григорий Иванов (неактивен)', 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, '', '', '▼2'],
      ['', '', 'Итого по отделу', 10, 7, 6, 2, 1, 3, 2, 2, 1, 5, 3, 2, 126.6, 63, 126.6 / 63, ''],
    ]);
  });

  test('the month sheet: 1–16 March, plans of the whole month', () => {
    const v = sheetValues(ctx.rt, 'Месяц');
    expect(v[1][0]).toBe('Период: 01.03.2026 – 16.03.2026 (Europe/Moscow)');
    // Anna: new 101, 102, 105, 111; scheduled 101, 105; held 101; contracts 101, 102; advance 101; won 101
    expect(v[5]).toEqual([
      1,
      '🥇',
      'Анна Смирнова',
      4,
      2,
      4,
      2,
      1,
      2,
      1,
      1,
      0,
      2,
      0,
      1,
      69.4,
      124,
      69.4 / 124,
      'нов.',
    ]);
  });

  test("the quarter sheet sums the quarter's plans", () => {
    const v = sheetValues(ctx.rt, 'Квартал');
    expect(v[1][0]).toBe('Период: 01.01.2026 – 16.03.2026 (Europe/Moscow)');
    expect(v[5].slice(0, 3)).toEqual([1, '🥇', 'Анна Смирнова']);
    expect(v[5][16]).toBe(124); // only March has a plan
  });

  test('native conditional rules with the configured thresholds and norms, on ranges that fit the table', () => {
    const rules = ctx.rt.spreadsheet.sheets.find((s) => s.name === 'Неделя')?.rules ?? [];
    const a1 = (g: { row: number; col: number; numRows: number }) =>
      `${String.fromCharCode(64 + g.col)}${g.row}:${String.fromCharCode(64 + g.col)}${g.row + g.numRows - 1}`;
    expect(
      rules.map((r) => [
        r.ranges.map(a1).join(' '),
        r.boolean?.type,
        r.boolean?.values,
        r.boolean?.background,
      ]),
    ).toEqual([
      ['R6:R10', 'NUMBER_GREATER_THAN_OR_EQUAL_TO', [1], '#b7e1cd'],
      ['R6:R10', 'NUMBER_GREATER_THAN_OR_EQUAL_TO', [0.5], '#fce8b2'],
      ['N6:N10', 'NUMBER_GREATER_THAN', [0], '#f4c7c3'],
      ['O6:O10', 'NUMBER_GREATER_THAN', [0], '#f4c7c3'],
      ['L6:L10', 'CUSTOM_FORMULA', ['=AND($K6+$L6>0,$L6/($K6+$L6)>0.5)'], '#f4c7c3'],
    ]);
  });

  test('frozen header, number formats, notes defining each figure, widths that fit, a chart, and a protection', () => {
    const sheet = ctx.rt.spreadsheet.sheets.find((s) => s.name === 'Неделя');
    if (!sheet) throw new Error('no sheet');
    expect(sheet.frozenRows).toBe(5);
    expect(sheet.rows[5]?.[17]?.nf).toBe('0%');
    expect(sheet.rows[5]?.[15]?.nf).toBe('0.0');
    expect(sheet.rows[4]?.[6]?.note).toBe(
      'Сделки, впервые дошедшие до этапа «Встреча назначена» в периоде.',
    );
    expect(sheet.colWidths[3]).toBeGreaterThanOrEqual(
      Math.ceil('Пользователь #599 (удалён)'.length * 7.2),
    );
    expect(sheet.charts).toHaveLength(1);
    expect(sheet.charts[0]).toMatchObject({
      type: 'BAR',
      options: { title: 'Рейтинг менеджеров за неделю' },
    });
    expect(sheet.protections).toEqual([
      expect.objectContaining({
        kind: 'SHEET',
        editors: ['head@sales.example'],
        domainEdit: false,
      }),
    ]);
  });

  test('history: one row per manager for yesterday, written once', () => {
    const rows = sheetValues(ctx.rt, 'История')
      .slice(1)
      .filter((r) => r[0]);
    expect(rows.map((r) => r[0])).toEqual(new Array(rows.length).fill('2026-03-15'));
    const boris = rows.find((r) => r[1] === 502);
    // day's end stocks: in work, open tasks, overdue, without tasks; flows of 15 March: none
    expect(boris?.slice(2, 14)).toEqual(['Борис Петров', 1, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('over several days', () => {
  test('a rule added by hand survives three refreshes; history grows a day at a time; closed periods use it', async () => {
    const clock = new FakeClock('2026-03-16T06:00:00Z');
    const { rt } = setUpRuntime(emu, { clock });
    refresh(rt);
    rt.run(
      defineScript(
        rt,
        `
      const sh = SpreadsheetApp.getActive().getSheetByName('Неделя');
      const mine = SpreadsheetApp.newConditionalFormatRule().whenTextContains('Анна').setBold(true).setRanges([sh.getRange('C6:C20')]).build();
      sh.setConditionalFormatRules(sh.getConditionalFormatRules().concat([mine]));
    `,
      ),
      [],
      'menu',
    );
    for (let day = 1; day <= 3; day++) {
      clock.advance(86400_000);
      refresh(rt);
    }
    const rules = rt.spreadsheet.sheets.find((s) => s.name === 'Неделя')?.rules ?? [];
    expect(rules.filter((r) => r.boolean?.type === 'TEXT_CONTAINS')).toHaveLength(1);
    expect(rules).toHaveLength(6);
    const days = new Set(
      sheetValues(rt, 'История')
        .slice(1)
        .map((r) => r[0])
        .filter(Boolean),
    );
    expect([...days]).toEqual(['2026-03-15', '2026-03-16', '2026-03-17', '2026-03-18']);
    await rt.close();
  });
});

describe('when a refresh fails', () => {
  // every fault kind of the emulator; the retryable ones as a storm that outlasts the retries
  test.each(['402', '401', 'blocked', '500', '502', 'truncated', '429', 'timeout'])(
    'a %s keeps the previous rating and shows the warning',
    async (kind) => {
      const { rt, clock } = setUpRuntime(emu, {
        clock: new FakeClock('2026-03-16T06:00:00Z'),
        fetchTimeoutMs: 300,
      });
      const storm = ['500', '502', 'truncated', '429', 'timeout'].includes(kind);
      refresh(rt);
      const before = sheetValues(rt, 'Неделя');
      clock.advance(3600_000);
      const control = await fetch(`${emu.url}/_emulator/faults`, {
        method: 'POST',
        body: JSON.stringify({ kind, count: storm ? 60 : 1, ms: 1000 }),
      });
      expect(control.ok).toBe(true);
      refresh(rt);
      const after = sheetValues(rt, 'Неделя');
      expect(after[3][0]).toMatch(
        /^⚠ Последнее обновление не удалось .*показан рейтинг по данным на 16\.03\.2026 09:00\.$/,
      );
      expect(after.slice(4)).toEqual(before.slice(4));
      expect(rt.ui.alerts.at(-1)?.prompt).toMatch(/^Не удалось обновить рейтинг: /);
      await fetch(`${emu.url}/_emulator/faults/clear`, { method: 'POST' });
      await rt.close();
    },
  );
});

describe('text from amoCRM stays text', () => {
  test('a manager named =HYPERLINK(…) or +7 900 … shows as typed', async () => {
    const dir = sampleWithNames({
      501: '=HYPERLINK("http://x","y")',
      502: '+7 900 123-45-67',
      503: '-скидка',
    });
    const emu2 = await startFixtureEmulator(dir);
    const { rt } = setUpRuntime(emu2);
    refresh(rt);
    const sheet = rt.spreadsheet.sheets.find((s) => s.name === 'Неделя');
    const names = [5, 6, 7].map((r) => sheet?.rows[r]?.[2]);
    expect(names.map((c) => c?.v)).toEqual([
      '=HYPERLINK("http://x","y")',
      '+7 900 123-45-67',
      '-скидка',
    ]);
    expect(names.map((c) => c?.f)).toEqual([undefined, undefined, undefined]);
    await rt.close();
    await emu2.stop();
  });
});

describe('the scheduler', () => {
  test('one hourly trigger; the daily refresh runs once a day after the configured hour; off removes it', async () => {
    const clock = new FakeClock('2026-03-16T00:30:00Z'); // 03:30 in Moscow
    const { rt } = setUpRuntime(emu, { clock });
    rt.clickMenu('Рейтинг менеджеров', 'Включить расписание');
    expect(rt.triggerList()).toHaveLength(1);
    expect(rt.triggerList()[0]).toMatchObject({ handler: 'schedulerTick', schedule: { hours: 1 } });
    rt.advanceTo('2026-03-18T00:00:00Z');
    const refreshes = (
      JSON.parse(rt.properties.document['sync.records']) as Array<{
        startedAt: string;
        outcome: string;
      }>
    ).filter((r) => r.outcome === 'complete');
    // 16 March at 07:xx and 17 March at 07:xx (Moscow), nothing in between
    expect(refreshes.map((r) => r.startedAt.slice(0, 13)).reverse()).toEqual([
      '2026-03-16T04',
      '2026-03-17T04',
    ]);
    expect(rt.triggerFailures).toEqual([]);
    rt.clickMenu('Рейтинг менеджеров', 'Выключить расписание');
    expect(rt.triggerList()).toHaveLength(0);
    await rt.close();
  });

  test('an interrupted sync resumes on the next tick and then publishes', async () => {
    const clock = new FakeClock('2026-03-16T06:00:00Z');
    const { rt } = setUpRuntime(emu, { clock, fetchLatencyMs: 150_000 });
    rt.clickMenu('Рейтинг менеджеров', 'Включить расписание');
    rt.run('schedulerTick', [{}], 'timeTrigger');
    expect(rt.spreadsheet.sheets.some((s) => s.name === 'Неделя')).toBe(false); // nothing half-written
    expect(rt.properties.document['sync.cursor']).toBeDefined();
    rt.advanceTo('2026-03-16T12:00:00Z');
    expect(rt.properties.document['sync.cursor']).toBeUndefined();
    expect(sheetValues(rt, 'Неделя')[5].slice(0, 3)).toEqual([1, '🥇', 'Анна Смирнова']);
    await rt.close();
  });
});

describe('the cost of a refresh', () => {
  test('spreadsheet service calls do not grow with the number of managers (10 vs 60)', async () => {
    const calls: number[] = [];
    const managerRows: number[] = [];
    for (const managers of [10, 60]) {
      const amo = await (
        await import('../support/emulators')
      ).startAmoEmulator(['--seed', '3', '--size', 'small', '--managers', String(managers)]);
      try {
        const st = await amo.control<{ now: number; token: string }>('state');
        // the account's own stages, mapped automatically by their names
        const { rt } = setUpRuntime(
          { url: amo.url, token: st.token },
          { clock: new FakeClock(st.now * 1000 + 1000), sampleSettings: false },
        );
        refresh(rt); // first: creates the sheets
        rt.resetCounts();
        rt.clock.sleep(3600_000);
        refresh(rt);
        const sheetServices = [
          'Range',
          'Sheet',
          'Spreadsheet',
          'SpreadsheetApp',
          'ConditionalFormatRule',
          'ConditionalFormatRuleBuilder',
          'BooleanCondition',
          'Protection',
          'EmbeddedChart',
          'EmbeddedChartBuilder',
        ];
        calls.push(sheetServices.reduce((n, s) => n + rt.countOf(s), 0));
        const rows = sheetValues(rt, 'Неделя').filter((r) => typeof r[0] === 'number').length;
        managerRows.push(rows);
        await rt.close();
      } finally {
        await amo.stop();
      }
    }
    expect(managerRows[1]).toBeGreaterThan(managerRows[0] * 3);
    expect(calls[0]).toBe(calls[1]);
  });
});

describe('settings, status and the hall of fame', () => {
  test('bad settings are refused with messages a sales head understands, and nothing is saved', async () => {
    const { rt } = setUpRuntime(emu);
    const before = { ...rt.properties.document };
    const good = rt.run('getRatingSettings', [], 'editor') as {
      rating: Record<string, unknown>;
      scheduleHour: number;
    };
    const bad = {
      ...good,
      scheduleHour: 25,
      rating: {
        ...good.rating,
        thresholds: { green: 0.5, yellow: 0.8 },
        plans: [{ month: '2026-13', userId: 501, points: -5 }],
        norms: { maxLostShare: 30 },
      },
    };
    const r = rt.run('saveRatingSettings', [bad], 'client') as { ok: boolean; errors: string[] };
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual(
      expect.arrayContaining([
        'Месяц плана «2026-13» должен быть в виде ГГГГ-ММ.',
        'План в баллах должен быть неотрицательным числом (сейчас: -5).',
        'Порог «зелёного» должен быть больше порога «жёлтого» (например, 100 % и 50 %).',
        'Доля отказов задаётся от 0 до 1 (например, 0,3 — это 30 %).',
        'Час ежедневного обновления — целое число от 0 до 23.',
      ]),
    );
    expect(rt.properties.document).toEqual(before);
    await rt.close();
  });

  test('the status item lists the last refreshes in words', async () => {
    const { rt } = setUpRuntime(emu);
    refresh(rt);
    rt.clickMenu('Рейтинг менеджеров', 'Статус последнего обновления');
    const alert = rt.ui.alerts.at(-1);
    expect(alert?.title).toBe('Последние обновления');
    expect(alert?.prompt).toMatch(
      /Расписание выключено\.\n\n✓ 16\.03\.2026 09:00: полная загрузка, запросов \d+, повторов 0; сделок 11, задач 6, событий \d+/,
    );
    await rt.close();
  });

  test("in the first week of a quarter: the closed quarter's final on «Квартал», its top three in «Зал славы»", async () => {
    const { rt } = setUpRuntime(emu, { clock: new FakeClock('2026-04-02T06:00:00Z') });
    refresh(rt);
    const hall = sheetValues(rt, 'Зал славы');
    expect(hall.slice(1, 4).map((r) => r.slice(0, 5))).toEqual([
      ['2026-Q1', 1, '🥇', 'Анна Смирнова', 69.4],
      ['2026-Q1', 2, '🥈', 'Борис Петров', 43.3], // new 103, 104, 110: 0.3; meeting 103: 1; won 110: 35; contract 110 on reopening: 7
      ['2026-Q1', 3, '🥉', 'Вера <Отдел & Ко>', 18.1],
    ]);
    const q = sheetValues(rt, 'Квартал').map((r) => r[0]);
    expect(q).toContain('Итоги прошлого квартала: 01.01.2026 – 31.03.2026');
    await rt.close();
  });
});
