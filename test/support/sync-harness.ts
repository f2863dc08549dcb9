/** A runtime wired to an amoCRM emulator, and what the sync tests compare. */
import { FakeClock, GasRuntime } from '../../dev/gas';
import type { SyncRecord } from '../../src/amocrm/sync-record';
import { accountData, type StoreData } from '../../src/shapes/store-data';
import { defaultEngineSettings, intlOffset, RatingEngine } from '../../src/engine';
import {
  EV_RESPONSIBLE,
  EV_STATUS,
  EV_TASK_DONE,
  eventCount,
  rowAt,
} from '../../src/shapes/account-data';
import { sortEvents, leadFields, taskFields, type TruthEvent } from './dump-truth';
import type { AmoHandle } from './emulators';
import { readStoreFromState } from './store-node';

export interface Connected {
  rt: GasRuntime;
  clock: FakeClock;
}

export async function connectRuntime(
  amo: AmoHandle,
  opts: { fetchLatencyMs?: number; fetchTimeoutMs?: number } = {},
): Promise<Connected> {
  const st = await amo.control<{ now: number; token: string; lastClientTime: number }>('state');
  // clients take turns on one emulator: a new one starts after everything the last one did
  const clock = new FakeClock(Math.max(st.now * 1000, st.lastClientTime) + 2000);
  const rt = new GasRuntime({
    clock,
    routes: [{ host: /\.amocrm\.ru$/, target: amo.url, forwardClock: true }],
    ...opts,
  });
  const report = rt.run('connectAmoWithToken', ['demo', st.token], 'client') as {
    ok: boolean;
    message: string;
  };
  if (!report.ok) throw new Error(report.message);
  return { rt, clock };
}

/** Runs syncAmo as scheduled runs until it completes (or fails `maxRuns` times). */
export function syncToCompletion(rt: GasRuntime, clock: FakeClock, maxRuns = 20): SyncRecord[] {
  const records: SyncRecord[] = [];
  for (let i = 0; i < maxRuns; i++) {
    let rec: SyncRecord;
    try {
      rec = rt.run('syncAmo', [], 'timeTrigger') as SyncRecord;
    } catch (e) {
      rec = { outcome: 'failed', error: (e as Error).message } as SyncRecord; // killed by the time limit
    }
    records.push(rec);
    if (rec.outcome === 'complete') return records;
    clock.advance(60_000); // the next scheduled run
  }
  return records;
}

export function store(rt: GasRuntime): StoreData {
  const d = readStoreFromState(rt.spreadsheet);
  if (!d) throw new Error('no store');
  return d;
}

/** A store in the form of the sync's ground truth (dump-truth.ts `truthOf`). */
export function storeView(d: StoreData) {
  const kinds: Record<number, TruthEvent['type']> = {
    [EV_STATUS]: 'lead_status_changed',
    [EV_RESPONSIBLE]: 'entity_responsible_changed',
    [EV_TASK_DONE]: 'task_completed',
  };
  const events: TruthEvent[] = [];
  for (let i = 0; i < eventCount(d.events); i++) {
    const [kind = -1, entity = -1, at = -1, robot = 0, a = -1, b = -1, c = -1, dd = -1] = rowAt(
      d.events,
      i,
    );
    const type = kinds[kind];
    if (!type) throw new Error(`the store holds an event of unknown kind ${kind}`);
    const pair = (x: number, y: number) => (x === -1 ? [] : [x, y]);
    const one = (x: number) => (x === -1 ? [] : [x]);
    events.push({
      type,
      entity_id: entity,
      created_at: at,
      robot: robot === 1,
      after: type === 'lead_status_changed' ? pair(a, b) : one(a),
      before: type === 'lead_status_changed' ? pair(c, dd) : one(c),
    });
  }
  return {
    leads: [...d.leads.values()]
      .map((l) => leadFields(l))
      .sort((a, b) => Number(a[0]) - Number(b[0])),
    tasks: [...d.tasks.values()]
      .map((t) => taskFields(t))
      .sort((a, b) => Number(a[0]) - Number(b[0])),
    events: sortEvents(events),
    users: d.users.map((u) => u.id).sort(),
  };
}

/** Comparable form of a store: sorted plain objects. */
export function plain(d: StoreData) {
  const byId = <T extends { id: number }>(m: Map<number, T>) =>
    [...m.values()].sort((a, b) => a.id - b.id);
  const events: number[][] = [];
  for (let i = 0; i < eventCount(d.events); i++) events.push(rowAt(d.events, i));
  return {
    leads: byId(d.leads),
    tasks: byId(d.tasks),
    events,
    users: [...d.users].sort((a, b) => a.id - b.id).map((u) => [u.id, u.name, u.rights.is_active]),
    pipelines: d.pipelines.map((p) => p.id),
  };
}

export function ratingOf(d: StoreData, nowMs: number) {
  const main = d.pipelines.find((p) => p.is_main) ?? d.pipelines[0];
  if (!main) throw new Error('no pipelines');
  const names = ['Встреча назначена', 'Встреча проведена', 'Договор подписан', 'Аванс внесен'];
  const st = (n: string) => [
    { pipelineId: main.id, statusId: main._embedded.statuses.find((s) => s.name === n)?.id ?? -1 },
  ];
  const settings = defaultEngineSettings({
    pipelineIds: [main.id],
    stages: {
      meetingsScheduled: st(names[0] ?? ''),
      meetingsHeld: st(names[1] ?? ''),
      contractsSigned: st(names[2] ?? ''),
      advancesPaid: st(names[3] ?? ''),
    },
  });
  const data = accountData(d);
  if (!data) throw new Error('no account');
  const engine = new RatingEngine(data, settings, {
    utcOffset: intlOffset,
    fallbackTimeZone: 'Europe/Moscow',
  });
  return (['week', 'month', 'quarter'] as const).map((k) =>
    engine.rating(engine.period(k, nowMs), nowMs),
  );
}

/** The largest number of requests one caller made within any one second of its clock. */
export function maxPerSecond(requests: Array<{ at: number; client?: string }>): number {
  const byClient = new Map<string, number[]>();
  for (const r of requests) {
    const list = byClient.get(r.client ?? '') ?? [];
    list.push(r.at);
    byClient.set(r.client ?? '', list);
  }
  let worst = 0;
  for (const times of byClient.values()) {
    const ts = times.sort((a, b) => a - b);
    let lo = 0;
    for (let hi = 0; hi < ts.length; hi++) {
      while ((ts[lo] ?? 0) <= (ts[hi] ?? 0) - 1000) lo++;
      worst = Math.max(worst, hi - lo + 1);
    }
  }
  return worst;
}
