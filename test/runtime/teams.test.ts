/**
 * Teams, records and streak marks on a generated account whose managers sit in three amoCRM user
 * groups (docs/rules.md §3.6, §3.7): the built bundle syncs the emulator, and every team row of
 * every rating sheet must equal the sum of its members' rows as read from the same sheet, its
 * members being those the emulator lists in the group. Зал славы keeps the department's records,
 * and a refresh that fails leaves them as they were.
 */
import { FakeClock, GasRuntime } from '../../dev/gas';
import { startAmoEmulator, type AmoHandle } from '../support/emulators';
import { sheetValues } from '../support/fixture-account';
import { readSettings, saveSettingsAsPages } from '../support/settings-io';
import { readTeams as readTeamTable, type SheetTeams } from '../support/team-table';

jest.setTimeout(120000);

const NOW = '2026-03-16T04:00:00Z'; // Monday 07:00 in Moscow

interface Dump {
  users: Array<{
    id: number;
    name: string;
    rights: { is_active: boolean; group_id?: number | null };
  }>;
  account: { _embedded?: { users_groups?: Array<{ id: number; name: string }> } };
}

let amo: AmoHandle;
let rt: GasRuntime;
let clock: FakeClock;
let dump: Dump;

beforeAll(async () => {
  amo = await startAmoEmulator(['--seed', '5', '--size', 'tiny', '--managers', '6', '--now', NOW]);
  const st = await amo.control<{ now: number; token: string; adminUserId: number }>('state');
  clock = new FakeClock(st.now * 1000);
  rt = new GasRuntime({
    clock,
    routes: [{ host: /\.amocrm\.ru$/, target: amo.url, forwardClock: true }],
  });
  const connected = rt.run('connectAmoWithToken', ['demo', st.token], 'client') as {
    ok: boolean;
    message: string;
  };
  if (!connected.ok) throw new Error(connected.message);
  rt.open();
  dump = await amo.control<Dump>('dump');
  // plans for every active manager, so the teams' plan % and pace have something to add up
  const current = readSettings(rt);
  const managers = dump.users.filter((u) => u.rights.is_active && u.id !== st.adminUserId);
  const saved = saveSettingsAsPages(rt, {
    ...current,
    rating: {
      ...current.rating,
      excludedUserIds: [st.adminUserId],
      plans: managers.flatMap((u, i) =>
        ['2026-03', '2026-04'].map((month) => ({ month, userId: u.id, points: 40 + i * 20 })),
      ),
    },
  });
  if (!saved.ok) throw new Error(saved.errors.map((e) => e.message).join('; '));
  rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
});

afterAll(async () => {
  await rt?.close();
  await amo?.stop();
});

/** The group's name for a manager named on the sheet (the emulator's truth, not the product's). */
function teamOf(name: string): string {
  const u = dump.users.find((x) => x.name === name);
  if (!u) throw new Error(`no user ${name}`);
  const gid = u.rights.group_id ?? 0;
  return dump.account._embedded?.users_groups?.find((g) => g.id === gid)?.name ?? '?';
}

/** The first table's managers and the team table under it, as the sheet shows them. */
function readTeams(sheet: string): SheetTeams {
  return readTeamTable(sheetValues(rt, sheet));
}

test('the generated account has managers in three groups, as amoCRM sends them', () => {
  const groups = dump.account._embedded?.users_groups ?? [];
  expect(groups.map((g) => g.name)).toEqual([
    'Отдел продаж',
    'Новые клиенты',
    'Повторные продажи',
    'Регионы',
  ]);
  const active = dump.users.filter(
    (u) => u.rights.is_active && u.name !== 'Руководитель отдела продаж',
  );
  expect(new Set(active.map((u) => teamOf(u.name))).size).toBe(3);
});

test.each(['Неделя', 'Месяц', 'Квартал'])(
  '%s: each team row is the sum of its members’ rows on the same sheet',
  (sheet) => {
    const { members, teams } = readTeams(sheet);
    const want = new Map<string, { points: number; plan: number; planned: boolean; n: number }>();
    for (const m of members) {
      const team = teamOf(m.name);
      const w = want.get(team) ?? { points: 0, plan: 0, planned: false, n: 0 };
      w.points += m.points;
      if (m.plan !== '') {
        w.plan += m.plan;
        w.planned = true;
      }
      w.n++;
      want.set(team, w);
    }
    expect(want.size).toBeGreaterThan(1);
    expect(teams.map((t) => t.name).sort()).toEqual([...want.keys()].sort());
    for (const t of teams) {
      const w = want.get(t.name);
      if (!w) throw new Error(`unexpected team ${t.name}`);
      expect(t.points).toBeCloseTo(w.points, 6);
      expect(t.members).toBe(w.n);
      expect(t.plan === '' ? '' : t.plan).toEqual(w.planned ? expect.closeTo(w.plan, 1) : '');
      if (t.plan !== '' && t.plan > 0) expect(t.planPct).toBeCloseTo(t.points / t.plan, 6);
    }
    // ranked by points, places 1…n
    expect(teams.map((t) => t.place)).toEqual(teams.map((_, i) => i + 1));
    const pts = teams.map((t) => t.points);
    expect(pts).toEqual([...pts].sort((a, b) => b - a));
  },
);

test('Зал славы keeps the best week: at least the best of this week, and a failed refresh keeps it', async () => {
  const hall = () => sheetValues(rt, 'Зал славы');
  const records = (v: unknown[][]) => v.slice(2, 6).map((r) => r.slice(7, 11));
  const before = records(hall());
  expect(before[0]?.[0]).toBe('Рекорды отдела');
  expect(before[2]?.[0]).toBe('Лучшая неделя');
  const week = readTeams('Неделя').members;
  const bestThisWeek = Math.max(...week.map((m) => m.points));
  expect(Number(before[2]?.[1])).toBeGreaterThanOrEqual(bestThisWeek);
  // the week of the record is one the data holds; the manager is a real one
  expect(dump.users.some((u) => u.name === before[2]?.[2])).toBe(true);
  expect(before[3]?.[0]).toBe('Лучший месяц');
  expect(Number(before[3]?.[1])).toBeGreaterThan(0);

  await amo.control('faults', { kind: '402', count: 50 });
  clock.set(clock.now() + 86400000);
  rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
  await amo.control('faults/clear');
  const weekSheet = sheetValues(rt, 'Неделя');
  expect(String(weekSheet[3]?.[0])).toMatch(/не удалось|Не удалось|ошибк/i);
  expect(records(hall())).toEqual(before);
  // the next good refresh, a day on, never lowers a record: a lower week in the data leaves it
  clock.set(clock.now() + 86400000);
  rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
  const after = records(hall());
  expect(String(sheetValues(rt, 'Неделя')[3]?.[0])).toBe('');
  expect(Number(after[2]?.[1])).toBeGreaterThanOrEqual(Number(before[2]?.[1]));
  expect(Number(after[3]?.[1])).toBeGreaterThanOrEqual(Number(before[3]?.[1]));
});

test('ranked by points per member, the table says so and shows points per member', () => {
  const current = readSettings(rt);
  const saved = saveSettingsAsPages(rt, {
    ...current,
    rating: { ...current.rating, teams: 'perMember' },
  });
  if (!saved.ok) throw new Error(saved.errors.map((e) => e.message).join('; '));
  rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
  const { title, teams } = readTeams('Месяц');
  if (process.env.SHOW_TEAMS)
    console.log(
      sheetValues(rt, 'Месяц')
        .map((r) => r.slice(0, 11).join(' | '))
        .join('\n'),
      sheetValues(rt, 'Зал славы')
        .map((r) => r.join(' | '))
        .join('\n'),
    );
  expect(title).toBe('Команды (группы amoCRM), места по баллам на человека');
  for (const t of teams) expect(t.perMember).toBeCloseTo(t.points / t.members, 6);
  const per = teams.map((t) => Number(t.perMember));
  expect(per).toEqual([...per].sort((a, b) => b - a));
});

test('teams off: no team table', () => {
  const current = readSettings(rt);
  const saved = saveSettingsAsPages(rt, {
    ...current,
    rating: { ...current.rating, teams: 'off' },
  });
  if (!saved.ok) throw new Error(saved.errors.map((e) => e.message).join('; '));
  rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
  expect(readTeams('Неделя').title).toBe('');
});
