/**
 * A first sync on the BigQuery store appends each group of fetched pages at once and keeps only
 * its cursor in the staging sheet. Killed at any service call and left to the scheduler, or
 * spread over many executions by a slow amoCRM, it must commit the same rows as one
 * uninterrupted run: nothing missing, nothing appended twice (a resumed run's same pages carry
 * the same load id, which BigQuery refuses), and no account records in the spreadsheet.
 */
import { join } from 'node:path';
import { FakeClock, GasRuntime, type RuntimeState } from '../../dev/gas';
import { BigQueryEngine, BigQueryState } from '../../dev/bigquery/service';
import { TABLES } from '../../src/bigquery/tables';
import type { SyncRecord } from '../../src/amocrm/sync-record';
import { NOW, startFixtureEmulator } from '../support/fixture-account';

jest.setTimeout(1_500_000);

const ROOT = join(__dirname, '..', '..');
const DIST = join(ROOT, 'dist-bigquery');

let amo: Awaited<ReturnType<typeof startFixtureEmulator>>;
let fresh: RuntimeState;
let routes: GasRuntime['routes'];
/** one stand-in for every case: each case has its own project, so its own tables */
let bq: BigQueryState;
let expected: Record<string, string[]>;
let first: SyncRecord;
let firstSheets: string[];
let n = 0;

function runtime(opts: { fetchLatencyMs?: number } = {}): GasRuntime {
  const rt = new GasRuntime({
    state: fresh,
    clock: new FakeClock(NOW),
    routes,
    distDir: DIST,
    bigQuery: bq,
    ...opts,
  });
  return rt;
}

/** Chooses BigQuery in a project of its own; returns the project's id. */
function choose(rt: GasRuntime): string {
  const project = `kill-case-${++n}`;
  const r = rt.run('chooseAccountStore', ['bigquery', project], 'client') as { ok: boolean };
  if (!r.ok) throw new Error(`the choice of ${project} failed`);
  return project;
}

/** Scheduled runs, a minute apart, until the sync completes. */
function resume(rt: GasRuntime, runs = 40): SyncRecord[] {
  const records: SyncRecord[] = [];
  for (let i = 0; i < runs; i++) {
    rt.clock.advance?.(60_000);
    let rec: SyncRecord;
    try {
      rec = rt.run('syncAmo', [], 'timeTrigger') as SyncRecord;
    } catch (e) {
      rec = { outcome: 'failed', error: (e as Error).message } as SyncRecord;
    }
    records.push(rec);
    if (rec.outcome === 'complete') break;
  }
  return records;
}

function query(sql: string): string[][] {
  const r = bq.engine.call({ op: 'query', sql, params: [] });
  if (!r.ok) throw new Error(r.message);
  return (r.rows ?? []).map((x) => x.f.map((c) => String(c.v)));
}

/**
 * The committed first sync's rows of every table, without the sync's id and time (each case's own),
 * sorted: equal multisets mean nothing was lost and nothing appended twice.
 */
function committedRows(project: string): Record<string, string[]> {
  const ds = `${project}.amocrm_rating`;
  // a kill after the commit leaves the first sync complete: the next run is an incremental one
  const head = query(`SELECT sync_id, kind FROM \`${ds}.syncs\` WHERE kind = 'full'`);
  expect(head).toHaveLength(1);
  const out: Record<string, string[]> = { syncs: [head[0]?.[1] ?? ''] };
  for (const t of ['meta', 'leads', 'tasks', 'events', 'deletions'] as const) {
    const cols = TABLES[t].columns
      .map((c) => c.name)
      .filter((c) => c !== 'sync_id' && c !== 'synced_at');
    out[t] = query(
      `SELECT ${cols.join(', ')} FROM \`${ds}.${t}\` WHERE sync_id = '${head[0]?.[0] ?? ''}'`,
    )
      .map((r) => JSON.stringify(r))
      .sort();
  }
  return out;
}

beforeAll(async () => {
  const { build } = await import('../../dev/build');
  await build({ variant: 'bigquery' });
  amo = await startFixtureEmulator();
  const rt = new GasRuntime({
    clock: new FakeClock(NOW),
    routes: [{ host: /\.amocrm\.ru$/, target: amo.url, forwardClock: true }],
    distDir: DIST,
  });
  try {
    const r = rt.run('connectAmoWithToken', ['demo', amo.token], 'client') as { ok: boolean };
    if (!r.ok) throw new Error('connection failed');
    fresh = rt.saveState();
    routes = rt.routes;
  } finally {
    await rt.close();
  }
  // the stand-in outlives the runtimes of the cases
  bq = new BigQueryState(new BigQueryEngine());
  // what one uninterrupted first sync commits: what every other case must commit
  const rt1 = runtime();
  const project = choose(rt1);
  first = rt1.run('syncAmo', [], 'timeTrigger') as SyncRecord;
  firstSheets = rt1.spreadsheet.sheets.map((s) => s.name);
  expected = committedRows(project);
  await rt1.close();
});
afterAll(async () => {
  await bq?.engine.close();
  await amo?.stop();
});

test('one uninterrupted first sync: the records in BigQuery, no store in the spreadsheet', () => {
  expect(first).toMatchObject({ outcome: 'complete', kind: 'full', executions: 1 });
  expect(expected.leads?.length).toBeGreaterThan(10);
  expect(expected.events?.length).toBeGreaterThan(10);
  expect(firstSheets).not.toContain('_amocrm_store');
});

/**
 * The kill points: every load started, the first call after BigQuery's (the cursor's checkpoint
 * after a load; the kill that makes a resumed run re-send the same load) and every 25th call
 * besides — every call, each a whole sync against the stand-in, would take too long.
 */
function killPoints(keys: readonly string[]): number[] {
  const out: number[] = [];
  keys.forEach((key, i) => {
    const k = i + 1;
    const afterBq = i > 0 && (keys[i - 1] ?? '').startsWith('BigQuery.');
    const bq = key.startsWith('BigQuery.');
    if (key === 'BigQuery.Jobs.insert' || (afterBq && !bq) || k % 25 === 0) out.push(k);
  });
  return out;
}

test('a first sync killed at its service calls, then resumed by the scheduler, commits the same rows', async () => {
  const probe = runtime();
  choose(probe);
  const keys: string[] = [];
  probe.callObserver = (key) => keys.push(key);
  probe.run('syncAmo', [], 'timeTrigger');
  probe.callObserver = null;
  const calls = probe.executions.at(-1)?.calls ?? 0;
  await probe.close();
  expect(keys).toHaveLength(calls);
  expect(keys.filter((k) => k === 'BigQuery.Jobs.insert').length).toBeGreaterThan(3);
  const points = killPoints(keys);
  const outcomes = { resumedSameSync: 0, startedOver: 0 };
  for (const k of points) {
    const rt = runtime();
    const project = choose(rt);
    rt.killPlan.push(k);
    try {
      rt.run('syncAmo', [], 'timeTrigger');
    } catch {
      // "Exceeded maximum execution time": Apps Script stops the script there
    }
    expect([k, rt.executions.at(-1)?.outcome]).toEqual([k, 'killed']);
    const records = resume(rt);
    expect([k, records.at(-1)?.outcome]).toEqual([k, 'complete']);
    expect([k, committedRows(project)]).toEqual([k, expected]);
    if ((records.at(-1)?.executions ?? 1) > 1) outcomes.resumedSameSync++;
    else outcomes.startedOver++;
    await rt.close();
  }
  console.log(
    `BigQuery first sync: ${points.length} of its ${calls} service calls killed one by one → ${JSON.stringify(outcomes)}`,
  );
  // most kills fall after the first append: the same sync continues, its loads refused as duplicates
  expect(outcomes.resumedSameSync).toBeGreaterThan(0);
});

test('a first sync spread over many executions by a slow amoCRM commits the same rows', async () => {
  // each request a minute: a run's 4.5 minutes hold a few batches, groups are cut by the deadline
  const rt = runtime({ fetchLatencyMs: 150_000 });
  const project = choose(rt);
  const records = resume(rt, 200);
  const last = records.at(-1);
  expect(last?.outcome).toBe('complete');
  expect(last?.executions ?? 0).toBeGreaterThan(3);
  expect(committedRows(project)).toEqual(expected);
  await rt.close();
});
