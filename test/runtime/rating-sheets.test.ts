/**
 * The rating in the spreadsheet: the hand-checked sample account (samples/rating, every number
 * worked out by hand in test/runtime/rating-cli.test.ts and test/unit/engine) synced from the
 * emulator and written by the built bundle as a leaderboard. Facts: docs/services.md §2.2–§2.4
 * (bulk writes, text vs formulas, native rules, protection), §3.1 (triggers); docs/rules.md §3.3,
 * §3.4, §4, §5.1.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeClock } from '../../dev/gas';
import type { ChildServer } from '../support/child-server';
import {
  NOW,
  rowOf,
  sampleWithNames,
  setUpRuntime,
  sheetValues,
  startFixtureEmulator,
} from '../support/fixture-account';
import { refresh } from '../support/set-up-rating';
import { defineScript } from '../support/gas';
import { readSettings, saveSettingsAsPages } from '../support/settings-io';

jest.setTimeout(60000);
let emu: ChildServer & { token: string };
beforeAll(async () => {
  emu = await startFixtureEmulator();
});
afterAll(() => emu.stop());

/** rows of the layout: 1–4 header block, 5 group headers, 6 column headers, 7… the managers */
const HEAD = 5; // 0-based index of the column header row

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
      'Записываю листы…',
      'Рейтинг обновлён.',
    ]);
    expect(ctx.rt.ui.alerts).toEqual([]);
  });

  test('the leaderboard comes first: place, medal, manager, points, plan, plan %, pace, change; then the grouped figures', () => {
    const v = sheetValues(ctx.rt, 'Неделя');
    expect(v[0]?.[0]).toBe('Рейтинг менеджеров за неделю');
    expect(v[1]?.[0]).toBe('Период: 09.03.2026 – 15.03.2026 (Москва, UTC+3)');
    expect(v[2]?.[0]).toBe('Данные amoCRM на: 16.03.2026 09:00');
    expect(v[3]?.[0]).toBe('');
    expect(v[4]?.slice(0, 22)).toEqual([
      ...new Array(9).fill(''),
      'Портфель',
      '',
      '',
      'Воронка',
      ...new Array(6).fill(''),
      'Задачи',
      '',
      '',
    ]);
    expect(v[HEAD]).toEqual([
      'Место',
      '',
      'Менеджер',
      'Баллы',
      'План',
      'План %',
      '', // the closed week shows its plan % once: no «Темп»
      'Изм.',
      '',
      'Всего сделок',
      'В работе',
      'Новых сделок',
      'Встреч назначено',
      'Встреч проведено',
      'Договор подписан',
      'Аванс внесён',
      'Успешно закрыто',
      'Закрыто в отказ',
      'Доля отказов',
      'Всего задач',
      'Просрочено задач',
      'Сделок без задач',
    ]);
  });

  test('the week holds exactly the hand-computed rating; a closed week shows plan % and no pace', () => {
    const v = sheetValues(ctx.rt, 'Неделя');
    // points, plan (124, 93, 62 × 4/21: the week works 10–13 March, 4 of March's 21 working days;
    // 9 March is the day off for 8 March), plan %, pace (blank: closed), change | total, in work, new, scheduled,
    // held, contract, advance, won, lost, lost share | tasks, overdue, without tasks
    expect(v.slice(HEAD + 1, HEAD + 5)).toEqual([
      [
        1,
        '🥇',
        // first last week too (—): two weeks in the top three; 65.2 beats her earlier weeks
        'Анна Смирнова 🏆2 ⭐',
        65.2,
        23.62,
        65.2 / 23.62,
        '',
        '—',
        '',
        3, // 101 (she won it), 102, 111; 105 is Вера's: hers at the week's end
        2,
        2,
        1,
        0,
        2,
        1,
        1,
        0,
        0,
        0, // at midnight task 9001 (created 16 March 12:00) did not exist yet
        0,
        2, // 102 (no task at midnight) and 111
      ],
      [
        2,
        '🥈',
        'Борис Петров 🏆2 ⭐', // second last week too
        43.2,
        17.71,
        43.2 / 17.71,
        '',
        '—',
        '',
        3,
        1,
        2,
        1,
        0,
        1,
        0,
        1,
        1,
        0.5,
        2,
        2,
        0,
      ],
      [
        3,
        '🥉',
        'Вера <Отдел & Ко>',
        18.1,
        11.81,
        18.1 / 11.81,
        '',
        'нов.',
        '',
        2, // 106, and 105: handed to her on 12 March
        2,
        1,
        0,
        1,
        0,
        1,
        0,
        0,
        '',
        1,
        0,
        1,
      ],
      [
        '',
        '',
        'Итого по отделу',
        126.5,
        53.14,
        126.5 / 53.14,
        '',
        '',
        '',
        8,
        5,
        5,
        2,
        1,
        3,
        2,
        2,
        1,
        1 / 3,
        3,
        2,
        3,
      ],
    ]);
  });

  test('deactivated and deleted users are not ranked: they follow the table with their deals and tasks', () => {
    const v = sheetValues(ctx.rt, 'Неделя');
    const title = v.findIndex((r) => String(r[0]).startsWith('Не в рейтинге'));
    expect(title).toBe(HEAD + 6);
    expect(v[title]?.[0]).toBe(
      'Не в рейтинге: пользователь неактивен или удалён — передайте его сделки и задачи',
    );
    expect(v.slice(title + 1, title + 3)).toEqual([
      [
        '',
        '',
        'Григорий Иванов (неактивен)',
        0,
        '',
        '',
        '',
        '',
        '',
        1,
        1,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        '',
        1,
        1,
        0,
      ],
      [
        '',
        '',
        'Пользователь #599 (удалён)',
        0.1,
        '',
        '',
        '',
        '',
        '',
        1,
        1,
        1,
        0,
        0,
        0,
        0,
        0,
        0,
        '',
        0,
        0,
        0,
      ],
    ]);
  });

  test('a legend says what the colours mean with the configured thresholds, norms and point values', () => {
    const v = sheetValues(ctx.rt, 'Неделя');
    const at = v.findIndex((r) => r[0] === 'Как читать таблицу');
    expect(at).toBeGreaterThan(HEAD + 6);
    expect(v.slice(at + 1, at + 5).map((r) => r[2])).toEqual([
      'Зелёный — темп не ниже 100 % плана.',
      'Жёлтый — темп не ниже 50 % плана. Темп — баллы ÷ план, пропорциональный прошедшим рабочим дням; закрытый период (неделя, итоги) окрашен по «План %» — выполнению всего плана.',
      'Красный темп (или «План %» закрытого периода) — ниже 50 % плана.',
      'Красный — нарушена норма: просрочено задач больше 0; доля отказов больше 50 % закрытых сделок (столбец «Доля отказов»); сделок без задач больше 0. Имя менеджера тогда тоже красное, а в примечании к имени сказано, какая норма.',
    ]);
    expect(v[at + 5]?.[2]).toBe(
      'Баллы за этап: новых сделок 0,1, встреч назначено 1, встреч проведено 3, договор подписан 7, аванс внесён 15, успешно закрыто 35.',
    );
    const sheet = ctx.rt.spreadsheet.sheets.find((s) => s.name === 'Неделя');
    expect([at + 1, at + 2, at + 3, at + 4].map((r) => sheet?.rows[r]?.[0]?.bg)).toEqual([
      '#b7e1cd',
      '#fce8b2',
      '#f4c7c3',
      '#f4c7c3',
    ]);
  });

  test('mid-month, the month and the quarter judge the pace (plan prorated to the working time elapsed), and show plan % too', () => {
    // 16 March 09:00 Moscow: 9.375 of the month's 21 working days (2–6, 10–13 March and 9 hours
    // of the 16th; 9 March is the day off for 8 March)
    const month = rowOf(sheetValues(ctx.rt, 'Месяц'), 'Анна Смирнова');
    expect(sheetValues(ctx.rt, 'Месяц')[1]?.[0]).toBe(
      'Период: 01.03.2026 – 16.03.2026 (Москва, UTC+3)',
    );
    // Anna: new 101, 102, 105, 111; scheduled 101, 105; held 101; contracts 101, 102; advance 101; won 101
    expect(month).toEqual([
      1,
      '🥇',
      'Анна Смирнова 🏆2 ⭐', // the week's streak marks stand on every running table
      69.4,
      124,
      69.4 / 124,
      expect.any(Number),
      'нов.',
      '',
      3, // 101, 102, 111; 105 is Вера's now
      2,
      4,
      2,
      1,
      2,
      1,
      1,
      0,
      0,
      2,
      0,
      1,
    ]);
    expect(month[6]).toBeCloseTo(69.4 / 124 / (9.375 / 21), 4); // 1.25: green on pace, yellow on plan %
    // only March has a plan: the quarter has none, so no plan % and no pace (three months of
    // points are never judged against one month's plan)
    const quarter = rowOf(sheetValues(ctx.rt, 'Квартал'), 'Анна Смирнова');
    expect(quarter.slice(3, 7)).toEqual([69.4, '', '', '']);
    // the closed week: plan % only, the pace column blank
    const week = rowOf(sheetValues(ctx.rt, 'Неделя'), 'Анна Смирнова');
    expect(week.slice(5, 7)).toEqual([65.2 / 23.62, '']);
  });

  test('native conditional rules: green/yellow/red on the pace (the plan % of the closed week) and on the forecast, red on the norms and on the lost share itself, the name red with them', () => {
    const forecastRules = (name: string) => {
      if (name === 'Неделя') return [];
      const title = sheetValues(ctx.rt, name).findIndex((r) => String(r[0]).startsWith('Прогноз'));
      expect(title).toBeGreaterThan(0);
      const [from, to] = [title + 3, title + 6];
      return [
        [`F${from}:F${to}`, 'NUMBER_GREATER_THAN_OR_EQUAL_TO', [1], '#b7e1cd'],
        [`F${from}:F${to}`, 'NUMBER_GREATER_THAN_OR_EQUAL_TO', [0.5], '#fce8b2'],
        [`F${from}:F${to}`, 'CUSTOM_FORMULA', [`=AND(LEN(F${from})>0,F${from}<0.5)`], '#f4c7c3'],
      ];
    };
    for (const name of ['Неделя', 'Месяц', 'Квартал']) {
      // the week is closed: judged on its plan % (F); the running month and quarter on the pace (G)
      const judged = name === 'Неделя' ? 'F' : 'G';
      const rules = ctx.rt.spreadsheet.sheets.find((s) => s.name === name)?.rules ?? [];
      const col = (c: number) => String.fromCharCode(64 + c);
      const a1 = (g: { row: number; col: number; numRows: number }) =>
        `${col(g.col)}${g.row}:${col(g.col)}${g.row + g.numRows - 1}`;
      expect(
        rules.map((r) => [
          r.ranges.map(a1).join(' '),
          r.boolean?.type,
          r.boolean?.values,
          r.boolean?.background,
        ]),
      ).toEqual([
        // the forecast under a running period: its plan % at the end coloured like the pace
        // (three managers and the total, two rows under its title)
        ...forecastRules(name),
        [`${judged}7:${judged}9`, 'NUMBER_GREATER_THAN_OR_EQUAL_TO', [1], '#b7e1cd'],
        [`${judged}7:${judged}9`, 'NUMBER_GREATER_THAN_OR_EQUAL_TO', [0.5], '#fce8b2'],
        [
          `${judged}7:${judged}9`,
          'CUSTOM_FORMULA',
          [`=AND(LEN(${judged}7)>0,${judged}7<0.5)`],
          '#f4c7c3',
        ],
        ['C7:C9', 'CUSTOM_FORMULA', ['=OR($U7>0,$S7>0.5,$V7>0)'], '#f4c7c3'],
        ['U7:U9', 'NUMBER_GREATER_THAN', [0], '#f4c7c3'],
        ['S7:S9', 'NUMBER_GREATER_THAN', [0.5], '#f4c7c3'],
        ['V7:V9', 'NUMBER_GREATER_THAN', [0], '#f4c7c3'],
      ]);
    }
  });

  test('frozen leaderboard, formats with thousands separators, notes defining each figure, widths, the chart beside the table, a protection', () => {
    const sheet = ctx.rt.spreadsheet.sheets.find((s) => s.name === 'Неделя');
    if (!sheet) throw new Error('no sheet');
    expect(sheet.frozenRows).toBe(6);
    expect(sheet.frozenCols).toBe(3);
    expect(sheet.rows[6]?.[3]?.nf).toBe('#,##0.0');
    expect(sheet.rows[6]?.[4]?.nf).toBe('#,##0');
    expect(sheet.rows[6]?.[6]?.nf).toBe('0%');
    expect(sheet.rows[6]?.[18]?.nf).toBe('0%');
    expect(sheet.rows[HEAD]?.[12]?.note).toBe(
      'Сделки, впервые дошедшие до этапа «Встреча назначена» в периоде.',
    );
    expect(sheet.rows[HEAD]?.[19]?.note).toMatch(
      /Все задачи менеджера — по сделкам, контактам и компаниям/,
    );
    expect(sheet.colWidths[3]).toBeGreaterThanOrEqual(
      Math.ceil('Пользователь #599 (удалён)'.length * 7.2),
    );
    expect(sheet.merges).toEqual([
      { sheetId: sheet.id, row: 5, col: 10, numRows: 1, numCols: 3 },
      { sheetId: sheet.id, row: 5, col: 13, numRows: 1, numCols: 7 },
      { sheetId: sheet.id, row: 5, col: 20, numRows: 1, numCols: 3 },
    ]);
    expect(sheet.charts).toHaveLength(1);
    expect(sheet.charts[0]).toMatchObject({
      type: 'BAR',
      options: { title: 'Рейтинг менеджеров за неделю', hAxis: { format: '#,##0.0' } },
      position: { row: 5, col: 24 },
    });
    expect(sheet.protections).toEqual([
      expect.objectContaining({
        kind: 'SHEET',
        editors: ['head@sales.example'],
        domainEdit: false,
      }),
    ]);
  });

  test('the file opens on the week; the blank default sheet is gone', () => {
    const state = ctx.rt.spreadsheet;
    expect(state.sheets.find((s) => s.id === state.activeSheetId)?.name).toBe('Неделя');
    expect(state.sheets.map((s) => s.name)).not.toContain('Лист1');
  });

  test('history: one row per manager for yesterday, with a real date', () => {
    const rows = sheetValues(ctx.rt, 'История')
      .slice(1)
      .filter((r) => r[0]);
    expect(rows.every((r) => r[0] instanceof Date)).toBe(true);
    expect(new Set(rows.map((r) => (r[0] as Date).toISOString()))).toEqual(
      new Set(['2026-03-14T21:00:00.000Z']), // 15 March, midnight in Moscow
    );
    const boris = rows.find((r) => r.at(-1) === 502); // the user id, last
    // day's end stocks: in work, open tasks, overdue, without tasks; flows of 15 March: none
    expect(boris?.slice(1, 13)).toEqual(['Борис Петров', 1, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('«Разбор»: the deals behind the week, the month and the quarter', () => {
  test('per period, manager and figure, each deal as a link, with its moment and points', async () => {
    const { rt } = setUpRuntime(emu);
    refresh(rt);
    // the values as the bundle reads them: a link's formula gives its label
    const v = JSON.parse(
      String(
        rt.run(
          defineScript(
            rt,
            `return JSON.stringify(SpreadsheetApp.getActive().getSheetByName('Разбор').getDataRange().getValues());`,
          ),
          [],
          'menu',
        ),
      ),
    ) as unknown[][];
    expect(v[0]?.[0]).toBe('Разбор рейтинга');
    expect(v[1]?.[0]).toBe(
      'Неделя: 09.03.2026 – 15.03.2026 · Месяц: 01.03.2026 – 16.03.2026 · Квартал: 01.01.2026 – 16.03.2026',
    );
    expect(v[3]).toEqual([
      'Период',
      'Место',
      'Менеджер',
      'Показатель',
      'Сделка или задача',
      'Когда',
      'Баллы',
    ]);
    const anna = v.filter((r) => r[0] === 'Неделя' && r[2] === 'Анна Смирнова');
    const points = anna.reduce((s, r) => s + (typeof r[6] === 'number' ? r[6] : 0), 0);
    expect(points).toBeCloseTo(65.2, 9); // the week's points, deal by deal
    const won = anna.find((r) => r[3] === 'Успешно закрыто');
    expect(won?.[4]).toBe('ООО «Ромашка»');
    expect(new Date(String(won?.[5])).toISOString()).toBe('2026-03-12T13:00:00.000Z');
    expect(won?.[6]).toBe(35);
    const sheet = rt.spreadsheet.sheets.find((s) => s.name === 'Разбор');
    expect(sheet?.rows[v.indexOf(won ?? [])]?.[4]?.f).toBe(
      '=HYPERLINK("https://demo.amocrm.ru/leads/detail/101","ООО «Ромашка»")',
    );
    expect(sheet?.filter).toMatchObject({ row: 4, col: 1, numCols: 7 });
    await rt.close();
  });
});

describe('tasks as amoCRM counts them, or only on deals of the selected pipelines', () => {
  test('the setting switches the count, and the note says which', async () => {
    const dir = sampleWithNames({});
    // a task of Anna's on a contact, and one on the deal of the unselected pipeline
    const tasks = JSON.parse(readFileSync(join(dir, 'tasks.json'), 'utf8')) as object[];
    const open = {
      responsible_user_id: 501,
      is_completed: false,
      task_type_id: 1,
      complete_till: 1774000000,
      created_at: 1773300000,
      updated_at: 1773300000,
    };
    tasks.push(
      { id: 9101, entity_id: 7001, entity_type: 'contacts', ...open },
      { id: 9102, entity_id: 109, entity_type: 'leads', ...open },
    );
    writeFileSync(join(dir, 'tasks.json'), JSON.stringify(tasks));
    const emu2 = await startFixtureEmulator(dir);
    try {
      for (const [scope, total, note] of [
        // the week's stocks are at midnight: 9001 (created on 16 March) is not counted
        ['all', 2, /Все задачи менеджера/],
        ['selectedPipelines', 0, /Только задачи по сделкам выбранных воронок/],
      ] as const) {
        const { rt } = setUpRuntime(emu2, { rating: { tasksScope: scope } });
        refresh(rt);
        const v = sheetValues(rt, 'Неделя');
        expect(rowOf(v, 'Анна Смирнова')[19]).toBe(total);
        const sheet = rt.spreadsheet.sheets.find((s) => s.name === 'Неделя');
        expect(sheet?.rows[HEAD]?.[19]?.note).toMatch(note);
        await rt.close();
      }
    } finally {
      await emu2.stop();
    }
  });
});

describe('over several days', () => {
  test('a rule added by hand survives three refreshes; history grows a day at a time', async () => {
    const clock = new FakeClock('2026-03-16T06:00:00Z');
    const { rt } = setUpRuntime(emu, { clock });
    refresh(rt);
    rt.run(
      defineScript(
        rt,
        `
      const sh = SpreadsheetApp.getActive().getSheetByName('Неделя');
      const mine = SpreadsheetApp.newConditionalFormatRule().whenTextContains('Анна').setBold(true).setRanges([sh.getRange('C7:C20')]).build();
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
    expect(rules).toHaveLength(8); // the one by hand and our seven
    const days = new Set(
      sheetValues(rt, 'История')
        .slice(1)
        .map((r) => (r[0] instanceof Date ? r[0].toISOString().slice(0, 10) : ''))
        .filter(Boolean),
    );
    expect([...days]).toEqual(['2026-03-14', '2026-03-15', '2026-03-16', '2026-03-17']);
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
      // the faults left over go before anything is checked: the next cases share the emulator
      await fetch(`${emu.url}/_emulator/faults/clear`, { method: 'POST' });
      const after = sheetValues(rt, 'Неделя');
      expect(after[3]?.[0]).toMatch(
        // the moment it gave up: a storm is waited out for a minute or so (backoff, service calls)
        /^⚠ Последнее обновление не удалось \(16\.03\.2026 10:0\d\): .* Показан рейтинг по данным на 16\.03\.2026 09:00\.$/,
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
    const names = [6, 7, 8].map((r) => sheet?.rows[r]?.[2]);
    expect(names.map((c) => c?.v)).toEqual([
      // as typed, then the streak marks (docs/rules.md §3.6): two weeks in the top three, a best
      '=HYPERLINK("http://x","y") 🏆2 ⭐',
      '+7 900 123-45-67 🏆2 ⭐',
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
      JSON.parse(rt.properties.document['sync.records'] ?? '[]') as Array<{
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
    expect(rt.spreadsheet.sheets.some((s) => s.name === '_amocrm_staging')).toBe(true);
    rt.advanceTo('2026-03-16T12:00:00Z');
    expect(rt.spreadsheet.sheets.some((s) => s.name === '_amocrm_staging')).toBe(false);
    expect(rowOf(sheetValues(rt, 'Неделя'), 'Анна Смирнова').slice(0, 2)).toEqual([1, '🥇']);
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
          'DeveloperMetadata',
          'DeveloperMetadataFinder',
          'DeveloperMetadataLocation',
          'Filter',
        ];
        calls.push(sheetServices.reduce((n, s) => n + rt.countOf(s), 0));
        const rows = sheetValues(rt, 'Неделя').filter((r) => typeof r[0] === 'number').length;
        managerRows.push(rows);
        await rt.close();
      } finally {
        await amo.stop();
      }
    }
    expect(managerRows[1]).toBeGreaterThan((managerRows[0] ?? 0) * 3);
    expect(calls[0]).toBe(calls[1]);
  });
});

describe('settings, status and the hall of fame', () => {
  test('bad settings are refused field by field in words a sales head understands, and nothing is saved', async () => {
    const { rt } = setUpRuntime(emu);
    const before = { ...rt.properties.document };
    const good = readSettings(rt);
    const bad = {
      ...good,
      scheduleHour: 25,
      rating: {
        ...good.rating,
        thresholds: { green: 0.5, yellow: 0.8 },
        plans: [{ month: '2026-13', userId: 501, points: -5 }],
        norms: {
          maxOverdueTasks: null,
          maxLost: null,
          maxLostShare: 30,
          maxLeadsWithoutTasks: null,
        },
      },
    };
    const r = saveSettingsAsPages(rt, bad);
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual(
      expect.arrayContaining([
        // the plans dialog edits this month and the next two: any other month is refused first
        {
          field: 'rating.plans[0].month',
          message: 'Планы прошлых месяцев не меняются: можно править этот месяц и два следующих.',
        },
        {
          field: 'rating.thresholds',
          message:
            'Порог «зелёного» должен быть больше порога «жёлтого», а сейчас они «50» и «80».',
        },
        // stored as a fraction, shown in percent: 30 stored is 3000 %
        {
          field: 'rating.norms.maxLostShare',
          message: 'Доля отказов — от 0 до 100 %, а не «3000».',
        },
        { field: 'scheduleHour', message: 'Час — целое число от 0 до 23, а не «25».' },
      ]),
    );
    expect(rt.properties.document).toEqual(before);
    await rt.close();
  });

  test('the status item says in words what the sheets show and what comes next; the counts only as details', async () => {
    const { rt } = setUpRuntime(emu);
    refresh(rt);
    rt.clickMenu('Рейтинг менеджеров', 'Статус последнего обновления');
    const alert = rt.ui.alerts.at(-1);
    expect(alert?.title).toBe('Последние обновления');
    const [words, details] = (alert?.prompt ?? '').split('Подробности (для поддержки):');
    expect(words).toBe(
      'Рейтинг обновлён 16.03.2026 09:00; данные на 16.03.2026 09:00.\n\n' +
        'Расписание выключено: рейтинг обновляется только из меню «Обновить сейчас».\n\n',
    );
    expect(details).toMatch(
      /^\n✓ 16\.03\.2026 09:00: полная загрузка, запросов \d+, повторов 0; сделок 11, задач 6, событий \d+$/,
    );
    await rt.close();
  });

  test("in the first week of a quarter: the closed quarter's final on «Квартал», its top three in «Зал славы»", async () => {
    // set up in March, when March's plans were saved; the first refresh comes on 2 April
    const clock = new FakeClock(NOW);
    const { rt } = setUpRuntime(emu, { clock });
    clock.set('2026-04-02T06:00:00Z');
    refresh(rt);
    const hall = sheetValues(rt, 'Зал славы');
    expect(hall[0]?.[0]).toBe('🏆 Зал славы');
    expect(hall.slice(4, 7).map((r) => r.slice(0, 5))).toEqual([
      ['I кв. 2026', 1, '🥇', 'Анна Смирнова', 69.4],
      ['I кв. 2026', 2, '🥈', 'Борис Петров', 43.3], // new 103, 104, 110: 0.3; meeting 103: 1; won 110: 35; contract 110 on reopening: 7
      ['I кв. 2026', 3, '🥉', 'Вера <Отдел & Ко>', 18.1],
    ]);
    const q = sheetValues(rt, 'Квартал').map((r) => r[0]);
    expect(q).toContain('Итоги прошлого квартала: 01.01.2026 – 31.03.2026');
    refresh(rt); // once only: keyed by (quarter, place)
    expect(sheetValues(rt, 'Зал славы').filter((r) => r[0] === 'I кв. 2026')).toHaveLength(3);
    await rt.close();
  });
});
