/**
 * Movers, streaks, personal bests, records and teams on a hand-made account (docs/rules.md §3.6,
 * §3.7). Moscow time; now is Monday 16 March 2026 09:00: the week W0 is 9–15 March, W1 2–8
 * March, W2 23 Feb–1 Mar, W3 16–22 Feb, W4 9–15 Feb; nothing happened before 9 February.
 *
 * Points (the case's values; a deal jumping stages earns only the stage it reaches): a deal
 * created and won 35.1 (0.1 + 35), created and signed 7.1, created with a meeting 1.1, created
 * only 0.1.
 *
 *            W4      W3      W2      W1      W0
 *   Анна     35.1    35.1    35.1    35.1    35.1
 *   Борис    –       1.1     7.1     1.1     70.2 (two wins)
 *   Дарья    –       7.1     0.1     7.1     0.1
 *   Егор     –       0.1     1.1     0.1     7.1
 *
 * Plans: Анна and Борис 112 in February (28 days) and 124 in March (31 days), so every week's
 * plan is 28: 7/28 × 112 = 7/31 × 124 = 28; W2 = 6/28 × 112 + 1/31 × 124 = 24 + 4 = 28.
 */
import type { AmoLead, AmoUser, AmoEvent } from '../../../src/shapes/amocrm';
import { motivationOf, ratingsOf, streakMark, roundStreaks } from '../../../src/engine';
import { moversOf, beforeOf } from '../../../src/engine/movers';
import { teamsOf } from '../../../src/engine/teams';
import { nextRecord } from '../../../src/engine/records';
import { postsFor } from '../../../src/telegram/post-format';
import { withMotivation } from '../../../src/app/jobs/motivation-refresh';
import { ANNA, BORIS, DARIA, NOW, S, engine, lead, move, settings, t } from './fixture';

const EGOR = 6;
const users: AmoUser[] = [
  { id: ANNA, name: 'Анна', rights: { is_active: true, group_id: null } },
  { id: BORIS, name: 'Борис', rights: { is_active: true, group_id: 11 } },
  { id: DARIA, name: 'Дарья', rights: { is_active: true, group_id: 11 } },
  { id: EGOR, name: 'Егор', rights: { is_active: true, group_id: 99 } },
];
const groups = [
  { id: 0, name: 'Новые клиенты' },
  { id: 11, name: 'Регионы' },
];

const leads: AmoLead[] = [];
const events: AmoEvent[] = [];
let seq = 100;
/** a deal created at `at` and moved at once to `to` (S.NEW: left new) */
function deal(user: number, at: string, to: number): void {
  const id = ++seq;
  const closed = to === S.WON ? { closed_at: t(at) + 3600 } : {};
  leads.push(lead(id, at, user, to, closed));
  if (to !== S.NEW) events.push(move(id, at.replace(/\d\d:\d\d$/, '11:00'), S.NEW, to));
}
const won = (u: number, day: string) => deal(u, `${day} 10:00`, S.WON);
const signed = (u: number, day: string) => deal(u, `${day} 10:00`, S.CONTRACT);
const meeting = (u: number, day: string) => deal(u, `${day} 10:00`, S.MEET);
const created = (u: number, day: string) => deal(u, `${day} 10:00`, S.NEW);

won(ANNA, '2026-02-10'); // W4
won(ANNA, '2026-02-17'); // W3
meeting(BORIS, '2026-02-17');
signed(DARIA, '2026-02-17');
created(EGOR, '2026-02-17');
won(ANNA, '2026-02-24'); // W2
signed(BORIS, '2026-02-24');
created(DARIA, '2026-02-24');
meeting(EGOR, '2026-02-24');
won(ANNA, '2026-03-03'); // W1
meeting(BORIS, '2026-03-03');
signed(DARIA, '2026-03-03');
created(EGOR, '2026-03-03');
won(ANNA, '2026-03-10'); // W0
won(BORIS, '2026-03-10');
won(BORIS, '2026-03-11');
created(DARIA, '2026-03-10');
signed(EGOR, '2026-03-10');

const plans = [ANNA, BORIS].flatMap((userId) => [
  { month: '2026-02', userId, points: 112 },
  { month: '2026-03', userId, points: 124 },
]);

function setUp(opts: { egorGroup?: number } = {}) {
  const us = users.map((u) =>
    u.id === EGOR && opts.egorGroup !== undefined
      ? { ...u, rights: { ...u.rights, group_id: opts.egorGroup } }
      : u,
  );
  const e = engine(
    {
      users: us,
      leads,
      events,
      account: {
        id: 77,
        name: 'Демо',
        subdomain: 'demo',
        _embedded: {
          datetime_settings: { timezone: 'Europe/Moscow', timezone_offset: '+03:00' },
          users_groups: groups,
        },
      },
    },
    settings({ plans }),
  );
  const ratings = ratingsOf(e, NOW, []);
  return { e, ratings };
}

const byName = <T extends { name: string }>(rows: readonly T[], name: string): T => {
  const r = rows.find((x) => x.name === name);
  if (!r) throw new Error(`no ${name}`);
  return r;
};

test('the sample is what the table above says: W0 and the month to date', () => {
  const { ratings } = setUp();
  expect(ratings.week.rows.map((r) => [r.name, r.points, r.change])).toEqual([
    ['Борис', 70.2, 2], // W1: Анна 1, Дарья 2, Борис 3, Егор 4
    ['Анна', 35.1, -1],
    ['Егор', 7.1, 1],
    ['Дарья', 0.1, -2],
  ]);
  // March to date: Борис 1.1 + 70.2, Анна 35.1 × 2, Дарья 7.1 + 0.1, Егор 0.1 + 7.1 (Дарья and
  // Егор tie on points, won deals and contracts: by name); February: Анна 105.3, Борис 8.2,
  // Дарья 7.2, Егор 1.2
  expect(ratings.month.rows.map((r) => [r.name, r.points, r.change])).toEqual([
    ['Борис', 71.3, 1],
    ['Анна', 70.2, -1],
    ['Дарья', 7.2, 0],
    ['Егор', 7.2, 0],
  ]);
});

test('§3.6 most improved of the week: the most places gained, then the most points', () => {
  const { e, ratings } = setUp();
  const m = motivationOf(e, ratings).movers.week;
  // Борис 3rd → 1st (+2), 1.1 → 70.2 points (+69.1); Егор 4th → 3rd (+1), 0.1 → 7.1 (+7.0)
  expect(m).toMatchObject({ name: 'Борис', places: 2, before: 1.1, now: 70.2, gain: 69.1 });
  const all = moversOf(ratings.week, beforeOf(e.input(NOW, []), ratings.week.period));
  expect(all.map((x) => [x.name, x.places, x.gain])).toEqual([
    ['Борис', 2, 69.1],
    ['Егор', 1, 7],
  ]);
});

test('§3.6 most improved of the month compares the month to date with as many days of the last', () => {
  const { e, ratings } = setUp();
  // 1 March 00:00 – 16 March 09:00 against 1 February 00:00 – 16 February 09:00: Борис had
  // nothing then (0), 71.3 now; he rose from 2nd in February to 1st
  expect(motivationOf(e, ratings).movers.month).toMatchObject({
    name: 'Борис',
    places: 1,
    before: 0,
    now: 71.3,
    gain: 71.3,
  });
});

test('§3.6 a manager without a place in the previous period (a new hire) is never a mover', () => {
  const { e, ratings } = setUp();
  const fresh = {
    ...ratings.week,
    rows: ratings.week.rows.map((r) =>
      r.name === 'Борис' ? { ...r, change: null, previousPlace: null } : r,
    ),
  };
  const all = moversOf(fresh, beforeOf(e.input(NOW, []), ratings.week.period));
  expect(all.map((x) => x.name)).toEqual(['Егор']);
});

test('§3.6 streaks: weeks on pace and in the top three, counted back from this week', () => {
  const { e, ratings } = setUp();
  const s = motivationOf(e, ratings).streaks;
  // Анна: 35.1 / 28 = 125 % every week W0–W4, first or second every week
  expect(byName([...s.values()], 'Анна')).toMatchObject({
    onPace: 5,
    top3: 5,
    personalBest: false,
  });
  // Борис: 70.2 / 28 = 251 % in W0, 1.1 / 28 = 4 % in W1; 1st, 3rd, 2nd, 3rd, and unranked in W4
  expect(byName([...s.values()], 'Борис')).toMatchObject({ onPace: 1, top3: 4 });
  // Егор: 3rd in W0, 4th in W1; no plan, so never on pace
  expect(byName([...s.values()], 'Егор')).toMatchObject({ onPace: 0, top3: 1 });
  expect(byName([...s.values()], 'Дарья')).toMatchObject({ onPace: 0, top3: 0 });
});

test('§3.6 personal best: this week beats every earlier week of the same manager', () => {
  const { e, ratings } = setUp();
  const s = [...motivationOf(e, ratings).streaks.values()];
  // Борис 70.2 > 7.1 (W2); Егор 7.1 > 1.1 (W2); Анна 35.1 only equals her 35.1; Дарья 0.1 < 7.1
  expect(s.filter((x) => x.personalBest).map((x) => [x.name, x.bestBefore])).toEqual([
    ['Борис', 7.1],
    ['Егор', 1.1],
  ]);
});

test('§3.6 the marks beside names from two weeks, and the round streak announced', () => {
  const { e, ratings } = setUp();
  const s = motivationOf(e, ratings).streaks;
  const mark = (name: string) => streakMark(byName([...s.values()], name));
  expect(mark('Анна')).toBe('🔥5 🏆5');
  expect(mark('Борис')).toBe('🏆4 ⭐');
  expect(mark('Егор')).toBe('⭐'); // one week in the top three is no streak yet
  expect(mark('Дарья')).toBe('');
  // 5 is round; Борис's 4 is not
  expect(roundStreaks(s).map((r) => [r.name, r.kind, r.weeks])).toEqual([
    ['Анна', 'onPace', 5],
    ['Анна', 'top3', 5],
  ]);
});

test('§3.6 records: the best week and the best closed month the data shows; a kept higher one stays', () => {
  const { e, ratings } = setUp();
  const r = motivationOf(e, ratings).records;
  expect(r.week).toMatchObject({ name: 'Борис', points: 70.2, firstDay: '2026-03-09' });
  // February: Анна 35.1 × 3 = 105.3; January had nothing
  expect(r.month).toMatchObject({
    name: 'Анна',
    points: 105.3,
    firstDay: '2026-02-01',
    lastDay: '2026-02-28',
  });
  const kept = { ...r.week!, points: 80, name: 'Вера', firstDay: '2025-11-03' };
  expect(nextRecord(kept, r.week)).toEqual({ record: kept, beaten: false });
  expect(nextRecord(null, r.week).record).toBe(r.week);
  expect(nextRecord({ ...kept, points: 70.2 }, r.week).beaten).toBe(false); // a tie keeps the first
});

test('§3.7 teams from the user groups: sums of the members, plan % as the total row; a deleted group is reported', () => {
  const { e, ratings } = setUp();
  const tm = motivationOf(e, ratings).teams.week;
  // The week 9–15 March 2026 has 4 of March's 21 working days (9 March is the day off moved from
  // Sunday 8 March), so a month plan of 124 gives the week 124 × 4 / 21 = 23.62.
  // Регионы: Борис 70.2 + Дарья 0.1 = 70.3, plan 23.62 (Борис only) → 298 %; Новые клиенты (the
  // default group, which /users sends as null): Анна 35.1 / 23.62 = 149 %
  expect(tm?.rows.map((x) => [x.place, x.name, x.points, x.plan, x.memberIds.length])).toEqual([
    [1, 'Регионы', 70.3, 23.62, 2],
    [2, 'Новые клиенты', 35.1, 23.62, 1],
  ]);
  expect(tm?.rows[0]?.planPercent).toBeCloseTo(70.3 / 23.62, 3);
  expect(tm?.unteamed).toEqual([{ userId: EGOR, name: 'Егор', groupId: 99 }]);
});

test('§3.7 ranked by points per member, a big team does not win by size', () => {
  const { e, ratings } = setUp({ egorGroup: 11 });
  const tm = motivationOf(e, ratings, 'perMember').teams.week;
  // Регионы: (70.2 + 0.1 + 7.1) / 3 = 25.8; Новые клиенты: 35.1 / 1
  expect(tm?.rows.map((x) => [x.name, x.perMember])).toEqual([
    ['Новые клиенты', 35.1],
    ['Регионы', 25.8],
  ]);
  expect(motivationOf(e, ratings, 'points').teams.week?.rows[0]?.name).toBe('Регионы');
  expect(motivationOf(e, ratings, 'off').teams.week).toBeNull();
});

test('§3.7 one group with ranked managers is the department: no team table', () => {
  const one = teamsOf(
    { rows: setUp().ratings.week.rows, elapsed: 1 },
    users.map((u) => ({ ...u, rights: { ...u.rights, group_id: 11 } })),
    groups,
    'points',
  );
  expect(one).toBeNull();
  // no groups known at all (an account read before groups were asked for): no teams, no crash
  expect(teamsOf({ rows: setUp().ratings.week.rows, elapsed: 1 }, users, [], 'points')).toBeNull();
});

test('§3.6 §3.7 the Monday post: one movers line, one streaks line, one line per team', () => {
  const { e, ratings } = setUp();
  const set = { ...ratings, motivation: motivationOf(e, ratings) };
  const posts = postsFor({
    lang: 'ru',
    ratings: set,
    dataAsOf: '16.03.2026 09:00 (Москва, UTC+3)',
    spreadsheetUrl: '',
    publicTopN: null,
    enabled: {
      daily: true,
      monday: true,
      quarter: false,
      headDigest: false,
      workingDaysOnly: false,
    },
    bottom: { size: 3, rows: [] },
  });
  const monday = posts.find((p) => p.kind === 'monday');
  const lines = (monday?.parts.join('\n') ?? '').split('\n');
  const movers = lines.filter((l) => l.startsWith('📈'));
  const streaks = lines.filter((l) => l.startsWith('🔥'));
  expect(movers).toEqual([
    '📈 Рывок: неделя — Борис: ▲2 места, +69,1 балла; месяц — Борис: ▲1 место, +71,3 балла',
  ]);
  expect(streaks).toEqual(['🔥 Анна — 5 недель подряд в темпе плана и в тройке']);
  // the week's teams (plan % of a closed week) under its total, the month's (pace) under its own:
  // March to date, Регионы 71.3 + 7.2 = 78.5 against Борис's plan 124; Новые клиенты 70.2 / 124
  const teams = lines.filter((l) => l.startsWith('👥'));
  expect(teams).toEqual([
    // the week's plan 124 × 4 / 21 = 23.62 (see the teams test): 70.3 / 23.62, 35.1 / 23.62
    '👥 Регионы — 70,3 · 298\u00a0% (2 чел.)',
    '👥 Новые клиенты — 35,1 · 149\u00a0% (1 чел.)',
    `👥 Регионы — 78,5 · ${Math.round((78.5 / 124 / ratings.month.elapsed!) * 100)}\u00a0% (2 чел.)`,
    `👥 Новые клиенты — 70,2 · ${Math.round((70.2 / 124 / ratings.month.elapsed!) * 100)}\u00a0% (1 чел.)`,
  ]);
  // the daily post of another day names no movers or streaks
  const tuesday = postsFor({
    lang: 'ru',
    ratings: { ...set, today: '2026-03-17' },
    dataAsOf: '',
    spreadsheetUrl: '',
    publicTopN: null,
    enabled: {
      daily: true,
      monday: true,
      quarter: false,
      headDigest: false,
      workingDaysOnly: false,
    },
    bottom: { size: 3, rows: [] },
  });
  const text = tuesday.map((p) => p.parts.join('\n')).join('\n');
  expect(text).not.toMatch(/📈|🔥/);
});

test('§3.7 a manager in a deleted group is named on the status line, once', () => {
  const { e, ratings } = setUp();
  const set = withMotivation(e, ratings, 'points', 'ru');
  // Егор's group 99 is not among the account's groups: in no team on every sheet, named once
  expect(set.unteamedWarning).toBe(
    'Команды: без команды, так как их группы amoCRM нет в списке групп аккаунта — Егор.',
  );
  expect(withMotivation(e, ratings, 'points', 'ru').motivation?.teams.week?.unteamed).toHaveLength(
    1,
  );
  // teams off: nothing to report
  expect(withMotivation(e, ratings, 'off', 'ru').unteamedWarning).toBe('');
});
