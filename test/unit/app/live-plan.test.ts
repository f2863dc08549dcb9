/**
 * The trigger-runtime budget of the refresh during the day (docs/rules.md §4.7.1), on paper: the
 * 90 minutes a consumer account's triggers get a day, 80 % of it planned (72 min).
 */
import {
  BUDGET_SHARE,
  cadenceFor,
  liveDue,
  liveHours,
  nextLiveHour,
  projectedDayMs,
  TRIGGER_BUDGET_MS,
  type TickRun,
} from '../../../src/app/jobs/live-plan';

const S = 1000;
const MIN = 60 * S;
const window = { on: true, from: 10, to: 19 };
const runs = (kind: TickRun['kind'], ms: number, n = 3): TickRun[] =>
  Array.from({ length: n }, (_, i) => ({ at: i * 3600 * S, ms, kind }));

test('the window 10–19 refreshes at 10 hours every hour, 5 every 2nd, 4 every 3rd', () => {
  expect(liveHours(window, 1)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  expect(liveHours(window, 2)).toEqual([10, 12, 14, 16, 18]);
  expect(liveHours(window, 3)).toEqual([10, 13, 16, 19]);
  expect(TRIGGER_BUDGET_MS * BUDGET_SHARE).toBe(72 * MIN);
});

test('a 10 k-deal account (refresh ≈ 20 s) refreshes every hour', () => {
  const r = [...runs('daily', 20 * S), ...runs('live', 20 * S), ...runs('idle', 1 * S)];
  // 20 s daily + 10 × 20 s live + 13 × 1 s idle = 20 + 200 + 13 = 233 s ≈ 3.9 min ≤ 72 min
  expect(projectedDayMs(r, window, 1)).toBe(233 * S);
  expect(cadenceFor(r, window)).toMatchObject({ step: 1, projectedMs: 233 * S });
});

test('refreshes of 8 minutes each go every 2nd hour; of 15 minutes, every 4th; of 40, none', () => {
  const idle = runs('idle', 1 * S);
  // 8 min: every hour 8 + 80 + 13 s ≈ 88.2 min > 72; every 2nd 8 + 40 + 18 s = 48.3 min ≤ 72
  expect(cadenceFor([...runs('live', 8 * MIN), ...idle], window).step).toBe(2);
  // 15 min: every 2nd 15 + 75 = 90 > 72; every 3rd 15 + 60 + 19 s = 75.3 > 72;
  // every 4th (10, 14, 18): 15 + 45 + 20 s = 60.3 ≤ 72
  expect(cadenceFor([...runs('live', 15 * MIN), ...idle], window).step).toBe(4);
  // 40 min: the daily one and one live refresh are 80 min > 72: none fits
  expect(cadenceFor([...runs('live', 40 * MIN), ...idle], window).step).toBeNull();
});

test('nothing measured yet: a refresh is assumed to cost a minute (every hour fits)', () => {
  // 60 + 10 × 60 + 13 × 1 = 673 s
  expect(cadenceFor([], window)).toMatchObject({ step: 1, projectedMs: 673 * S });
});

test('due on the cadence, inside the window, once an hour, and only while the day has room', () => {
  const cadence = cadenceFor([], window);
  const base = {
    window,
    localHour: 12,
    hourKey: '2026-03-16 12',
    lastLiveHourKey: '2026-03-16 11',
    cadence,
    runs: [] as TickRun[],
    now: 24 * 3600 * S,
  };
  expect(liveDue(base)).toBe(true);
  expect(liveDue({ ...base, localHour: 9 })).toBe(false);
  expect(liveDue({ ...base, localHour: 20 })).toBe(false);
  expect(liveDue({ ...base, lastLiveHourKey: '2026-03-16 12' })).toBe(false);
  expect(liveDue({ ...base, window: { ...window, on: false } })).toBe(false);
  expect(liveDue({ ...base, cadence: { ...cadence, step: 2 } })).toBe(true); // 12 − 10 = 2: on it
  expect(liveDue({ ...base, localHour: 13, cadence: { ...cadence, step: 2 } })).toBe(false);
  // 71.5 min used in the last 24 h + a 1-minute refresh > 72 min: not now
  const spent: TickRun[] = [{ at: base.now - 3600 * S, ms: 71.5 * MIN, kind: 'daily' }];
  expect(liveDue({ ...base, runs: spent })).toBe(false);
  // the same spent more than 24 h ago no longer counts
  expect(liveDue({ ...base, runs: [{ ...spent[0]!, at: base.now - 25 * 3600 * S }] })).toBe(true);
});

test('the next refresh during the day: this hour until it has run, then the next on the cadence', () => {
  // window 10–19
  expect(nextLiveHour(window, 1, 8, false)).toBe(10);
  expect(nextLiveHour(window, 1, 12, false)).toBe(12); // the coming tick of this hour
  expect(nextLiveHour(window, 1, 12, true)).toBe(13);
  expect(nextLiveHour(window, 2, 12, true)).toBe(14);
  expect(nextLiveHour(window, 2, 13, false)).toBe(14); // 13 is off the every-2nd-hour cadence
  expect(nextLiveHour(window, 1, 19, true)).toBeNull(); // none left today
  expect(nextLiveHour(window, 3, 17, false)).toBe(19); // 10, 13, 16, 19
  expect(nextLiveHour(window, 4, 18, true)).toBeNull(); // 10, 14, 18: done
  expect(nextLiveHour({ ...window, on: false }, 1, 8, false)).toBeNull();
  expect(nextLiveHour(window, null, 8, false)).toBeNull(); // paused by the budget
});
