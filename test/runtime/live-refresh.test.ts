/**
 * A working day with «обновлять в течение дня» on, lived through the hourly trigger in the built
 * bundle: Monday 16 March 2026, Moscow, the daily refresh at 07:00, posts at 09:00, the live
 * window 10–19. The generated account's people work 09:00–19:00 (dev/amocrm/simulation.ts). The
 * same day with the setting off is the control: the group gets the same posts. And the local
 * runtime itself refuses trigger runs past the day's 90 minutes, as Google does.
 * PRODUCT.md §4 (during the day); docs/rules.md §4.7.1.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeClock, GasRuntime, spreadsheetToHtml } from '../../dev/gas';
import {
  startAmoEmulator,
  startTelegramEmulator,
  type AmoHandle,
  type TelegramHandle,
} from '../support/emulators';
import { setUpRuntime, sheetValues } from '../support/fixture-account';
import { readSettings } from '../support/settings-io';
import { connectTelegram, delivered, liveHours } from '../support/set-up-rating';
import { control } from '../../dev/emulator/processes';
import { addDays, localDate, midnight } from '../oracle/calendar';
import type { OracleDump, OracleSettings } from '../oracle/inputs';
import { rate } from '../oracle/rating';

jest.setTimeout(600_000);

const OUT = join(__dirname, '..', '..', 'out');
const START = '2026-03-16T03:00:00Z'; // Monday 16 March, 06:00 in Moscow
const END = '2026-03-17T05:30:00Z'; // Tuesday 17 March, 08:30
const HOUR = 3600_000;
const moscowHour = (ms: number) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Moscow',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(ms));

interface Day {
  /** what each tick did, by the Moscow «day, hour» it started */
  ticks: Array<{ hour: string; kind: string; ms: number }>;
  /** the Сегодня block after each hour: its title and its total */
  today: Array<{ hour: string; title: string; total: number | null }>;
  /** the reference recount's points of the day so far, after each live refresh */
  oracle: Array<{ hour: string; total: number }>;
  group: string[];
  /** the head's private chat */
  head: string[];
  failures: GasRuntime['triggerFailures'];
  usedMs: number;
  week: unknown[][];
  /** Месяц at 15:00 */
  month: unknown[][];
}

const KINDS = ['live', 'daily', 'idle'];

/** The Сегодня block of Неделя: its title row and its «Итого по отделу» row. */
function todayBlock(values: unknown[][]): { title: string; total: number | null } {
  const at = values.findIndex((r) => String(r[0]).startsWith('Сегодня'));
  if (at < 0) return { title: '', total: null };
  const total = values.slice(at).find((r) => r[2] === 'Итого по отделу');
  return { title: String(values[at]?.[0]), total: total ? Number(total[3]) : null };
}

/**
 * Today's points so far by the reference recount (test/oracle, written from PRODUCT.md, nothing
 * from src/) on the emulator's own account: the ranked managers' points from local midnight to
 * the moment, as a period of one day still running.
 */
async function oracleToday(amo: AmoHandle, rt: GasRuntime, at: number): Promise<number> {
  const dump = await control<OracleDump>(amo.url, 'dump');
  const zone = dump.account._embedded?.datetime_settings?.timezone ?? 'Europe/Moscow';
  const first = localDate(at, zone);
  const after = addDays(first, 1);
  const period = {
    kind: 'week' as const,
    first,
    after,
    start: midnight(first, zone),
    end: midnight(after, zone),
  };
  const settings = readSettings(rt).rating as unknown as OracleSettings;
  const r = rate({ data: dump, settings, period, asOf: at });
  return Math.round(r.ranked.reduce((sum, m) => sum + m.points, 0) * 10) / 10;
}

/**
 * `seed`: the tick record the day starts with ([start s, ms, kind index]), as an earlier day left
 * it — what the cadence is planned from until the day's own refreshes are measured.
 */
async function liveADay(live: boolean, seed: Array<[number, number, number]> = []): Promise<Day> {
  const amo: AmoHandle = await startAmoEmulator(['--seed', '7', '--size', 'small', '--now', START]);
  const tg: TelegramHandle = await startTelegramEmulator();
  const day: Day = {
    ticks: [],
    today: [],
    oracle: [],
    group: [],
    head: [],
    failures: [],
    usedMs: 0,
    week: [],
    month: [],
  };
  try {
    const { rt } = setUpRuntime(amo, { clock: new FakeClock(START), sampleSettings: false });
    try {
      connectTelegram(rt, amo, tg, {
        daily: true,
        workingDaysOnly: false,
        monday: true,
        quarter: true,
        headDigest: true,
        hour: 9,
        publicTopN: 10,
      });
      expect(
        rt.callFromClient('saveSettingsPart', {
          scheduleHour: 7,
          live: { on: live, from: 10, to: 19 },
        }),
      ).toMatchObject({ ok: true });
      // March plans of 200 points each, so the forecast says how much of the plan it reaches
      const managers = (rt.callFromClient('plansLoad') as { managers: Array<{ id: number }> })
        .managers;
      expect(
        rt.callFromClient(
          'savePlans',
          managers.map((m) => ({ month: '2026-03', userId: m.id, points: 200 })),
        ),
      ).toMatchObject({ ok: true });
      rt.clickMenu('Рейтинг менеджеров', 'Включить расписание');
      if (seed.length) rt.properties.document['live.runs'] = JSON.stringify(seed);
      let seen = 0;
      await liveHours(rt, amo, START, END, async (t) => {
        const runs = JSON.parse(rt.properties.document['live.runs'] ?? '[]') as Array<
          [number, number, number]
        >;
        const fresh = runs.filter(([at]) => at * 1000 > seen);
        for (const [at, ms, k] of fresh)
          day.ticks.push({ hour: moscowHour(at * 1000), kind: KINDS[k] ?? '?', ms });
        if (fresh.length) seen = (fresh[fresh.length - 1]?.[0] ?? 0) * 1000;
        day.today.push({ hour: moscowHour(t), ...todayBlock(sheetValues(rt, 'Неделя')) });
        if (live && fresh.some(([, , k]) => KINDS[k] === 'live'))
          day.oracle.push({ hour: moscowHour(t), total: await oracleToday(amo, rt, t) });
        if (live && moscowHour(t) === '16, 15') {
          day.month = sheetValues(rt, 'Месяц');
          // the pictures of the day at 15:00, to be looked at (tools/pictures renders them)
          mkdirSync(OUT, { recursive: true });
          for (const [sheet, file] of [
            ['Неделя', 'live-week.html'],
            ['Месяц', 'live-month.html'],
          ] as const)
            writeFileSync(
              join(OUT, file),
              spreadsheetToHtml(rt.spreadsheet, { sheets: [sheet], title: sheet }),
            );
        }
      });
      day.failures = rt.triggerFailures.slice();
      day.usedMs = rt.triggerRuntimeUsed();
      day.week = sheetValues(rt, 'Неделя');
    } finally {
      await rt.close();
    }
    const sent = await delivered(tg);
    day.group = sent.group.map((x) => x.text ?? '');
    day.head = sent.head.map((x) => x.text ?? '');
  } finally {
    await tg.stop();
    await amo.stop();
  }
  return day;
}

describe('a working day with the refresh during the day on, 10–19', () => {
  let on: Day;
  let off: Day;
  beforeAll(async () => {
    on = await liveADay(true);
    off = await liveADay(false);
    mkdirSync(OUT, { recursive: true });
    writeFileSync(
      join(OUT, 'live-refresh.txt'),
      [
        ...on.ticks.map((x) => `${x.hour}  ${x.kind.padEnd(5)} ${(x.ms / 1000).toFixed(1)} s`),
        '',
        ...on.today.map((x) => `${x.hour}  ${x.title}  итого ${x.total ?? '—'}`),
        '',
        ...on.week.map((r) => r.slice(0, 8).join(' | ')),
      ].join('\n'),
    );
  });

  test('refreshes every hour from 10:00 to 19:00 and at no other hour but the daily 07:00', () => {
    const refreshed = on.ticks.filter((x) => x.kind !== 'idle').map((x) => `${x.hour} ${x.kind}`);
    expect(refreshed).toEqual([
      '16, 07 daily',
      ...[10, 11, 12, 13, 14, 15, 16, 17, 18, 19].map((h) => `16, ${h} live`),
      '17, 07 daily',
    ]);
    // with the setting off only the daily refreshes run
    expect(off.ticks.filter((x) => x.kind !== 'idle').map((x) => `${x.hour} ${x.kind}`)).toEqual([
      '16, 07 daily',
      '17, 07 daily',
    ]);
  });

  test('Сегодня moves with the day’s work, stands still outside the window, starts from zero tomorrow', () => {
    const total = (hour: string) => on.today.find((x) => x.hour === hour)?.total;
    // the account's people start at 09:00: the 07:00 refresh shows a day with nothing yet
    expect(total('16, 07')).toBe(0);
    const inWindow = on.today.filter((x) => x.hour >= '16, 10' && x.hour <= '16, 19');
    const totals = inWindow.map((x) => x.total ?? -1);
    // never down within a day, and up in most working hours
    totals.forEach((v, i) => expect(v).toBeGreaterThanOrEqual(totals[i - 1] ?? 0));
    expect(new Set(totals).size).toBeGreaterThanOrEqual(5);
    // after 19:00 no refresh: the block says 19:00's numbers until the next morning
    const evening = on.today.filter((x) => x.hour > '16, 19' && x.hour < '17, 07');
    expect(new Set(evening.map((x) => x.total))).toEqual(new Set([total('16, 19')]));
    expect(evening.every((x) => x.title === on.today.find((y) => y.hour === '16, 19')?.title)).toBe(
      true,
    );
    // Tuesday's 07:00 refresh: a new day, zero so far
    expect(on.today.find((x) => x.hour === '17, 07')?.title).toMatch(
      /^Сегодня, 17\.03, с 00:00 до 07:0\d$/,
    );
    expect(total('17, 07')).toBe(0);
    // with the setting off there is no Сегодня block
    expect(off.today.every((x) => x.total === null)).toBe(true);
  });

  test('Сегодня says what the reference recount of the account says, hour by hour', () => {
    expect(on.oracle.map((x) => x.hour)).toEqual(
      [10, 11, 12, 13, 14, 15, 16, 17, 18, 19].map((h) => `16, ${h}`),
    );
    for (const o of on.oracle)
      expect([o.hour, on.today.find((x) => x.hour === o.hour)?.total]).toEqual([o.hour, o.total]);
  });

  test('the group gets the same posts as with the setting off: a live refresh never posts', () => {
    expect(on.group.length).toBeGreaterThan(0);
    expect(on.group).toEqual(off.group);
  });

  test('Месяц forecasts the month at the pace of its 9 working days of 21', () => {
    // March 2026 by Russia's production calendar: 2–6, 10–13, 16–20, 23–27, 30–31 = 21 working
    // days (Monday 9 March is the day off moved from Sunday 8 March); before Monday the 16th:
    // 2–6, 10–13 = 9. The team's forecast = its points before today (the points at 15:00 less
    // Сегодня's total then) ÷ 9 × 21.
    const at = on.month.findIndex((r) => String(r[0]).startsWith('Прогноз'));
    expect(String(on.month[at]?.[0])).toContain('9 из 21 рабочих дней');
    const total = (from: number) => on.month.slice(from).find((r) => r[2] === 'Итого по отделу');
    const points = Number(total(0)?.[3]);
    const forecast = Number(total(at)?.[3]);
    expect(points).toBeGreaterThan(0);
    const today = on.today.find((x) => x.hour === '16, 15')?.total ?? NaN;
    expect(today).toBeGreaterThan(0);
    expect(forecast).toBeCloseTo(Math.round((((points - today) * 21) / 9) * 10) / 10, 5);
    // and against the plan: the forecast ÷ (200 × the managers planned)
    const plan = Number(total(at)?.[4]);
    expect(plan).toBeGreaterThan(0);
    expect(Number(total(at)?.[5])).toBeCloseTo(forecast / plan, 5);
  });

  test("the Monday post carries the month's forecast", () => {
    expect(on.group.some((m) => m.includes('🔮 Прогноз на конец месяца'))).toBe(true);
  });

  test('the day stays inside the trigger runtime: no refused run, under 80 % of 90 minutes', () => {
    expect(on.failures).toEqual([]);
    expect(on.usedMs).toBeLessThan(0.8 * 90 * 60_000);
  });
});

test('the local runtime refuses trigger runs past 90 minutes a day, as Google does, and resets after 24 hours', () => {
  const start = '2026-03-16T00:00:00Z';
  const rt = new GasRuntime({ clock: new FakeClock(start) });
  try {
    // a handler that works 290 s per run: 18 runs are 87 min, the 19th passes 90
    rt.evaluate(
      'function burn(){ Utilities.sleep(290000); }' +
        'function installBurn(){ ScriptApp.newTrigger("burn").timeBased().everyHours(1).create(); }',
    );
    rt.run('installBurn');
    rt.advanceTo(Date.parse(start) + 24 * HOUR - 1);
    const burns = rt.executions.filter((e) => e.functionName === 'burn');
    expect(burns.length).toBe(19);
    expect(rt.triggerFailures.length).toBeGreaterThan(0);
    expect(
      rt.triggerFailures.every(
        (f) => f.message === 'Service using too much computer time for one day',
      ),
    ).toBe(true);
    // the first run opened the window: 24 hours later the triggers run again
    const firstRun = burns[0]?.startedAt ?? 0;
    rt.advanceTo(firstRun + 24 * HOUR + 2 * HOUR);
    expect(rt.executions.filter((e) => e.functionName === 'burn').length).toBeGreaterThan(19);
  } finally {
    void rt.close();
  }
});

describe('a day after slow refreshes: the cadence lowered, the head told, then every hour again', () => {
  let day: Day;
  let plain: Day;
  beforeAll(async () => {
    // Sunday evening's record: five refreshes of 9 minutes each (an account that was slow then).
    // Every hour would cost 28 s + 10 × 9 min + idle ≈ 91 min > 72 (80 % of 90): every 2nd hour.
    const sunday = Date.parse('2026-03-15T16:00:00Z') / 1000; // 19:00 in Moscow
    const seed = [0, 1, 2, 3, 4].map((i): [number, number, number] => [
      sunday + i * 3600,
      9 * 60_000,
      0,
    ]);
    day = await liveADay(true, seed);
    plain = await liveADay(false);
  });

  test('every 2nd hour while the slow refreshes weigh in, every hour once the day’s own are measured', () => {
    // 10:00 on both cadences. The mean of the last five live refreshes: after 10:00's (≈18 s)
    // (4 × 9 min + 0.3 min) ÷ 5 ≈ 7.3 min → every hour ≈ 73.5 min > 72: still every 2nd hour, no
    // refresh at 11:00; after 12:00's (3 × 9 + 0.6) ÷ 5 ≈ 5.5 min → every hour ≈ 56 min: hourly.
    const live = day.ticks
      .filter((x) => x.kind === 'live' && !x.hour.startsWith('15'))
      .map((x) => x.hour);
    expect(live).toEqual([10, 12, 13, 14, 15, 16, 17, 18, 19].map((h) => `16, ${h}`));
  });

  test('the head hears once that it went sparser and once that it is back, in words', () => {
    const told = day.head.filter((m) => m.includes('в течение дня'));
    expect(told).toHaveLength(2);
    expect(told[0]).toContain('обновление в течение дня пришлось сделать реже');
    expect(told[0]).toMatch(/раз в 2 ч вместо каждого часа.*около \d+ мин из 90 мин/s);
    expect(told[1]).toContain('обновление в течение дня снова идёт каждый час');
  });

  test('the group’s posts are still those of a day without live refreshes; no run refused', () => {
    expect(day.group).toEqual(plain.group);
    expect(day.failures).toEqual([]);
  });
});
