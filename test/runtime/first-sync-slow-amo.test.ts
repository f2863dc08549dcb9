/**
 * A first sync against an amoCRM that answers each request in 90 s: a run's budget holds only a
 * few batches, and a batch (one fetchAll, which cannot be interrupted) may start late in it. On
 * either store every execution must stop and checkpoint before Apps Script's 6-minute limit —
 * a killed run loses what it fetched since its checkpoint, and a run killed every time is a sync
 * that never ends — and the stored data must equal the emulator's own account.
 */
import { join } from 'node:path';
import type { GasRuntime } from '../../dev/gas';
import type { SyncRecord } from '../../src/amocrm/sync-record';
import { EV_RESPONSIBLE, EV_STATUS, EV_TASK_DONE } from '../../src/shapes/account-data';
import { unpackRows } from '../../src/storage/store-codec';
import {
  leadFields,
  sortEvents,
  taskFields,
  truthOf,
  type TruthEvent,
} from '../support/dump-truth';
import { startAmoEmulator } from '../support/emulators';
import { storeRows } from '../support/store-node';
import { connectRuntime, store, storeView } from '../support/sync-harness';

jest.setTimeout(900000);

const ROOT = join(__dirname, '..', '..');
/** Tuesday 3 March 2026, 09:00 in Moscow */
const START = '2026-03-03T06:00:00Z';
const PROJECT = 'slow-amo';

/** The scheduler's runs, a minute apart, until the sync completes. */
function scheduled(rt: GasRuntime, runs: number): SyncRecord[] {
  const records: SyncRecord[] = [];
  for (let i = 0; i < runs; i++) {
    let rec: SyncRecord;
    try {
      rec = rt.run('syncAmo', [], 'timeTrigger') as SyncRecord;
    } catch (e) {
      rec = { outcome: 'failed', error: (e as Error).message } as SyncRecord;
    }
    records.push(rec);
    if (rec.outcome === 'complete') break;
    rt.clock.advance?.(60_000);
  }
  return records;
}

/** The committed first sync in BigQuery, in the form of the dump's truth. */
function bigQueryView(rt: GasRuntime) {
  const engine = rt.bigQueryState?.engine;
  if (!engine) throw new Error('no BigQuery');
  const rows = (sql: string) => {
    const r = engine.call({ op: 'query', sql, params: [] });
    if (!r.ok) throw new Error(r.message);
    return (r.rows ?? []).map((x) => x.f.map((c) => c.v));
  };
  const ds = `${PROJECT}.amocrm_rating`;
  const head = rows(`SELECT sync_id FROM \`${ds}.syncs\` WHERE kind = 'full'`);
  expect(head).toHaveLength(1);
  const where = `WHERE sync_id = '${head[0]?.[0] ?? ''}'`;
  const num = (v: string | null | undefined) => (v === null || v === undefined ? null : Number(v));
  const byId = (a: unknown[], b: unknown[]) => Number(a[0]) - Number(b[0]);
  // a first sync appends a lead again when it rereads it: the same record, kept once
  const leads = rows(
    `SELECT DISTINCT id, name, status_id, pipeline_id, responsible_user_id, updated_at, closed_at FROM \`${ds}.leads\` ${where}`,
  )
    .map(([id, name, status, pipeline, user, updated, closed]) =>
      leadFields({
        id: Number(id),
        name: name ?? '',
        status_id: Number(status),
        pipeline_id: Number(pipeline),
        responsible_user_id: Number(user),
        updated_at: Number(updated),
        closed_at: num(closed),
      }),
    )
    .sort(byId);
  const tasks = rows(
    `SELECT DISTINCT id, responsible_user_id, is_completed, updated_at, complete_till FROM \`${ds}.tasks\` ${where}`,
  )
    .map(([id, user, done, updated, till]) =>
      taskFields({
        id: Number(id),
        entity_id: null,
        entity_type: null,
        responsible_user_id: Number(user),
        is_completed: done === 'true',
        updated_at: Number(updated),
        complete_till: Number(till),
      }),
    )
    .sort(byId);
  const kinds: Record<number, TruthEvent['type']> = {
    [EV_STATUS]: 'lead_status_changed',
    [EV_RESPONSIBLE]: 'entity_responsible_changed',
    [EV_TASK_DONE]: 'task_completed',
  };
  const events = rows(
    `SELECT DISTINCT id, kind, entity, ts, robot, a, b, c, d FROM \`${ds}.events\` ${where}`,
  ).map((r): TruthEvent => {
    const [kind, entity, at, robot, a, b, c, d] = r.slice(1).map((v) => Number(v));
    const type = kinds[kind ?? -1];
    if (!type) throw new Error(`an event of unknown kind ${kind}`);
    const pair = (x = -1, y = -1) => (x === -1 ? [] : [x, y]);
    const one = (x = -1) => (x === -1 ? [] : [x]);
    return {
      type,
      entity_id: entity ?? -1,
      created_at: at ?? -1,
      robot: robot === 1,
      after: type === 'lead_status_changed' ? pair(a, b) : one(a),
      before: type === 'lead_status_changed' ? pair(c, d) : one(c),
    };
  });
  const until = num(rows(`SELECT until FROM \`${ds}.syncs\` ${where}`)[0]?.[0]) ?? 0;
  return { until, leads, tasks, events: sortEvents(events) };
}

/**
 * Each request's time: one that ends a run's last batch just before the 6-minute limit (the
 * spreadsheet store's checkpoint then passes it), and 90 s, with which a BigQuery group went on
 * fetching past the fetch deadline and was killed before its load, run after run.
 */
test.each([
  ['the spreadsheet store', false, 89_500],
  ['the BigQuery store', true, 90_000],
])(
  'a first sync on an amoCRM this slow ends, no execution killed: %s',
  async (_name, bigquery, latencyMs) => {
    if (bigquery) {
      const { build } = await import('../../dev/build');
      await build({ variant: 'bigquery' });
    }
    const amo = await startAmoEmulator(['--seed', '7', '--size', 'small', '--now', START]);
    let rt: GasRuntime | null = null;
    try {
      const connected = await connectRuntime(amo, {
        fetchLatencyMs: latencyMs,
        ...(bigquery ? { distDir: join(ROOT, 'dist-bigquery') } : {}),
      });
      rt = connected.rt;
      if (bigquery)
        expect(rt.run('chooseAccountStore', ['bigquery', PROJECT], 'client')).toMatchObject({
          ok: true,
        });
      const from = rt.executions.length;
      const records = scheduled(rt, 30);
      // the runtime's record of each execution: a kill by the time limit is 'timeout'
      const runs = rt.executions.slice(from).map((e) => e.outcome);
      expect(runs).toEqual(runs.map(() => 'ok'));
      expect(records.at(-1)).toMatchObject({ outcome: 'complete', kind: 'full' });
      // the slow answers did spread the sync over executions
      expect(records.length).toBeGreaterThan(2);
      expect(records.slice(0, -1).every((r) => r.outcome === 'partial')).toBe(true);

      if (bigquery) {
        const got = bigQueryView(rt);
        const want = await truthOf(amo, got.until);
        expect(got.leads.length).toBeGreaterThan(20);
        expect(got.leads).toEqual(want.leads);
        expect(got.tasks).toEqual(want.tasks);
        expect(got.events).toEqual(want.events);
      } else {
        const until = unpackRows(storeRows(rt.spreadsheet) ?? []).manifest.until;
        const want = await truthOf(amo, until);
        const got = storeView(store(rt));
        expect(got.leads.length).toBeGreaterThan(20);
        expect(got.leads).toEqual(want.leads);
        expect(got.tasks).toEqual(want.tasks);
        expect(got.events).toEqual(want.events);
      }
    } finally {
      await rt?.close();
      await amo.stop();
    }
  },
);

/** The first sync on BigQuery in scheduled runs; `kill`: the execution and call to kill it at. */
async function bigQueryFirstSync(kill?: { run: number; call: number }) {
  const amo = await startAmoEmulator(['--seed', '7', '--size', 'small', '--now', START]);
  const { rt } = await connectRuntime(amo, {
    fetchLatencyMs: 90_000,
    ...{ distDir: join(ROOT, 'dist-bigquery') }, // connectRuntime passes it to the runtime
  });
  expect(rt.run('chooseAccountStore', ['bigquery', PROJECT], 'client')).toMatchObject({
    ok: true,
  });
  const keys: string[][] = [];
  const records: SyncRecord[] = [];
  for (let i = 0; i < 30; i++) {
    const seen: string[] = [];
    rt.callObserver = (k) => seen.push(k);
    if (kill?.run === i) rt.killPlan.push(kill.call);
    try {
      records.push(rt.run('syncAmo', [], 'timeTrigger') as SyncRecord);
    } catch (e) {
      records.push({ outcome: 'failed', error: (e as Error).message } as SyncRecord);
    }
    rt.callObserver = null;
    keys.push(seen);
    if (records.at(-1)?.outcome === 'complete') break;
    rt.clock.advance?.(60_000);
  }
  return { amo, rt, keys, records };
}

/**
 * The first run that cut a group short, and its first call after the group's load: a cut is
 * checkpointed just before its load (spreadsheet calls before it), where a group ended by its
 * pages is loaded straight after the fetch's answers.
 */
function cutLoad(keys: string[][]): { run: number; call: number } | null {
  for (const [run, ks] of keys.entries()) {
    const load = ks.lastIndexOf('BigQuery.Jobs.insert');
    if (load < 0) continue;
    let before = load - 1;
    while (before > 0 && (ks[before] ?? '').startsWith('BigQuery.')) before--;
    if (/^(HTTPResponse|UrlFetchApp)\./.test(ks[before] ?? '')) continue;
    let after = load;
    while ((ks[after] ?? '').startsWith('BigQuery.')) after++;
    return { run, call: after + 1 };
  }
  return null;
}

/**
 * On the BigQuery store a group that the run's time cuts short is loaded as it stands. A run
 * killed between that load and its checkpoint must not let the next run append the same records
 * again under another group: the resumed sync ends with each event once, and with the account.
 */
test('the BigQuery store: killed after the load of a group cut short by time, nothing is appended twice', async () => {
  const { build } = await import('../../dev/build');
  await build({ variant: 'bigquery' });
  const probe = await bigQueryFirstSync();
  await probe.rt.close();
  await probe.amo.stop();
  const kill = cutLoad(probe.keys);
  expect(kill).not.toBeNull();
  const { amo, rt, records } = await bigQueryFirstSync(kill ?? undefined);
  try {
    expect(rt.executions.filter((e) => e.outcome !== 'ok').map((e) => e.outcome)).toEqual([
      'killed',
    ]);
    expect(records.at(-1)).toMatchObject({ outcome: 'complete', kind: 'full' });
    const got = bigQueryView(rt);
    const want = await truthOf(amo, got.until);
    expect(got.leads).toEqual(want.leads);
    expect(got.events).toEqual(want.events);
    // each event appended once: the resumed run sent the cut group's load again, refused
    const r = rt.bigQueryState?.engine.call({
      op: 'query',
      sql: `SELECT COUNT(*), COUNT(DISTINCT id) FROM \`${PROJECT}.amocrm_rating.events\``,
      params: [],
    });
    const [rows, ids] = r?.ok ? (r.rows?.[0]?.f.map((c) => Number(c.v)) ?? []) : [];
    expect(rows).toBeGreaterThan(100);
    expect(rows).toBe(ids);
  } finally {
    await rt.close();
    await amo.stop();
  }
});
