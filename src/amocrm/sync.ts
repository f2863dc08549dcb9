/**
 * The sync loop: runs the plan (sync-plan.ts) against amoCRM within Apps Script's 6-minute runs,
 * losing nothing on failure. It verifies the store before using it, continues an unfinished sync
 * from the staging sheet, checkpoints before it runs out of time, and replaces the store the
 * rating reads only when every step is complete. The caller holds the job lock.
 */
import { AmoError } from './errors';
import { AmoHttp } from './http';
import { loadConnection } from './connection';
import { accountOf, eventsPage, leadsPage, pipelinesOf, tasksPage, usersPage } from './responses';
import { parseRows, StoreCorrupt, type PreviousStore } from './store-codec';
import { readBlocks, segmentText, STORE_EXPECTED_KEY, writeBlocks } from './store';
import {
  baseSegments,
  decodeStore,
  eventSegments,
  rowTask,
  storeSegments,
  type StoreData,
} from './store-data';
import {
  BATCH,
  emptyStaging,
  historyWindowStart,
  isLastPage,
  listOf,
  mergeEvents,
  mergeLeads,
  mergeStaged,
  mergeTasks,
  newSyncState,
  openStatusChunks,
  PAGE,
  planOpenLeads,
  planReread,
  requestFor,
  tasksToLocate,
  type Staging,
  type Step,
  type SyncState,
} from './sync-plan';
import { dropStaging, loadStaging, saveStaging } from './sync-state';
import { saveRecord, type SyncRecord } from './sync-record';

/** stop fetching after this long, leaving time to write what was fetched */
export const FETCH_BUDGET_MS = 4.5 * 60 * 1000;

export interface SyncOptions {
  /** stop fetching after this moment (ms), leaving time to write what was fetched */
  deadline: number;
}

export interface SyncResult {
  outcome: SyncRecord['outcome'];
  record: SyncRecord;
  /** the store as committed (a complete sync): the refresh computes from it without reading it again */
  data?: StoreData;
  manifest?: { until: number; syncedAt: string; syncId: string };
  /** the store was missing or damaged and is being rebuilt by a full reload */
  storeProblem?: string;
}

function props() {
  return PropertiesService.getDocumentProperties();
}

/** The committed store's blocks, verified; null when there is none or it must be rebuilt. */
function verifiedStore(): { blocks: PreviousStore | null; problem?: string } {
  let blocks: PreviousStore | null;
  try {
    blocks = readBlocks('store');
  } catch (e) {
    if (!(e instanceof StoreCorrupt)) throw e;
    return { blocks: null, problem: e.detail };
  }
  if (!blocks && props().getProperty(STORE_EXPECTED_KEY))
    return { blocks: null, problem: 'the store sheet was deleted' };
  return { blocks };
}

/** Decodes a verified store (one segment at a time). */
export function decodeBlocks(blocks: PreviousStore): StoreData {
  return decodeStore(
    Object.keys(blocks.manifest.segments),
    (name) => segmentText(blocks, name),
    (name) => blocks.manifest.segments[name]?.items ?? 0,
  );
}

/** Reads and verifies the committed store (for a publish without a sync). */
export function readCommittedStore(): {
  data: StoreData;
  manifest: PreviousStore['manifest'];
} | null {
  const { blocks, problem } = verifiedStore();
  if (problem) throw new StoreCorrupt(problem);
  if (!blocks) return null;
  return { data: decodeBlocks(blocks), manifest: blocks.manifest };
}

/**
 * The lead each of `wanted` tasks is on in the committed store. Only the tasks segment is
 * parsed, and only these ids are kept: the rest of the store is decoded once, when the sync
 * completes.
 */
function storedTaskLeads(
  blocks: PreviousStore | null,
  wanted: ReadonlySet<number>,
): Map<number, number> {
  const out = new Map<number, number>();
  const info = blocks?.manifest.segments.tasks;
  if (!blocks || !info || !wanted.size) return out;
  parseRows('tasks', segmentText(blocks, 'tasks'), info.items).forEach((r, i) => {
    const id = r[0]; // a damaged row is refused by the full decode when the sync completes
    if (typeof id !== 'number' || !wanted.has(id)) return;
    const t = rowTask(r, 'tasks', i);
    if (t.entity_type === 'leads' && t.entity_id !== null) out.set(t.id, t.entity_id);
  });
  return out;
}

function newId(now: number): string {
  return `${now.toString(36)}-${Math.floor(Math.random() * 1e9).toString(36)}`;
}

/** Runs (or continues) a sync. Returns when it completed, or stopped to continue next time. */
export function runSync(opts: SyncOptions): SyncResult {
  const runStart = Date.now();
  const verified = verifiedStore();
  let blocks = verified.blocks;
  let storeProblem = verified.problem;

  let loaded: ReturnType<typeof loadStaging> = null;
  let checkpointProblem: string | undefined;
  try {
    loaded = loadStaging();
  } catch (e) {
    if (!(e instanceof StoreCorrupt)) throw e;
    dropStaging(); // a damaged checkpoint: start the sync over, and say so
    checkpointProblem = e.detail;
  }
  if (loaded && loaded.state.id === blocks?.manifest.syncId) {
    // the last run committed its store and stopped before removing the staging sheet
    dropStaging();
    props().setProperty(STORE_EXPECTED_KEY, blocks.manifest.syncId);
    loaded = null;
  }
  if (storeProblem && loaded?.state.kind === 'incremental') {
    dropStaging(); // an incremental sync cannot finish without its store
    loaded = null;
  }
  if (storeProblem) {
    blocks = null;
    props().deleteProperty(STORE_EXPECTED_KEY);
  }

  const state: SyncState =
    loaded?.state ?? newSyncState(newId(runStart), runStart, blocks?.manifest.until ?? null);
  const staging: Staging = loaded?.staging ?? emptyStaging();
  state.executions++;
  const connection = loadConnection();
  const http = connection?.auth ? new AmoHttp(connection) : null;
  const record = (outcome: SyncRecord['outcome'], error?: AmoError): SyncRecord => ({
    startedAt: new Date(state.startedAt).toISOString(),
    endedAt: new Date().toISOString(),
    kind: state.kind,
    outcome,
    executions: state.executions,
    requests: state.requests + (http?.stats.requests ?? 0),
    retries: state.retries + (http?.stats.retries ?? 0),
    items: { leads: staging.leads.size, tasks: staging.tasks.size, events: staging.events.size },
    ...(error ? { error: error.message, errorCode: error.code } : {}),
    ...(storeProblem ? { storeProblem } : {}),
    ...(checkpointProblem ? { checkpointProblem } : {}),
  });
  const keepStats = () => {
    state.requests += http?.stats.requests ?? 0;
    state.retries += http?.stats.retries ?? 0;
    if (http) http.stats.requests = http.stats.retries = 0;
  };
  const checkpoint = (): SyncResult => {
    keepStats();
    saveStaging(state, staging);
    const r = record('partial');
    saveRecord(r);
    return { outcome: 'partial', record: r, ...(storeProblem ? { storeProblem } : {}) };
  };

  try {
    if (!http || !connection) throw new AmoError('not_configured');
    const outOfTime = () => Date.now() > opts.deadline;
    for (const s of state.steps) {
      if (s.done) continue;
      if (outOfTime()) return checkpoint();
      if (s.name === 'meta') {
        fetchMeta(http, staging, opts.deadline);
        if (!staging.account) return checkpoint();
        if (state.kind === 'full')
          planOpenLeads(state, openStatusChunks(staging.pipelines, connection.baseUrl));
        s.done = true;
        continue;
      }
      if (s.name === 'rereadLeads' && !state.rereadPlanned) {
        planReread(
          state,
          staging,
          state.kind === 'incremental'
            ? storedTaskLeads(blocks, tasksToLocate(staging))
            : undefined,
        );
        if (!state.rereadIds.length) {
          s.done = true;
          continue;
        }
      }
      while (!s.done) {
        if (outOfTime()) return checkpoint();
        fetchBatch(http, state, s, staging);
      }
    }

    // complete: fold the staged changes into the store the rating reads
    keepStats();
    const windowStart = historyWindowStart(state.startedAt);
    const current = blocks && state.kind === 'incremental' ? decodeBlocks(blocks) : null;
    const { data, dirtyMonths } = mergeStaged(current, staging, state, windowStart);
    const segments = current
      ? {
          ...Object.fromEntries(
            Object.keys(blocks?.manifest.segments ?? {})
              .filter((n) => n.startsWith('events:'))
              .map((n) => [n, 'unchanged' as const]),
          ),
          ...baseSegments(data),
          ...eventSegments(data.events, dirtyMonths),
        }
      : storeSegments(data);
    // months that emptied out are left out
    for (const m of dirtyMonths) {
      const key = `events:${m}`;
      if (segments[key] === 'unchanged') delete segments[key];
    }
    const syncedAt = new Date().toISOString();
    const manifest = writeBlocks(
      'store',
      { syncId: state.id, until: state.until, syncedAt },
      segments,
      blocks,
    );
    props().setProperty(STORE_EXPECTED_KEY, state.id);
    dropStaging();
    const r = record('complete');
    saveRecord(r);
    return {
      outcome: 'complete',
      record: r,
      data,
      manifest: { until: manifest.until, syncedAt: manifest.syncedAt, syncId: manifest.syncId },
      ...(storeProblem ? { storeProblem } : {}),
    };
  } catch (e) {
    if (e instanceof StoreCorrupt) {
      storeProblem = e.detail;
      props().deleteProperty(STORE_EXPECTED_KEY);
    }
    const err =
      e instanceof AmoError
        ? e
        : new AmoError('server', e instanceof Error ? e.message : String(e));
    keepStats();
    // keep what was fetched: the next run continues from here
    if (loaded || staging.account) saveStaging(state, staging);
    const r = record('failed', err);
    saveRecord(r);
    return { outcome: 'failed', record: r, ...(storeProblem ? { storeProblem } : {}) };
  }
}

/** The account, its pipelines and users: small, always fetched whole. */
function fetchMeta(http: AmoHttp, staging: Staging, deadline: number): void {
  const [account, pipelines] = http.getAll([
    { path: '/api/v4/account', query: 'with=datetime_settings,task_types,is_api_filter_enabled' },
    { path: '/api/v4/leads/pipelines', query: '' },
  ]);
  const acc = accountOf(account);
  const pipes = pipelinesOf(pipelines);
  const users = [];
  for (let page = 1; ; page++) {
    if (Date.now() > deadline) return; // the meta step starts over next time
    const p = usersPage(http.get('/api/v4/users', `limit=${PAGE}&page=${page}`));
    users.push(...p.items);
    if (!p.hasNext || p.items.length < PAGE) break;
  }
  // all three or nothing: a staging with an account but no users is never kept
  staging.account = acc;
  staging.pipelines = pipes;
  staging.users = users;
}

/**
 * Up to BATCH pages of a step in one fetchAll, merged in order. The batch widens as the list
 * proves long (1, 2, 4, then 7 pages): a daily sync's lists are a page or two, and speculative
 * requests for pages that turn out empty would be waste.
 */
function fetchBatch(http: AmoHttp, state: SyncState, s: Step, staging: Staging): void {
  const pages: number[] = [];
  const reqs = [];
  const width = Math.min(BATCH, s.nextPage);
  for (let k = 0; k < width; k++) {
    const r = requestFor(state, s, s.nextPage + k);
    if (!r) break;
    pages.push(s.nextPage + k);
    reqs.push(r);
  }
  if (!reqs.length) {
    s.done = true;
    return;
  }
  const answers = http.getAll(reqs);
  const list = listOf(s.name);
  for (let k = 0; k < answers.length; k++) {
    const json = answers[k];
    const page = pages[k] ?? s.nextPage;
    let fetched: number;
    let hasNext: boolean;
    if (list === 'events') {
      const p = eventsPage(json);
      mergeEvents(state, staging, p.items);
      fetched = rawCount(json, 'events');
      hasNext = p.hasNext;
    } else if (list === 'tasks') {
      const p = tasksPage(json);
      mergeTasks(staging, p.items);
      fetched = p.items.length;
      hasNext = p.hasNext;
    } else {
      const p = leadsPage(json);
      mergeLeads(staging, p.items);
      fetched = p.items.length;
      hasNext = p.hasNext;
    }
    s.nextPage = page + 1;
    if (isLastPage(state, s, page, fetched, hasNext)) {
      s.done = true;
      break;
    }
  }
}

/** Items on a page before dropping the event types the rating does not read. */
function rawCount(json: unknown, key: string): number {
  if (!json || typeof json !== 'object') return 0;
  const list = (json as { _embedded?: Record<string, unknown> })._embedded?.[key];
  return Array.isArray(list) ? list.length : 0;
}
