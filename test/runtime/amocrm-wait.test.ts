/**
 * amoCRM asks to wait (429 with retry_after up to 300 s) and the run's time is nearly spent: the
 * sync must not sleep past its budget. It saves its progress and ends with a clear status; the
 * next scheduled run starts after the wait, completes, and publishes the same rating a clean run
 * does. A wait that fits the run is simply waited. Facts: docs/services.md §A5 (the 429 and its
 * forms), §1.1 (the 6-minute limit); docs/rules.md §6.2.
 */
import { control } from '../../dev/emulator/processes';
import { FakeClock, GasRuntime, type RuntimeState } from '../../dev/gas';
import {
  NOW,
  publishedSample,
  sheetValues,
  type startFixtureEmulator,
} from '../support/fixture-account';

jest.setTimeout(120_000);

let amo: Awaited<ReturnType<typeof startFixtureEmulator>>;
let routes: GasRuntime['routes'];
let fresh: RuntimeState;
let cleanWeek: unknown[][];
const WEEK = 'Неделя';
const T0 = Date.parse(NOW);
/**
 * every batch of requests costs 44 s: a clean first sync of the sample is seven batches, the
 * sixth starts at 3 min 40 s — inside the last minute of the 4.5-minute fetch budget
 */
const LATENCY = 44_000;
const LAST_MINUTE = T0 + 210_000;

beforeAll(async () => {
  const sample = await publishedSample();
  ({ amo, routes, fresh } = sample);
  const clean = new GasRuntime({ state: sample.published, clock: new FakeClock(NOW), routes });
  cleanWeek = sheetValues(clean, WEEK);
  await clean.close();
});
afterAll(() => amo.stop());

interface Request {
  seq: number;
  at: number;
  status: number | string;
  path: string;
}
const requestsSince = async (seq: number) =>
  (await control<{ requests: Request[] }>(amo.url, 'requests')).requests.filter((r) => r.seq > seq);
const lastSeq = async () => (await requestsSince(0)).at(-1)?.seq ?? 0;

interface Rec {
  outcome: string;
  errorCode?: string;
  error?: string;
  executions: number;
  retries: number;
}
/** the sync records, newest first (what the sidebar and the status menu read) */
const records = (rt: GasRuntime) =>
  JSON.parse(rt.properties.document['sync.records'] ?? '[]') as Rec[];

test('a 300 s wait asked in the last minute of the fetch budget: checkpoint, no kill; the next run resumes after it and publishes the right rating', async () => {
  const clock = new FakeClock(NOW);
  const rt = new GasRuntime({ state: fresh, clock, routes, fetchLatencyMs: LATENCY });
  const from = LAST_MINUTE;
  await control(amo.url, 'faults', { kind: '429', retryAfter: 300, body: 'json', from });
  const seq = await lastSeq();

  rt.run('schedulerTick', [{}], 'timeTrigger');
  const run1 = rt.executions.at(-1);
  expect(run1?.outcome).toBe('ok'); // not killed
  expect((run1?.endedAt ?? 0) - (run1?.startedAt ?? 0)).toBeLessThan(6 * 60_000);
  expect(records(rt)[0]).toMatchObject({ outcome: 'partial', errorCode: 'rate_limited' });
  expect(records(rt)[0]?.error).toMatch(/amoCRM попросил подождать с запросами \(300 с\)/);
  // the progress is saved; nothing is published yet; the status line says why
  expect(rt.spreadsheet.sheets.some((s) => s.name === '_amocrm_staging')).toBe(true);
  expect(rt.spreadsheet.sheets.some((s) => s.name === WEEK)).toBe(false);

  const log = await requestsSince(seq);
  const throttled = log.find((r) => r.status === 429);
  expect(throttled?.at).toBeGreaterThanOrEqual(from);
  // after the 429 this run asked amoCRM nothing more
  expect(log.filter((r) => r.seq > (throttled?.seq ?? 0))).toEqual([]);

  // a manual refresh a minute later waits (it fits its run) rather than asking early
  const seq2 = await lastSeq();
  clock.advance(60_000);
  rt.run('menuRefresh', [], 'menu');
  expect(records(rt)[0]?.errorCode).toBeUndefined();
  const again = await requestsSince(seq2);
  expect(again.length).toBeGreaterThan(0);
  // the 429 reached the script when its batch ended: 300 s from then
  expect(Math.min(...again.map((r) => r.at))).toBeGreaterThanOrEqual(
    (throttled?.at ?? 0) + LATENCY + 300_000,
  );
  expect(again.every((r) => r.status !== 429)).toBe(true);
  await rt.close();
});

test('the interrupted sync, continued at the next hourly tick, publishes what a clean run publishes', async () => {
  const clock = new FakeClock(NOW);
  const rt = new GasRuntime({ state: fresh, clock, routes, fetchLatencyMs: LATENCY });
  await control(amo.url, 'faults', {
    kind: '429',
    retryAfter: 300,
    body: 'html',
    header: 'seconds',
    from: LAST_MINUTE,
  });
  rt.run('schedulerTick', [{}], 'timeTrigger');
  expect(records(rt)[0]).toMatchObject({ outcome: 'partial', errorCode: 'rate_limited' });
  clock.advance(3600_000 - (clock.now() - T0)); // the next tick of the hourly trigger
  rt.run('schedulerTick', [{}], 'timeTrigger');
  expect(records(rt)[0]).toMatchObject({ outcome: 'complete', executions: 2 });
  expect(sheetValues(rt, WEEK)).toEqual(cleanWeek);
  await rt.close();
});

test('a wait that fits the run is waited, and the run completes', async () => {
  const clock = new FakeClock(NOW);
  const rt = new GasRuntime({ state: fresh, clock, routes, fetchLatencyMs: 1_000 });
  await control(amo.url, 'faults', {
    kind: '429',
    retryAfter: 30,
    body: 'text',
    header: 'date',
    from: T0 + 2_000,
  });
  rt.run('schedulerTick', [{}], 'timeTrigger');
  expect(records(rt)[0]).toMatchObject({ outcome: 'complete', executions: 1 });
  expect(records(rt)[0]?.retries).toBeGreaterThanOrEqual(1);
  expect(sheetValues(rt, WEEK)).toEqual(cleanWeek);
  await rt.close();
});
