/** The sync's plan on plain data: queries, page ends, merging, pruning — no Apps Script, no server. */
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  checksum,
  packStore,
  StoreCorrupt,
  unpackRows,
  CELL_CHARS,
  type Compressor,
} from '../../../src/storage/store-codec';
import { accountData, emptyStore } from '../../../src/shapes/store-data';
import { decodeStore, storeSegments } from '../../../src/storage/store-rows';
import { emptyStaging } from '../../../src/amocrm/staging';
import { mergeEvents, mergeStaged } from '../../../src/amocrm/sync-merge';
import {
  historyWindowStart,
  isLastPage,
  MAX_URL_CHARS,
  newSyncState,
  openStatusChunks,
  planOpenLeads,
  planReread,
  requestFor,
  tasksToLocate,
} from '../../../src/amocrm/sync-plan';
import { eventLogFromApi, eventCount, rowAt } from '../../../src/shapes/account-data';
import type { AmoEvent, AmoLead, AmoPipeline, AmoTask } from '../../../src/shapes/amocrm';

const node: Compressor = {
  pack: (t) => gzipSync(Buffer.from(t)).toString('base64'),
  unpack: (b) => gunzipSync(Buffer.from(b, 'base64')).toString('utf8'),
};

function pipelines(count: number, stages: number): AmoPipeline[] {
  return Array.from({ length: count }, (_, p) => ({
    id: 30000000 + p,
    name: `P${p}`,
    sort: p,
    is_main: p === 0,
    _embedded: {
      statuses: [
        ...Array.from({ length: stages }, (_, s) => ({
          id: 60000000 + p * 1000 + s,
          name: `S${s}`,
          sort: s,
          pipeline_id: 30000000 + p,
          type: s === 0 ? 1 : 0,
        })),
        { id: 142, name: 'won', sort: 10000, pipeline_id: 30000000 + p, type: 0 },
        { id: 143, name: 'lost', sort: 11000, pipeline_id: 30000000 + p, type: 0 },
      ],
    },
  }));
}

describe('queries', () => {
  test('open-lead queries are cut so every URL stays under 1.5 KB, whatever the stages (40 open stages in 4 pipelines)', () => {
    const base = 'https://a-rather-long-company-name.amocrm.ru';
    const chunks = openStatusChunks(pipelines(4, 10), base);
    expect(chunks.length).toBeGreaterThan(1);
    const state = newSyncState('s', Date.parse('2026-03-16T06:00:00Z'), null);
    planOpenLeads(state, chunks);
    const steps = state.steps.filter((s) => s.name === 'openLeads');
    expect(steps).toHaveLength(chunks.length);
    const pairs = new Set<string>();
    for (const s of steps) {
      const r = requestFor(state, s, 9999);
      const url = `${base}${r?.path}?${r?.query}`;
      expect(url.length).toBeLessThanOrEqual(MAX_URL_CHARS);
      for (const m of (r?.query ?? '').matchAll(/status_id%5D=(\d+)/g)) pairs.add(m[1] ?? '');
    }
    expect(pairs.size).toBe(40); // every open stage, none twice, 142/143 never
  });

  test('a first sync loads the history window; an incremental one starts 10 minutes before the last', () => {
    const now = Date.parse('2026-03-16T06:00:00Z');
    const full = newSyncState('a', now, null);
    expect(full.kind).toBe('full');
    expect(full.since).toBe(historyWindowStart(now));
    expect(new Date(full.since * 1000).toISOString()).toBe('2025-09-30T10:00:00.000Z');
    const inc = newSyncState('b', now, 1773630000);
    expect(inc).toMatchObject({ kind: 'incremental', since: 1773630000 - 600, until: now / 1000 });
    expect(inc.steps.map((s) => s.name)).toEqual([
      'meta',
      'leads',
      'tasks',
      'events',
      'rereadLeads',
    ]);
    const events = requestFor(inc, { name: 'events', nextPage: 1, done: false }, 3);
    expect(events?.query).toContain(`filter%5Bcreated_at%5D%5Bto%5D=${now / 1000}`);
    expect(events?.query).toContain('limit=100&page=3');
  });

  test('a list ends on a short page or a 204, whatever its next link says; a full page goes on', () => {
    const s = newSyncState('c', Date.now(), null);
    const leads = { name: 'leads' as const, nextPage: 1, done: false };
    expect(isLastPage(s, leads, 1, 250, true)).toBe(false);
    expect(isLastPage(s, leads, 1, 249, true)).toBe(true); // amoCRM links a next page from a short one
    expect(isLastPage(s, leads, 1, 0, false)).toBe(true);
    const events = { name: 'events' as const, nextPage: 1, done: false };
    expect(isLastPage(s, events, 1, 100, true)).toBe(false);
    expect(isLastPage(s, events, 1, 99, true)).toBe(true);
  });
});

const lead = (id: number, extra: Partial<AmoLead> = {}): AmoLead => ({
  id,
  name: `L${id}`,
  responsible_user_id: 1,
  status_id: 11,
  pipeline_id: 1,
  created_at: 1000,
  updated_at: 1000,
  closed_at: null,
  closest_task_at: null,
  ...extra,
});
const move = (id: string, leadId: number, at: number): AmoEvent => ({
  id,
  type: 'lead_status_changed',
  entity_id: leadId,
  entity_type: 'lead',
  created_by: 1,
  created_at: at,
  value_after: [{ lead_status: { id: 12, pipeline_id: 1 } }],
  value_before: [{ lead_status: { id: 11, pipeline_id: 1 } }],
});

describe('merging', () => {
  test('fetched events replace the stored events of the time range the sync covered: a repeat never counts twice', () => {
    const store = emptyStore();
    store.events = eventLogFromApi([move('a', 1, 100), move('b', 1, 200), move('c', 2, 300)]);
    const state = { ...newSyncState('m', 400_000, 150), since: 150, until: 400 };
    const staging = emptyStaging();
    // page boundaries repeated 'b'; 'd' is new
    mergeEvents(state, staging, [
      move('b', 1, 200),
      move('b', 1, 200),
      move('d', 2, 350),
      move('x', 3, 50),
    ]);
    const { data } = mergeStaged(store, staging, state, 0);
    const rows = Array.from(
      { length: eventCount(data.events) },
      (_, i) => rowAt(data.events, i)[2],
    );
    expect(rows).toEqual([100, 200, 350]); // 'c' vanished from amoCRM's answer for its range; 'x' is outside it
  });

  test('a deleted lead and a deleted task leave the store; what left the history window is pruned', () => {
    const store = emptyStore();
    store.leads.set(1, lead(1));
    store.leads.set(2, lead(2, { status_id: 142, closed_at: 50, updated_at: 50 }));
    store.leads.set(3, lead(3, { status_id: 142, closed_at: 5000, updated_at: 5000 }));
    const task = {
      id: 9,
      responsible_user_id: 1,
      entity_id: 1,
      entity_type: 'leads',
      is_completed: false,
      task_type_id: 1,
      complete_till: 10,
      created_at: 1,
      updated_at: 10,
    };
    store.tasks.set(9, task);
    store.tasks.set(10, { ...task, id: 10, is_completed: true, updated_at: 20 });
    const state = { ...newSyncState('p', 6000_000, 3000), since: 3000, until: 6000 };
    const staging = emptyStaging();
    mergeEvents(state, staging, [
      {
        id: 'del',
        type: 'lead_deleted',
        entity_id: 1,
        entity_type: 'lead',
        created_by: 1,
        created_at: 4000,
      },
      {
        id: 'tdel',
        type: 'task_deleted',
        entity_id: 9,
        entity_type: 'task',
        created_by: 1,
        created_at: 4000,
      },
    ]);
    const { data, pruned } = mergeStaged(store, staging, state, 1000);
    expect([...data.leads.keys()]).toEqual([3]);
    expect([...data.tasks.keys()]).toEqual([]);
    expect(pruned).toMatchObject({ leads: 1, tasks: 1 });
  });
});

describe('leads to re-read', () => {
  const task = (id: number, lead: number, patch: Partial<AmoTask> = {}): AmoTask => ({
    id,
    responsible_user_id: 1,
    entity_id: lead,
    entity_type: 'leads',
    is_completed: false,
    task_type_id: 1,
    complete_till: 10,
    created_at: 1,
    updated_at: 10,
    ...patch,
  });

  test("a changed task's lead, the lead a moved task left, a deleted task's lead; never a lead fetched anyway", () => {
    const state = { ...newSyncState('r', 6000_000, 3000), since: 3000, until: 6000 };
    expect(state.kind).toBe('incremental');
    const staging = emptyStaging();
    staging.tasks.set(1, task(1, 100, { is_completed: true })); // completed on deal 100
    staging.tasks.set(2, task(2, 201)); // moved from deal 200 to deal 201
    staging.tasks.set(3, task(3, 300)); // its deal was fetched itself
    staging.tasks.set(4, { ...task(4, 0), entity_type: 'contacts', entity_id: 7 }); // not a deal's
    staging.leads.set(300, lead(300));
    mergeEvents(state, staging, [
      {
        id: 'tdel',
        type: 'task_deleted',
        entity_id: 5,
        entity_type: 'task',
        created_by: 1,
        created_at: 4000,
      },
    ]);
    expect([...tasksToLocate(staging)].sort()).toEqual([1, 2, 3, 4, 5]);
    const stored = new Map([
      [2, 200],
      [3, 300],
      [5, 500],
    ]);
    planReread(state, staging, stored);
    expect(state.rereadIds).toEqual([100, 200, 201, 500]);
  });

  test('a full sync re-reads restored leads and the deals of its tasks it did not fetch', () => {
    const state = newSyncState('f', 6000_000, null);
    expect(state.kind).toBe('full');
    const staging = emptyStaging();
    staging.tasks.set(1, task(1, 100)); // its deal closed before the window: not fetched
    staging.tasks.set(2, task(2, 300)); // its deal was fetched
    staging.tasks.set(3, { ...task(3, 0), entity_type: 'contacts', entity_id: 7 });
    staging.leads.set(300, lead(300));
    staging.restored.add(700);
    planReread(state, staging, new Map([[1, 100]]));
    expect(state.rereadIds).toEqual([100, 700]);
  });
});

describe('the store proves itself', () => {
  const data = emptyStore();
  data.account = { id: 1, name: 'A', subdomain: 'a' };
  for (let i = 1; i <= 3000; i++)
    data.leads.set(i, lead(i, { name: `Сделка ${i} ${'x'.repeat(i % 50)}` }));
  data.events = eventLogFromApi(
    Array.from({ length: 3000 }, (_, i) => move(`e${i}`, i, 1_700_000_000 + i * 900)),
  );
  const packed = packStore({ syncId: 's1', until: 5, syncedAt: 'now' }, storeSegments(data), node);
  const read = (rows: string[][]) => {
    const b = unpackRows(rows);
    return decodeStore(
      Object.keys(b.manifest.segments),
      (n) => node.unpack(b.packed[n] ?? ''),
      (n) => b.manifest.segments[n]?.items ?? 0,
    );
  };

  test('the account view of a store can be read by several engines (previews build two)', () => {
    const view = accountData(data);
    expect([...(view?.leads ?? [])]).toHaveLength(3000);
    expect([...(view?.leads ?? [])]).toHaveLength(3000);
  });

  test('round trip: what was written reads back, under the cell limit', () => {
    expect(packed.rows.every((r) => (r[2] ?? '').length <= Math.max(CELL_CHARS, 50000))).toBe(true);
    const back = read(packed.rows);
    expect([...back.leads.values()]).toEqual([...data.leads.values()]);
    expect(back.events).toEqual(data.events);
  });

  test.each([
    ['the manifest row deleted', (rows: string[][]) => rows.slice(1), /manifest row is missing/],
    ['a part deleted', (rows: string[][]) => rows.filter((_, i) => i !== 2), /part \d+ is missing/],
    [
      'a character changed',
      (rows: string[][]) =>
        rows.map((r, i) => {
          if (i !== 2) return r;
          const text = r[2] ?? '';
          const flipped = text[9] === 'A' ? 'B' : 'A';
          return [r[0] ?? '', r[1] ?? '', `${text.slice(0, 9)}${flipped}${text.slice(10)}`];
        }),
      /contents were changed/,
    ],

    ['the sheet cleared', () => [] as string[][], /manifest row is missing/],
    [
      'the manifest edited',
      (rows: string[][]) => [['manifest', '0', '{"format":2}'], ...rows.slice(1)],
      /unexpected shape/,
    ],
  ])('%s is detected, never read as a smaller account', (_n, tamper, message) => {
    expect(() => read(tamper(packed.rows.map((r) => [...r])))).toThrow(StoreCorrupt);
    expect(() => read(tamper(packed.rows.map((r) => [...r])))).toThrow(message);
  });

  test('rows left over from a bigger store below the manifest are ignored', () => {
    const extra = [...packed.rows, ['events:2020-01', '0', 'junk'], ['leads', '99', 'junk']];
    expect(read(extra).leads.size).toBe(3000);
  });

  test('an unchanged segment reuses its packed text', () => {
    const again = packStore(
      { syncId: 's2', until: 6, syncedAt: 'now' },
      storeSegments(data),
      {
        pack: () => {
          throw new Error('nothing should be re-packed');
        },
        unpack: (b) => node.unpack(b),
      },
      unpackRows(packed.rows),
    );
    expect(again.manifest.segments.leads?.hash).toBe(
      checksum(unpackRows(packed.rows).packed.leads ?? ''),
    );
  });
});
