/**
 * Periods in the account's time zone, correct across DST (docs/rules.md §4.1–§4.5). The zone's offset is
 * injected (Intl here; Utilities.formatDate(d, tz, 'Z') in Apps Script).
 */
import {
  Calendar,
  currentPeriod,
  daysOf,
  intlOffset,
  lastClosedPeriod,
  previousPeriod,
} from '../../../src/engine';

const cal = (tz: string) => new Calendar(tz, intlOffset(tz));
const iso = (ms: number) => new Date(ms).toISOString();

test('Moscow (no DST): the week is the 7 full days before today; month and quarter run to now', () => {
  const c = cal('Europe/Moscow');
  const now = Date.parse('2026-04-01T06:30:00Z'); // 09:30 on 1 April in Moscow
  const w = currentPeriod(c, 'week', now);
  expect([iso(w.start), iso(w.end), w.firstDay, w.lastDay]).toEqual([
    '2026-03-24T21:00:00.000Z',
    '2026-03-31T21:00:00.000Z',
    '2026-03-25',
    '2026-03-31',
  ]);
  const m = currentPeriod(c, 'month', now);
  expect([iso(m.start), m.end, m.final, m.label]).toEqual([
    '2026-03-31T21:00:00.000Z',
    now,
    false,
    '2026-04',
  ]);
  const q = currentPeriod(c, 'quarter', now);
  expect([q.firstDay, q.label]).toEqual(['2026-04-01', '2026-Q2']);
  const lastQ = lastClosedPeriod(c, 'quarter', now);
  expect([lastQ.firstDay, lastQ.lastDay, iso(lastQ.end), lastQ.final]).toEqual([
    '2026-01-01',
    '2026-03-31',
    '2026-03-31T21:00:00.000Z',
    true,
  ]);
});

test('Berlin: the week across the spring change has 167 hours, and each day starts at local midnight', () => {
  const c = cal('Europe/Berlin');
  const now = Date.parse('2026-03-30T08:00:00Z'); // Monday 10:00 CEST
  const w = currentPeriod(c, 'week', now);
  expect([iso(w.start), iso(w.end)]).toEqual([
    '2026-03-22T23:00:00.000Z',
    '2026-03-29T22:00:00.000Z',
  ]);
  expect((w.end - w.start) / 3600000).toBe(167);
  const days = daysOf(c, w);
  expect(days).toHaveLength(7);
  expect(days.map((d) => (d.end - d.start) / 3600000)).toEqual([24, 24, 24, 24, 24, 24, 23]);
});

test('New York: across the autumn change a day has 25 hours; months start at local midnight', () => {
  const c = cal('America/New_York');
  const now = Date.parse('2026-11-03T15:00:00Z');
  const w = currentPeriod(c, 'week', now);
  expect(daysOf(c, w).map((d) => [d.day, (d.end - d.start) / 3600000])).toEqual([
    ['2026-10-27', 24],
    ['2026-10-28', 24],
    ['2026-10-29', 24],
    ['2026-10-30', 24],
    ['2026-10-31', 24],
    ['2026-11-01', 25],
    ['2026-11-02', 24],
  ]);
  const oct = lastClosedPeriod(c, 'month', now);
  expect([iso(oct.start), iso(oct.end)]).toEqual([
    '2026-10-01T04:00:00.000Z',
    '2026-11-01T04:00:00.000Z',
  ]);
  const mar = lastClosedPeriod(c, 'month', Date.parse('2026-04-02T12:00:00Z'));
  expect([iso(mar.start), iso(mar.end)]).toEqual([
    '2026-03-01T05:00:00.000Z',
    '2026-04-01T04:00:00.000Z',
  ]);
});

test('the previous period of the same kind ends where this one starts', () => {
  const c = cal('Europe/Moscow');
  const now = Date.parse('2026-05-15T09:00:00Z');
  const w = currentPeriod(c, 'week', now);
  const pw = previousPeriod(c, w);
  expect([pw.firstDay, pw.lastDay, pw.end]).toEqual(['2026-05-01', '2026-05-07', w.start]);
  const m = currentPeriod(c, 'month', now);
  const pm = previousPeriod(c, m);
  expect([pm.firstDay, pm.lastDay, pm.end]).toEqual(['2026-04-01', '2026-04-30', m.start]);
  const pq = previousPeriod(c, currentPeriod(c, 'quarter', now));
  expect([pq.firstDay, pq.lastDay]).toEqual(['2026-01-01', '2026-03-31']);
});
