/**
 * The history window moves on the 1st of a quarter and the sync prunes what left it: the last
 * closed quarter's final must not change (docs/rules.md §2.2, §2.5, §2.6.5, §2.6.10). Moscow
 * time; "now" is 1 April 2026 09:00, so the window moves from 1 October to 31 December.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { emptyStaging } from '../../../src/amocrm/staging';
import { mergeStaged, rememberReach } from '../../../src/amocrm/sync-merge';
import { historyWindowStart, newSyncState } from '../../../src/amocrm/sync-plan';
import {
  intlOffset,
  lastClosedPeriod,
  RatingEngine,
  type EngineSettings,
  type Rating,
} from '../../../src/engine';
import { EV_STATUS, eventLogFromApi, type EventLog } from '../../../src/shapes/account-data';
import type { AmoEvent, AmoLead, AmoTask } from '../../../src/shapes/amocrm';
import { accountData, emptyStore, type StoreData } from '../../../src/shapes/store-data';
import {
  packStore,
  StoreCorrupt,
  unpackRows,
  type Compressor,
} from '../../../src/storage/store-codec';
import { decodeStore, storeSegments } from '../../../src/storage/store-rows';
import {
  account,
  ANNA,
  BORIS,
  completed,
  lead,
  move,
  P,
  P2,
  pipelines,
  S,
  settings,
  t,
  task,
  users,
} from './fixture';

const NOW = t('2026-04-01 09:00') * 1000;

const node: Compressor = {
  pack: (x) => gzipSync(Buffer.from(x)).toString('base64'),
  unpack: (b) => gunzipSync(Buffer.from(b, 'base64')).toString('utf8'),
};

function store(leads: AmoLead[], tasks: AmoTask[], events: AmoEvent[]): StoreData {
  const d = emptyStore();
  d.account = account;
  d.users = users;
  d.pipelines = pipelines;
  for (const l of leads) d.leads.set(l.id, l);
  for (const x of tasks) d.tasks.set(x.id, x);
  // what a sync on 31 March kept: everything since its window start (1 October)
  d.events = eventLogFromApi(events);
  return d;
}

/** A complete incremental sync on `nowMs` that fetched nothing new: only the window moves. */
function syncOn(d: StoreData, nowMs: number): StoreData {
  const until = Math.floor(nowMs / 1000);
  const state = newSyncState('s', nowMs, until - 3600);
  return mergeStaged(d, emptyStaging(), state, historyWindowStart(nowMs)).data;
}

/** The store as the next run reads it back from its cells. */
function roundTrip(d: StoreData): StoreData {
  const packed = packStore({ syncId: 's', until: 1, syncedAt: 'x' }, storeSegments(d), node);
  const b = unpackRows(packed.rows);
  return decodeStore(
    Object.keys(b.manifest.segments),
    (n) => node.unpack(b.packed[n] ?? ''),
    (n) => b.manifest.segments[n]?.items ?? 0,
  );
}

function q1(d: StoreData, s: EngineSettings = settings()): Rating {
  const data = accountData(d);
  if (!data) throw new Error('no account');
  const e = new RatingEngine(data, s, { utcOffset: intlOffset, fallbackTimeZone: 'Europe/Moscow' });
  return e.rating(lastClosedPeriod(e.calendar, 'quarter', NOW), NOW);
}

/** Every cell of a final: places, points, figures, plans, change — not the explanations. */
const cells = (r: Rating) => ({ rows: r.rows, outside: r.outside, totals: r.totals });

const eventsCount = (log: EventLog) => log.size;

describe('a lead reached a stage before the window', () => {
  // 900: won on 24 December, moved back on 28 December, won again on 6 January.
  // 901: contract on 20 December, back on 2 January (inside the window), contract again on 3 February.
  // 902: created on 10 January and won on 12 February: the only win of Q1.
  const leads = [
    lead(900, '2025-12-01 10:00', ANNA, S.WON, {
      updated_at: t('2026-01-06 10:00'),
      closed_at: t('2026-01-06 10:00'),
    }),
    lead(901, '2025-12-01 10:00', BORIS, S.CONTRACT, { updated_at: t('2026-02-03 10:00') }),
    lead(902, '2026-01-10 10:00', BORIS, S.WON, {
      updated_at: t('2026-02-12 10:00'),
      closed_at: t('2026-02-12 10:00'),
    }),
  ];
  const events = [
    move(900, '2025-12-10 10:00', S.NEW, S.CONTRACT),
    move(900, '2025-12-24 10:00', S.CONTRACT, S.WON),
    move(900, '2025-12-28 10:00', S.WON, S.ADVANCE),
    move(900, '2026-01-06 10:00', S.ADVANCE, S.WON),
    move(901, '2025-12-20 10:00', S.NEW, S.CONTRACT),
    move(901, '2026-01-02 10:00', S.CONTRACT, S.HELD),
    move(901, '2026-02-03 10:00', S.HELD, S.CONTRACT),
    move(902, '2026-02-12 10:00', S.NEW, S.WON),
  ];

  test('the 1 April prune keeps the statuses of the pruned moves, not the moves', () => {
    const before = store(leads, [], events);
    const after = syncOn(before, NOW);
    expect(eventsCount(after.events)).toBe(4); // the December moves are gone
    expect(after.reaches.get(900)).toEqual([P, S.NEW, P, S.CONTRACT, P, S.WON, P, S.ADVANCE]);
    expect(after.reaches.get(901)).toEqual([P, S.NEW, P, S.CONTRACT]);
    expect(after.reaches.has(902)).toBe(false);
  });

  test('the Q1 final is the same before and after the 1 April prune, cell for cell', () => {
    const before = store(leads, [], events);
    const finalBefore = q1(before);
    // on 31 March the store still holds the December moves: no second win, no second contract
    // (Anna is in the rating by her portfolio: 900 was open when Q1 began)
    expect(finalBefore.rows.map((r) => [r.name, r.figures.won, r.figures.contractsSigned])).toEqual(
      [
        ['Борис', 1, 0],
        ['Анна', 0, 0],
      ],
    );
    const after = roundTrip(syncOn(before, NOW));
    expect(cells(q1(after))).toEqual(cells(finalBefore));
    // the same with skipped stages on: the win before the window covers every lower stage
    const skipping = settings({ countSkippedStages: true });
    expect(cells(q1(after, skipping))).toEqual(cells(q1(before, skipping)));
  });

  test('the stage mapping is applied when the rating is made: statuses are kept, not stages', () => {
    const before = store(leads, [], events);
    const after = roundTrip(syncOn(before, NOW));
    // the head maps «Договор подписан» to «Встреча проведена» after the prune: 901 stood in
    // «Договор подписан» only before the window, so its move to «Встреча проведена» on 2 January
    // is its first reach of the stage under the new mapping — as the full history says too
    const s = settings();
    const remapped = {
      ...s,
      stages: {
        ...s.stages,
        meetingsHeld: [],
        contractsSigned: [{ pipelineId: P, statusId: S.HELD }],
      },
    };
    expect(q1(after, remapped).totals.figures.contractsSigned).toBe(1);
    expect(cells(q1(after, remapped))).toEqual(cells(q1(before, remapped)));
  });

  test('without the kept statuses the lead would be credited again (the rule needs them)', () => {
    const after = syncOn(store(leads, [], events), NOW);
    after.reaches.clear();
    expect(q1(after).totals.figures.won).toBe(2);
  });
});

describe('the kept statuses in the store', () => {
  test('one pair per status, whatever the number of moves; other events keep nothing', () => {
    const reaches = new Map<number, number[]>();
    rememberReach(reaches, [EV_STATUS, 5, 100, 0, P, S.MEET, P, S.NEW]);
    rememberReach(reaches, [EV_STATUS, 5, 101, 0, P, S.NEW, P, S.MEET]);
    rememberReach(reaches, [EV_STATUS, 5, 102, 0, P2, 21, -1, -1]);
    rememberReach(reaches, [1, 6, 103, 0, ANNA, -1, BORIS, -1]);
    expect([...reaches]).toEqual([[5, [P, S.NEW, P, S.MEET, P2, 21]]]);
  });

  test('a format-2 store (no kept statuses) reads as one without them', () => {
    const d = store([lead(1, '2026-03-01 10:00', ANNA, S.NEW)], [], []);
    const segments = storeSegments(d);
    delete (segments as Record<string, unknown>).reaches;
    const packed = packStore({ syncId: 's', until: 1, syncedAt: 'x' }, segments, node);
    const manifest = JSON.parse(packed.rows[0]?.[2] ?? '{}') as { format: number };
    manifest.format = 2;
    const rows = [['manifest', '0', JSON.stringify(manifest)], ...packed.rows.slice(1)];
    const b = unpackRows(rows);
    const back = decodeStore(
      Object.keys(b.manifest.segments),
      (n) => node.unpack(b.packed[n] ?? ''),
      (n) => b.manifest.segments[n]?.items ?? 0,
    );
    expect(back.reaches.size).toBe(0);
    expect([...back.leads.keys()]).toEqual([1]);
  });

  test('a damaged row of kept statuses makes the store corrupt, with the segment named', () => {
    const d = store([], [], []);
    d.reaches.set(900, [P, S.WON]);
    const segments = storeSegments(d);
    segments.reaches = { json: JSON.stringify([[900, P]]), items: 1 };
    const b = unpackRows(packStore({ syncId: 's', until: 1, syncedAt: 'x' }, segments, node).rows);
    expect(() =>
      decodeStore(
        Object.keys(b.manifest.segments),
        (n) => node.unpack(b.packed[n] ?? ''),
        (n) => b.manifest.segments[n]?.items ?? 0,
      ),
    ).toThrow(StoreCorrupt);
    expect(() =>
      decodeStore(
        Object.keys(b.manifest.segments),
        (n) => node.unpack(b.packed[n] ?? ''),
        (n) => b.manifest.segments[n]?.items ?? 0,
      ),
    ).toThrow(/segment reaches: row 1/);
  });
});

describe('tasks of a closed period judged by the deals that covered it', () => {
  // Deal 910 (selected pipeline) was won in December; Anna completed a meeting task on it in
  // February. Deal 911 is in the pipeline that is not selected; Boris's meeting task on it.
  const leads = [
    lead(910, '2025-11-01 10:00', ANNA, S.WON, {
      updated_at: t('2025-12-15 10:00'),
      closed_at: t('2025-12-15 10:00'),
    }),
    lead(911, '2025-11-01 10:00', BORIS, 142, {
      pipeline_id: P2,
      updated_at: t('2025-12-15 10:00'),
      closed_at: t('2025-12-15 10:00'),
    }),
    lead(912, '2026-01-10 10:00', ANNA, S.NEW),
  ];
  const tasks = [
    task(920, ANNA, {
      due: '2026-02-10 12:00',
      leadId: 910,
      task_type_id: 2,
      is_completed: true,
      updated_at: t('2026-02-10 12:00'),
    }),
    task(921, BORIS, {
      due: '2026-02-11 12:00',
      leadId: 911,
      task_type_id: 2,
      is_completed: true,
      updated_at: t('2026-02-11 12:00'),
    }),
    task(922, ANNA, { due: '2026-05-11 12:00', leadId: 912, created_at: t('2026-01-12 10:00') }),
  ];
  const events = [
    move(910, '2025-12-15 10:00', S.NEW, S.WON),
    move(911, '2025-12-15 10:00', 21, 142, { pipeline: P2 }),
    completed(920, '2026-02-10 12:00'),
    completed(921, '2026-02-11 12:00'),
  ];
  const byTasks = settings({ meetingsHeldFrom: 'tasks', tasksScope: 'selectedPipelines' });

  test('the deals of kept tasks are kept: Q1 tasks and meetings are the same after the prune', () => {
    const before = store(leads, tasks, events);
    const finalBefore = q1(before, byTasks);
    expect(finalBefore.totals.figures.meetingsHeld).toBe(1); // Anna's; Boris's deal is not selected
    expect(finalBefore.totals.figures.totalTasks).toBe(2); // Anna's completed one and her open one
    const after = roundTrip(syncOn(before, NOW));
    expect([...after.leads.keys()].sort()).toEqual([910, 911, 912]);
    expect(cells(q1(after, byTasks))).toEqual(cells(finalBefore));
    // counted the way amoCRM counts tasks, too
    expect(cells(q1(after, settings({ meetingsHeldFrom: 'tasks' })))).toEqual(
      cells(q1(before, settings({ meetingsHeldFrom: 'tasks' }))),
    );
  });

  test('a meeting task on a deal the store does not know (trashed) counts nowhere', () => {
    const d = store(leads, tasks, events);
    d.leads.delete(911);
    d.leads.delete(910);
    const r = q1(d, settings({ meetingsHeldFrom: 'tasks' }));
    expect(r.totals.figures.meetingsHeld).toBe(0);
  });
});
