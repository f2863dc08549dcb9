/**
 * The forecast (docs/rules.md §3.3.3) and today's points (§4.7.1), checked on paper.
 * Working days are Monday–Friday here; the account's production calendar is passed the same way.
 */
import {
  Calendar,
  defaultEngineSettings,
  forecastOf,
  intlOffset,
  mondayToFriday,
  todayPoints,
  workingDaysBetween,
  type WorkingDay,
} from '../../../src/engine';
import type { Ledger } from '../../../src/engine/ledger';

const may = { final: false, firstDay: '2026-05-01', fullEnd: 0, kind: 'month' as const };

test('May 2026 has 21 working days Monday–Friday; 7 of them are over on Tuesday the 12th', () => {
  // 1 May is a Friday: 1, 4–8, 11–15, 18–22, 25–29 → 1 + 5 + 5 + 5 + 5 = 21
  expect(workingDaysBetween('2026-05-01', '2026-06-01')).toBe(21);
  // before the 12th: 1, 4–8, 11 → 7 (the 12th itself is not over)
  expect(workingDaysBetween('2026-05-01', '2026-05-12')).toBe(7);
  expect(mondayToFriday('2026-05-02')).toBe(false);
});

test('70 points in 7 working days of 21 project to 210, 105 % of a 200-point plan', () => {
  // 70 ÷ 7 × 21 = 210; 210 ÷ 200 = 1.05
  const f = forecastOf(may, '2026-05-31', '2026-05-12', 70, 200);
  expect(f).toEqual({ points: 210, planPercent: 1.05, elapsedDays: 7, totalDays: 21 });
});

test('the pace is of whole days: points earned today are added, not projected', () => {
  // 70 points by 15:00 on the 12th, 20 of them today: 50 ÷ 7 × 21 = 150 (not 70 ÷ 7 × 21 = 210)
  expect(forecastOf(may, '2026-05-31', '2026-05-12', 70, 200, mondayToFriday, 20)).toMatchObject({
    points: 150,
    planPercent: 0.75,
  });
  // a day far above the pace: never below what is already had
  expect(forecastOf(may, '2026-05-31', '2026-05-12', 70, 200, mondayToFriday, 69)?.points).toBe(70);
});

test('no plan: the points are projected, the percent is not', () => {
  // 10 ÷ 7 × 21 = 30
  expect(forecastOf(may, '2026-05-31', '2026-05-12', 10, null)).toMatchObject({
    points: 30,
    planPercent: null,
  });
});

test('nothing to project from before the first working day ends; nothing for a closed period', () => {
  // on Friday 1 May no working day is over yet; on Monday the 4th one is (the 1st)
  expect(forecastOf(may, '2026-05-31', '2026-05-01', 5, 100)).toBeNull();
  expect(forecastOf(may, '2026-05-31', '2026-05-04', 5, 100)?.points).toBe(105); // 5 ÷ 1 × 21
  expect(forecastOf({ ...may, final: true }, '2026-05-31', '2026-05-12', 70, 200)).toBeNull();
});

test('a calendar with holidays changes the day counts, not the rule', () => {
  // 1 and 11 May 2026 are holidays in Russia's calendar: 19 working days, 5 before the 12th
  const holidays = new Set(['2026-05-01', '2026-05-11']);
  const ru: WorkingDay = (d) => mondayToFriday(d) && !holidays.has(d);
  // 70 ÷ 5 × 19 = 266; 266 ÷ 200 = 1.33
  const f = forecastOf(may, '2026-05-31', '2026-05-12', 70, 200, ru);
  expect(f).toEqual({ points: 266, planPercent: 1.33, elapsedDays: 5, totalDays: 19 });
});

test('the projection never falls below the points already earned (a weekend-only month)', () => {
  const none: WorkingDay = () => false;
  expect(forecastOf(may, '2026-05-31', '2026-05-12', 70, 200, none)).toBeNull();
  // on the last day all working days but none remain: 210 points, 21 of 21 → 210
  expect(forecastOf(may, '2026-05-31', '2026-06-01', 210, 200)?.points).toBe(210);
});

describe("today's points", () => {
  const tz = 'Europe/Moscow';
  const cal = new Calendar(tz, intlOffset(tz));
  // 12 May 2026, Moscow is UTC+3: midnight is 11 May 21:00 UTC
  const midnight = Date.UTC(2026, 4, 11, 21);
  const h = (hours: number) => midnight + hours * 3600000;
  const users = [
    { id: 1, name: 'Анна', rights: { is_active: true } },
    { id: 2, name: 'Борис', rights: { is_active: true } },
    { id: 3, name: 'Вера', rights: { is_active: false } },
    { id: 4, name: 'Глеб', rights: { is_active: true } },
  ];
  const ledger: Ledger = {
    credits: [
      { at: h(-1), figure: 'won', userId: 1 }, // yesterday 23:00: not today
      { at: h(10), figure: 'meetingsHeld', userId: 1 },
      { at: h(11), figure: 'won', userId: 2 },
      { at: h(11.5), figure: 'newLeads', userId: 1 },
      { at: h(12), figure: 'won', userId: 3 }, // deactivated: not rated
      { at: h(12), figure: 'contractsSigned', userId: 4 }, // excluded below
      { at: h(15), figure: 'won', userId: 1 }, // after the data's moment
    ],
    completions: [],
    histories: [],
    tasks: [],
  };
  const settings = defaultEngineSettings({ excludedUserIds: [4] });

  test('sums the credits since local midnight up to the moment, rated managers only', () => {
    // at 14:00: Анна 3 (meeting held) + 0.1 (new lead) = 3.1; Борис 35 (won)
    const t = todayPoints(ledger, users, settings, cal, h(14), [1, 2]);
    expect(t.day).toBe('2026-05-12');
    expect(t.rows).toEqual([
      { userId: 2, name: 'Борис', points: 35, events: 1 },
      { userId: 1, name: 'Анна', points: 3.1, events: 2 },
    ]);
    expect(t.total).toBe(38.1);
  });

  test('the numbers move as the day goes, and the next day starts from zero', () => {
    // at 10:30 only Анна's meeting is in; Борис, in the rating, shows with 0 until his won deal
    expect(
      todayPoints(ledger, users, settings, cal, h(10.5), [1, 2]).rows.map((r) => r.points),
    ).toEqual([3, 0]);
    // a rated manager outside the list appears with the first point: here nobody else yet
    expect(todayPoints(ledger, users, settings, cal, h(10.5)).rows.map((r) => r.name)).toEqual([
      'Анна',
    ]);
    // the next day at 09:00: nothing yet; Анна's 15:00 won of the 12th belongs to the 12th
    const next = todayPoints(ledger, users, settings, cal, h(33));
    expect(next.day).toBe('2026-05-13');
    expect(next.total).toBe(0);
  });
});
