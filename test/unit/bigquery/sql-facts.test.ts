/**
 * SQL == engine: the rating's facts computed by GoogleSQL in the BigQuery store (sql-facts.ts,
 * run by the stand-in: ZetaSQL analysis, then DuckDB) equal what the TypeScript engine computes
 * from the same records — the ledger's credits and completed tasks per local day (buildLedger),
 * the items behind them, each period's portfolio (computeRating's «Всего сделок» and its
 * explanation), the stocks now and at a past midnight (snapshots.ts currentStocks, stocksAt).
 *
 * Accounts are generated (fast-check) with the awkward cases in: moves back and forth, moves
 * that skip stages, several moves within one second (the chain rule), responsible changes,
 * deleted and deactivated users, trashed leads, tasks completed, reopened and completed without
 * an event, moves before the history window (first reach), leads created before it, periods
 * across a DST change (Europe/Berlin) and a zone of +12 (Asia/Kamchatka). Each account goes into
 * the stand-in through the product's own append path (bigQueryStore.commit), and the engine reads
 * the store that commit reads back.
 *
 * PROPERTY_RUNS=500 runs the long version.
 */
import fc from 'fast-check';
import { bigQueryStore } from '../../../src/bigquery/bigquery-store';
import { sqlFacts } from '../../../src/bigquery/sql-facts';
import {
  Calendar,
  cachedOffset,
  COMPLETED_TASKS,
  defaultEngineSettings,
  FLOW_FIGURES,
  intlOffset,
  type DayCount,
  type EngineSettings,
  type FlowItem,
  type IdList,
  type StockFacts,
} from '../../../src/engine';
import { buildLedger, type Ledger } from '../../../src/engine/ledger';
import { ledgerFacts } from '../../../src/engine/ledger-facts';
import { computeRating } from '../../../src/engine/rating';
import { currentStocks, stocksAt, type StockDetail } from '../../../src/engine/snapshots';
import type { Period } from '../../../src/engine/periods';
import { accountData } from '../../../src/shapes/store-data';
import type { StoreChanges } from '../../../src/shapes/account-store';
import type { AmoLead, AmoTask, AmoUser } from '../../../src/shapes/amocrm';
import { nodeBigQuery, type NodeBigQuery } from './bigquery-node';

jest.setTimeout(900000);

const RUNS = Number(process.env.PROPERTY_RUNS ?? 15);

const P = 1001;
const P2 = 2002;
const STATUSES: Array<[number, number]> = [
  [P, 11],
  [P, 12],
  [P, 13],
  [P, 14],
  [P, 15],
  [P, 142],
  [P, 143],
  [P2, 21],
  [P2, 22],
  [P2, 142],
  [P2, 143],
];
const USERS: AmoUser[] = [
  { id: 1, name: 'Анна', rights: { is_active: true } },
  { id: 2, name: 'Борис', rights: { is_active: true } },
  { id: 3, name: 'Вера', rights: { is_active: false } },
];
/** 4 owns deals but is no longer in /users (deleted) */
const OWNERS = [1, 2, 3, 4];
const NOW = Date.parse('2026-04-02T07:30:00Z');
const WINDOW_START = NOW / 1000 - 70 * 86400;
/** moves start this long before the window (their reaches are kept, not their events) */
const BEFORE = 25 * 86400;
const DAY = 86400;

interface Step {
  dt: number;
  kind: 'move' | 'owner';
  to: number;
  /** amoCRM sent no status before the move */
  noBefore: boolean;
}
interface LeadPlan {
  created: number;
  initial: number;
  owner: number;
  steps: Step[];
  trashed: boolean;
  tasks: Array<{
    onLead: boolean;
    done: 'open' | 'event' | 'noEvent' | 'reopened';
    meeting: boolean;
    created: number;
    due: number;
    doneAfter: number;
    owner: number;
  }>;
}

const step: fc.Arbitrary<Step> = fc.record({
  // 0: within the same second as the step before (the chain rule)
  dt: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 * DAY })),
  kind: fc.constantFrom<'move' | 'owner'>('move', 'move', 'owner'),
  to: fc.integer({ min: 0, max: 10 }),
  noBefore: fc.integer({ min: 0, max: 9 }).map((x) => x === 0),
});

const leadPlan: fc.Arbitrary<LeadPlan> = fc.record({
  created: fc.integer({ min: 0, max: 94 * DAY }),
  initial: fc.integer({ min: 0, max: STATUSES.length - 1 }),
  owner: fc.constantFrom(...OWNERS),
  steps: fc.array(step, { maxLength: 9 }),
  trashed: fc.boolean().map((b) => b && Math.random() < 0.15),
  tasks: fc.array(
    fc.record({
      onLead: fc.boolean(),
      done: fc.constantFrom<'open' | 'event' | 'noEvent' | 'reopened'>(
        'open',
        'event',
        'noEvent',
        'reopened',
      ),
      meeting: fc.boolean(),
      created: fc.integer({ min: 0, max: 40 * DAY }),
      due: fc.integer({ min: -5 * DAY, max: 20 * DAY }),
      doneAfter: fc.integer({ min: 0, max: 10 * DAY }),
      owner: fc.constantFrom(...OWNERS),
    }),
    { maxLength: 3 },
  ),
});

interface AccountPlan {
  leads: LeadPlan[];
  zone: string;
  skipped: boolean;
  heldFromTasks: boolean;
  tasksSelected: boolean;
  bothPipelines: boolean;
}

const accountPlan: fc.Arbitrary<AccountPlan> = fc.record({
  leads: fc.array(leadPlan, { minLength: 20, maxLength: 60 }),
  zone: fc.constantFrom('Europe/Moscow', 'Europe/Berlin', 'Asia/Kamchatka'),
  skipped: fc.boolean(),
  heldFromTasks: fc.boolean(),
  tasksSelected: fc.boolean(),
  bothPipelines: fc.boolean(),
});

/** The records one full sync would fetch for the plan. */
function records(plan: AccountPlan): StoreChanges {
  const nowS = NOW / 1000;
  const start = WINDOW_START - BEFORE;
  const leads: AmoLead[] = [];
  const tasks: AmoTask[] = [];
  const events: StoreChanges['events'] = [];
  const deletedLeads: Array<[number, number]> = [];
  let seq = 0;
  // ids in a random-looking order, so a second's tie goes by id, not by the order written
  const eventId = () => `e${String((++seq * 7919) % 100000).padStart(6, '0')}`;
  plan.leads.forEach((p, i) => {
    const id = 5000 + i;
    const created = Math.min(start + p.created, nowS - 3600);
    let [pipeline, status] = STATUSES[p.initial] ?? [P, 11];
    let owner = p.owner;
    let at = created;
    for (const s of p.steps) {
      at = Math.min(at + s.dt, nowS - 60);
      if (s.kind === 'move') {
        const [np, ns] = STATUSES[s.to] ?? [P, 11];
        if (np === pipeline && ns === status) continue;
        events.push([
          eventId(),
          0,
          id,
          at,
          0,
          np,
          ns,
          ...(s.noBefore ? [-1, -1] : [pipeline, status]),
        ]);
        [pipeline, status] = [np, ns];
      } else {
        const to = OWNERS[s.to % OWNERS.length] ?? 1;
        if (to === owner) continue;
        events.push([eventId(), 1, id, at, 0, to, -1, owner, -1]);
        owner = to;
      }
    }
    const closed = status === 142 || status === 143;
    const lead: AmoLead = {
      id,
      name: `Сделка ${id} <&>`,
      responsible_user_id: owner,
      status_id: status,
      pipeline_id: pipeline,
      created_at: created,
      updated_at: Math.max(at, created),
      closed_at: closed ? at : null,
      closest_task_at: null,
    };
    p.tasks.forEach((t, k) => {
      const tid = 90000 + i * 10 + k;
      const tCreated = Math.min(created + t.created, nowS - 120);
      const doneAt = Math.min(tCreated + t.doneAfter, nowS - 60);
      const completed = t.done === 'event' || t.done === 'noEvent';
      tasks.push({
        id: tid,
        responsible_user_id: t.owner,
        entity_id: t.onLead ? id : 700 + i,
        entity_type: t.onLead ? 'leads' : 'contacts',
        is_completed: completed,
        task_type_id: t.meeting ? 2 : 1,
        complete_till: tCreated + t.due,
        created_at: tCreated,
        updated_at: t.done === 'open' ? tCreated : doneAt,
      });
      if (t.done === 'event' || t.done === 'reopened')
        events.push([eventId(), 2, tid, doneAt, 0, -1, -1, -1, -1]);
      if (t.onLead && !completed && lead.closest_task_at === null)
        lead.closest_task_at = tCreated + t.due;
    });
    if (p.trashed) deletedLeads.push([id, nowS - 30]);
    else leads.push(lead);
  });
  return {
    kind: 'full',
    account: {
      id: 77,
      name: 'Демо',
      subdomain: 'demo',
      _embedded: { datetime_settings: { timezone: plan.zone, timezone_offset: '+00:00' } },
    },
    users: USERS,
    pipelines: [],
    leads,
    tasks,
    events,
    deletedLeads,
    deletedTasks: [],
    since: WINDOW_START - BEFORE - DAY,
    until: nowS,
    windowStart: WINDOW_START,
  };
}

function settingsOf(plan: AccountPlan): EngineSettings {
  return defaultEngineSettings({
    pipelineIds: plan.bothPipelines ? [P, P2] : [P],
    stages: {
      meetingsScheduled: [{ pipelineId: P, statusId: 12 }],
      meetingsHeld: [{ pipelineId: P, statusId: 13 }],
      contractsSigned: [
        { pipelineId: P, statusId: 14 },
        { pipelineId: P2, statusId: 22 },
      ],
      advancesPaid: [{ pipelineId: P, statusId: 15 }],
    },
    countSkippedStages: plan.skipped,
    meetingsHeldFrom: plan.heldFromTasks ? 'tasks' : 'stage',
    tasksScope: plan.tasksSelected ? 'selectedPipelines' : 'all',
  });
}

/** the contract's order of figures: the funnel's (FLOW_FIGURES), completed tasks last */
const rank = (f: DayCount['figure']) => [...FLOW_FIGURES, COMPLETED_TASKS].indexOf(f);

/** The engine's credits and completed tasks as day counts. */
function engineDayCounts(ledger: Ledger, cal: Calendar, from: string, to: string): DayCount[] {
  const m = new Map<string, DayCount>();
  const add = (at: number, userId: number, figure: DayCount['figure']) => {
    const day = cal.dayKey(at);
    if (day < from || day > to) return;
    const key = `${day}|${userId}|${figure}`;
    const c = m.get(key) ?? { day, userId, figure, count: 0 };
    c.count++;
    m.set(key, c);
  };
  for (const c of ledger.credits) add(c.at, c.userId, c.figure);
  for (const c of ledger.completions) add(c.at, c.userId, COMPLETED_TASKS);
  return [...m.values()];
}

const sortCounts = (xs: DayCount[]) =>
  [...xs].sort(
    (a, b) => a.day.localeCompare(b.day) || a.userId - b.userId || rank(a.figure) - rank(b.figure),
  );

function engineItems(ledger: Ledger, start: number, end: number): FlowItem[] {
  const items: FlowItem[] = [];
  for (const c of ledger.credits)
    if (c.at >= start && c.at < end)
      items.push({
        userId: c.userId,
        figure: c.figure,
        at: c.at,
        ...(c.leadId !== undefined ? { leadId: c.leadId } : {}),
        ...(c.taskId !== undefined ? { taskId: c.taskId } : {}),
        ...(c.skipped ? { skipped: true } : {}),
      });
  for (const c of ledger.completions)
    if (c.at >= start && c.at < end)
      items.push({ userId: c.userId, figure: COMPLETED_TASKS, at: c.at, taskId: c.taskId });
  return items;
}

const sortItems = (xs: FlowItem[]) =>
  [...xs].sort(
    (a, b) =>
      a.at - b.at ||
      (a.leadId ?? a.taskId ?? 0) - (b.leadId ?? b.taskId ?? 0) ||
      rank(a.figure) - rank(b.figure),
  );

const plainIds = (m: Map<number, IdList>) =>
  Object.fromEntries([...m].filter(([, l]) => l.total > 0).map(([u, l]) => [u, l.ids]));

function engineStocks(d: StockDetail): Record<number, Record<string, number[]>> {
  const out: Record<number, Record<string, number[]>> = {};
  for (const [u, items] of d.detail)
    out[u] = {
      inWork: [...items.inWork].sort((a, b) => a - b),
      openTasks: [...items.openTasks].sort((a, b) => a - b),
      overdueTasks: [...items.overdueTasks].sort((a, b) => a - b),
      leadsWithoutTasks: [...items.leadsWithoutTasks].sort((a, b) => a - b),
    };
  return out;
}

function sqlStocks(m: Map<number, StockFacts>): Record<number, Record<string, number[]>> {
  const out: Record<number, Record<string, number[]>> = {};
  for (const [u, s] of m) {
    for (const k of ['inWork', 'openTasks', 'overdueTasks', 'leadsWithoutTasks'] as const)
      expect(s[k].total).toBe(s[k].ids.length);
    out[u] = {
      inWork: s.inWork.ids,
      openTasks: s.openTasks.ids,
      overdueTasks: s.overdueTasks.ids,
      leadsWithoutTasks: s.leadsWithoutTasks.ids,
    };
  }
  return out;
}

/** A closed period of whole local days [first, last]. */
function periodOf(cal: Calendar, first: string, last: string): Period {
  const start = cal.startOf(Calendar.parse(first));
  const end = cal.startOf(cal.addDays(Calendar.parse(last), 1));
  return {
    kind: 'week',
    final: true,
    start,
    end,
    fullEnd: end,
    firstDay: first,
    lastDay: last,
    label: `${first}…${last}`,
  };
}

let bq: NodeBigQuery;
let accounts = 0;
beforeAll(() => {
  bq = nodeBigQuery();
});
afterAll(() => bq.close());

/** Loads the plan's account through the store's own commit; returns what the engine reads. */
function load(plan: AccountPlan) {
  const client = bq.client(`facts_${++accounts}`);
  const store = bigQueryStore({ client });
  const changes = records(plan);
  const head = {
    syncId: `sync_${accounts}`,
    until: changes.until,
    syncedAt: new Date(NOW).toISOString(),
  };
  const { data } = store.commit(
    {
      head,
      changes,
      merged: () => {
        throw new Error('the BigQuery store keeps no merged copy');
      },
    },
    null,
  );
  const account = accountData(data);
  if (!account) throw new Error('no account');
  return { client, account };
}

function check(plan: AccountPlan): void {
  const { client, account } = load(plan);
  const settings = settingsOf(plan);
  const cal = new Calendar(plan.zone, cachedOffset(intlOffset(plan.zone)));
  const ledger = buildLedger(account, settings);
  const heap = ledgerFacts(ledger, settings, cal);
  const facts = sqlFacts(
    client,
    { dataset: `${client.opts.projectId}.${client.opts.datasetId}`, windowStart: WINDOW_START },
    settings,
    cal,
    NOW,
  );
  const queriesBefore = client.stats.queries;

  // day counts: the whole window (one query), a range inside it (served from it), and days
  // from before the window (leads created then)
  const first = cal.dayKey(WINDOW_START * 1000);
  const today = cal.dayKey(NOW);
  const sqlWindow = facts.dayCounts(first, today);
  expect(sqlWindow).toEqual(sortCounts(engineDayCounts(ledger, cal, first, today)));
  expect(sqlWindow).toEqual(heap.dayCounts(first, today));
  const mid = cal.dayKey(NOW - 20 * DAY * 1000);
  expect(facts.dayCounts(mid, today)).toEqual(sortCounts(engineDayCounts(ledger, cal, mid, today)));
  const early = cal.dayKey((WINDOW_START - BEFORE - 100 * DAY) * 1000);
  expect(facts.dayCounts(early, today)).toEqual(
    sortCounts(engineDayCounts(ledger, cal, early, today)),
  );

  // the periods: the DST week of 2026 (29 March in Europe), a month, the window's first weeks
  const periods = [
    periodOf(cal, '2026-03-23', '2026-03-29'),
    periodOf(cal, '2026-03-01', '2026-03-31'),
    periodOf(cal, first, cal.dayKey(WINDOW_START * 1000 + 13 * DAY * 1000)),
  ];
  facts.prefetchPortfolio(periods, 100000);
  const input = { facts: heap, users: USERS, settings, calendar: cal, snapshots: [], now: NOW };
  for (const period of periods) {
    const span = { start: period.start, end: period.end };
    // the same list, in the same order, as the ledger's facts give it
    const items = facts.flowItems(span, 100000);
    expect(items).toEqual(heap.flowItems(span, 100000));
    expect(items.items).toEqual(sortItems(engineItems(ledger, span.start, span.end)));
    if (period === periods[1]) {
      // a capped source lists the earliest per user and figure and counts the rest
      const capped = facts.flowItems(span, 1);
      const all = sortItems(engineItems(ledger, span.start, span.end));
      const earliest = new Map<string, FlowItem>();
      for (const x of all)
        if (!earliest.has(`${x.userId}:${x.figure}`)) earliest.set(`${x.userId}:${x.figure}`, x);
      expect(capped.items).toEqual(sortItems([...earliest.values()]));
      for (const o of capped.omitted)
        expect(o.count).toBe(
          all.filter((x) => x.userId === o.userId && x.figure === o.figure).length - 1,
        );
      expect(capped.items.length + capped.omitted.reduce((s, o) => s + o.count, 0)).toBe(
        all.length,
      );
      // a cap of 0: no items, every one counted as left out
      const none = facts.flowItems(span, 0);
      expect(none.items).toEqual([]);
      expect(none.omitted.reduce((s, o) => s + o.count, 0)).toBe(all.length);
    }

    const rating = computeRating(input, period);
    const expected: Record<number, number[]> = {};
    for (const [u, ex] of Object.entries(rating.explain)) {
      const ids = (ex?.totalLeads ?? []).map((x) => x.lead ?? -1).sort((a, b) => a - b);
      if (ids.length) expected[Number(u)] = ids;
    }
    expect(plainIds(facts.portfolio(span, 100000))).toEqual(expected);
    // capped: the whole count stays, also with no ids at all
    for (const [u, l] of facts.portfolio(span, 0)) {
      expect(l.ids).toEqual([]);
      expect(l.total).toBe(expected[u]?.length);
    }
    for (const [u, l] of facts.portfolio(span, 2)) {
      expect(l.ids.length).toBeLessThanOrEqual(2);
      expect(l.total).toBe(expected[u]?.length);
    }
  }

  // portfolios asked one by one (as the engine asks): the first ask brings the periods a refresh
  // shows and the window's closed weeks, months and quarters (their counts) in the same query;
  // another closed week asked with its ids then runs its own
  const oneByOne = sqlFacts(
    client,
    { dataset: `${client.opts.projectId}.${client.opts.datasetId}`, windowStart: WINDOW_START },
    settings,
    cal,
    NOW,
  );
  const week = periods[0] ?? periodOf(cal, '2026-03-23', '2026-03-29');
  const earlierWeek = periodOf(cal, '2026-03-02', '2026-03-08');
  for (const period of [week, earlierWeek]) {
    const expected: Record<number, number[]> = {};
    for (const [u, ex] of Object.entries(computeRating(input, period).explain)) {
      const ids = (ex?.totalLeads ?? []).map((x) => x.lead ?? -1).sort((a, b) => a - b);
      if (ids.length) expected[Number(u)] = ids;
    }
    expect(plainIds(oneByOne.portfolio({ start: period.start, end: period.end }, 200))).toEqual(
      expected,
    );
  }

  // stocks now and at a past midnight (after the DST change), in one query
  const midnight = cal.startOf(Calendar.parse('2026-03-30'));
  facts.prefetchStocks(midnight);
  expect(sqlStocks(facts.stocks('current', NOW, 100000))).toEqual(
    engineStocks(currentStocks(ledger, settings, NOW)),
  );
  expect(sqlStocks(facts.stocks(midnight, NOW, 100000))).toEqual(
    engineStocks(stocksAt(ledger, settings, midnight)),
  );

  // names and deadlines of what is shown
  const leadIds = ledger.histories.slice(0, 5).map((h) => h.lead.id);
  const taskIds = ledger.tasks.slice(0, 5).map((t) => t.id);
  const details = facts.details(leadIds, taskIds);
  for (const h of ledger.histories.slice(0, 5))
    expect(details.leadName(h.lead.id)).toBe(h.lead.name);
  for (const t of ledger.tasks.slice(0, 5)) {
    expect(details.taskDue(t.id)).toBe(t.complete_till * 1000);
    expect(details.taskLead(t.id)).toBe(
      t.entity_type === 'leads' ? (t.entity_id ?? undefined) : undefined,
    );
  }
  // the jobs: the window's day counts (the range inside it served from them) and the days before
  // it, the items of three periods (the two capped asks served from the first answer), the
  // portfolios of the three (one batch) and of two weeks asked one by one (the first ask's batch,
  // then the earlier week's ids), the stocks now and at the midnight (one), the details (one)
  expect(client.stats.queries - queriesBefore).toBe(2 + 3 + 1 + 2 + 1 + 1);
}

test('SQL == engine over generated accounts (day counts, items, portfolios, stocks, details)', () => {
  fc.assert(
    fc.property(accountPlan, (plan) => {
      check(plan);
    }),
    {
      numRuns: RUNS,
      // each run loads an account: shrinking a failure would take many; PROPERTY_SHRINK=1 does it
      endOnFailure: !process.env.PROPERTY_SHRINK,
      seed: process.env.PROPERTY_SEED ? Number(process.env.PROPERTY_SEED) : undefined,
    },
  );
});
