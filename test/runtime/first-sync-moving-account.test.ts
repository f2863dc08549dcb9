/**
 * A first sync that takes several executions (a big account, a slow amoCRM) while the account
 * goes on living between them — deals created, moved, closed, deleted, tasks set and completed —
 * must end, once the next incremental sync is in, with what the account holds: on the
 * spreadsheet store the store equals the emulator's own account (`/_emulator/dump`), and on both
 * stores the published rating equals the one published from a single-execution first sync of
 * the account as it then stands (itself checked against the dump).
 */
import { join } from 'node:path';
import { FakeClock, GasRuntime } from '../../dev/gas';
import type { SyncRecord } from '../../src/amocrm/sync-record';
import { unpackRows } from '../../src/storage/store-codec';
import { truthOf } from '../support/dump-truth';
import { startAmoEmulator, type AmoHandle } from '../support/emulators';
import { storeRows } from '../support/store-node';
import { store, storeView, syncToCompletion } from '../support/sync-harness';

jest.setTimeout(900000);

const ROOT = join(__dirname, '..', '..');
/** Tuesday 3 March 2026, 09:00 in Moscow: the working day starts */
const START = '2026-03-03T06:00:00Z';
/** the account's time between two executions of the sync (the scheduler's runs are hourly) */
const GAP_S = 3 * 3600;
const HOUR = 3600_000;

async function connect(amo: AmoHandle, opts: { distDir?: string; fetchLatencyMs?: number } = {}) {
  const st = await amo.control<{ now: number; token: string; lastClientTime: number }>('state');
  const clock = new FakeClock(Math.max(st.now * 1000, st.lastClientTime) + 2000);
  const rt = new GasRuntime({
    clock,
    routes: [{ host: /\.amocrm\.ru$/, target: amo.url, forwardClock: true }],
    ...opts,
  });
  const r = rt.run('connectAmoWithToken', ['demo', st.token], 'client') as { ok: boolean };
  if (!r.ok) throw new Error('connection failed');
  return { rt, clock };
}

/** The first sync run by the scheduler, the account living between its executions. */
async function firstSyncWhileTheAccountMoves(
  amo: AmoHandle,
  rt: GasRuntime,
  clock: FakeClock,
): Promise<SyncRecord[]> {
  const records: SyncRecord[] = [];
  for (let i = 0; i < 40; i++) {
    let rec: SyncRecord;
    try {
      rec = rt.run('syncAmo', [], 'timeTrigger') as SyncRecord;
    } catch (e) {
      // killed by the 6-minute limit: the next run continues from the checkpoint
      rec = { outcome: 'failed', error: (e as Error).message } as SyncRecord;
    }
    records.push(rec);
    if (rec.outcome === 'complete') break;
    await amo.control('clock', { advanceSeconds: GAP_S });
    clock.set(Math.max(clock.now(), (await amo.control<{ now: number }>('state')).now * 1000));
  }
  return records;
}

/** What the head sees: every visible sheet's values, times of day left out. */
function sheets(rt: GasRuntime): Record<string, unknown[][]> {
  const out: Record<string, unknown[][]> = {};
  for (const sh of rt.spreadsheet.sheets) {
    if (sh.hidden || sh.name.startsWith('_')) continue;
    out[sh.name] = (sh.rows ?? []).map((row) =>
      (row ?? []).map((c) => {
        const v = c?.v;
        const x = typeof v === 'object' && v !== null && 'date' in v ? v.date : v;
        return typeof x === 'string' ? x.replace(/\b\d{1,2}:\d{2}\b/g, 'hh:mm') : x;
      }),
    );
  }
  return out;
}

const publish = (rt: GasRuntime) => rt.run('menuRefresh', [], 'menu');

test.each([
  ['the spreadsheet store', false],
  ['the BigQuery store', true],
])(
  'a first sync over several executions while the account changes ends with the account: %s',
  async (_name, bigquery) => {
    if (bigquery) {
      const { build } = await import('../../dev/build');
      await build({ variant: 'bigquery' });
    }
    const amo = await startAmoEmulator(['--seed', '23', '--size', 'small', '--now', START]);
    const runtimes: GasRuntime[] = [];
    try {
      // each request 45 s: a run's budget holds a few batches of pages
      const moving = await connect(amo, {
        fetchLatencyMs: 45_000,
        ...(bigquery ? { distDir: join(ROOT, 'dist-bigquery') } : {}),
      });
      runtimes.push(moving.rt);
      if (bigquery)
        expect(
          moving.rt.run('chooseAccountStore', ['bigquery', 'moving-account'], 'client'),
        ).toMatchObject({ ok: true });
      const before = (await amo.control<{ events: number }>('state')).events;
      const first = await firstSyncWhileTheAccountMoves(amo, moving.rt, moving.clock);
      expect(first.at(-1)).toMatchObject({ outcome: 'complete', kind: 'full' });
      expect(first.length).toBeGreaterThan(2);
      // the account did move during the sync
      expect((await amo.control<{ events: number }>('state')).events).toBeGreaterThan(before + 20);

      // the next sync, an hour later, the account still
      await amo.control('clock', { advanceSeconds: 3600 });
      moving.clock.advance(HOUR);
      const next = syncToCompletion(moving.rt, moving.clock, 40);
      expect(next.at(-1)).toMatchObject({ outcome: 'complete', kind: 'incremental' });
      if (!bigquery) {
        const until = unpackRows(storeRows(moving.rt.spreadsheet) ?? []).manifest.until;
        const want = await truthOf(amo, until);
        const got = storeView(store(moving.rt));
        expect(got.leads).toEqual(want.leads);
        expect(got.tasks).toEqual(want.tasks);
        expect(got.events).toEqual(want.events);
      }

      // the reference: one execution of a first sync of the account as it stands now
      const ref = await connect(amo);
      runtimes.push(ref.rt);
      const once = syncToCompletion(ref.rt, ref.clock);
      expect(once.at(-1)).toMatchObject({ outcome: 'complete', executions: 1 });
      const until = unpackRows(storeRows(ref.rt.spreadsheet) ?? []).manifest.until;
      expect(storeView(store(ref.rt)).events).toEqual((await truthOf(amo, until)).events);
      // both publish at the same moment (stocks are judged at it); the synced spreadsheet (and
      // its BigQuery dataset) in a runtime whose amoCRM answers at once, as the reference's does
      const at = Math.max(ref.clock.now(), moving.clock.now());
      ref.clock.set(at);
      const synced = new GasRuntime({
        state: moving.rt.saveState(),
        clock: new FakeClock(at),
        routes: moving.rt.routes,
        ...(bigquery ? { distDir: join(ROOT, 'dist-bigquery') } : {}),
        ...(moving.rt.bigQueryState ? { bigQuery: moving.rt.bigQueryState } : {}),
      });
      runtimes.unshift(synced);
      publish(ref.rt);
      publish(synced);
      const seen = sheets(ref.rt);
      const numbers = Object.values(seen)
        .flat(2)
        .filter((x) => typeof x === 'number' && x > 0).length;
      expect(numbers).toBeGreaterThan(50);
      expect(sheets(synced)).toEqual(seen);
    } finally {
      await Promise.all(runtimes.map((rt) => rt.close()));
      await amo.stop();
    }
  },
);
