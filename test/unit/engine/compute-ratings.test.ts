/**
 * computeRatings: every rating one refresh publishes, from data, settings and the moment alone —
 * no Apps Script, no sheet. Moscow time; hand-checked numbers.
 */
import { computeRatings, intlOffset } from '../../../src/engine';
import { eventLogFromApi } from '../../../src/shapes/account-data';
import { ANNA, BORIS, account, lead, move, pipelines, S, settings, t, users } from './fixture';

const data = {
  account,
  users,
  pipelines,
  leads: [lead(1, '2026-03-02 10:00', ANNA, S.WON), lead(2, '2026-03-10 10:00', BORIS, S.MEET)],
  tasks: [],
  events: eventLogFromApi([
    move(1, '2026-03-03 10:00', S.NEW, S.WON), // 35 + 0.1 for Anna
    move(2, '2026-03-11 10:00', S.NEW, S.MEET), // 1 + 0.1 for Boris
  ]),
};
const plans = [{ month: '2026-03', userId: ANNA, points: 62 }];
const opts = { utcOffset: intlOffset, fallbackTimeZone: 'Europe/Moscow' };

test('mid-month: the week, the month and the quarter to date, yesterday’s snapshot, pace on the elapsed share', () => {
  const now = t('2026-03-16 09:00') * 1000;
  const r = computeRatings(data, settings({ plans }), now, opts);
  expect(r.today).toBe('2026-03-16');
  expect([r.week.period.firstDay, r.week.period.lastDay]).toEqual(['2026-03-09', '2026-03-15']);
  expect([r.month.period.firstDay, r.month.period.lastDay]).toEqual(['2026-03-01', '2026-03-16']);
  expect(r.quarter.period.label).toBe('2026-Q1');
  expect(r.previousMonth).toBeNull();
  expect(r.previousQuarter).toBeNull();
  expect(r.lastQuarter.period.label).toBe('2025-Q4');
  expect(r.snapshot.day).toBe('2026-03-15');
  // only who had stocks or flows that day: Anna's one deal is won, Boris holds an open one
  expect(r.snapshot.rows.map((x) => x.userId)).toEqual([BORIS]);
  const anna = r.month.rows.find((x) => x.userId === ANNA);
  expect(anna?.points).toBe(35.1);
  expect(anna?.planPercent).toBeCloseTo(35.1 / 62, 12);
  // working days (docs/rules.md §3.2.9): March 2026 has 21 (9 March is the day off for 8 March);
  // 9 have passed (2–6 and 10–13 March) and 9 hours of Monday the 16th: 9.375 of 21
  expect(r.month.elapsed).toBeCloseTo(9.375 / 21, 12);
  expect(anna?.pace).toBeCloseTo(35.1 / 62 / (9.375 / 21), 12);
  expect(anna?.pace).toBeGreaterThanOrEqual(1); // on pace (green), though only 57 % of the month's plan is done
  // the week is closed: pace is plan %
  const weekAnna = r.week.rows.find((x) => x.userId === ANNA);
  expect(weekAnna?.pace).toBe(weekAnna?.planPercent);
});

test('a day already in the history gets no new snapshot rows', () => {
  const now = t('2026-03-16 09:00') * 1000;
  const first = computeRatings(data, settings(), now, opts);
  const again = computeRatings(data, settings(), now, opts, first.snapshot.rows);
  expect(again.snapshot.rows).toEqual([]);
});

test('in the first week of a quarter: last month’s and last quarter’s finals beside the running ones', () => {
  const now = t('2026-04-02 09:00') * 1000;
  const r = computeRatings(data, settings({ plans }), now, opts);
  expect(r.previousMonth?.period).toMatchObject({ label: '2026-03', final: true });
  expect(r.previousQuarter?.period).toMatchObject({ label: '2026-Q1', final: true });
  expect(r.lastQuarter.rows.map((x) => [x.userId, x.points, x.medal])).toEqual([
    [ANNA, 35.1, '🥇'],
    [BORIS, 1.1, '🥈'],
  ]);
  // a closed month is judged on its whole plan
  expect(r.previousMonth?.rows.find((x) => x.userId === ANNA)?.pace).toBeCloseTo(35.1 / 62, 12);
  // 2 April 09:00: 1 April and 9 hours of the 2nd, of April's 22 working days
  expect(r.month.elapsed).toBeCloseTo(1.375 / 22, 12);
  // in the first day of a period nobody is judged on pace yet
  const first = computeRatings(data, settings({ plans }), t('2026-04-01 09:00') * 1000, opts);
  expect(first.month.elapsed).toBeNull();
});
