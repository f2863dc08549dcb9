/**
 * The sync job: runs the plan (amocrm/sync-plan.ts) against amoCRM within Apps Script's 6-minute
 * runs, losing nothing on failure. It verifies the store before using it, continues an unfinished
 * sync from its checkpoint, checkpoints before it runs out of time, and replaces the store the
 * rating reads only when every step is complete. The caller holds the job lock.
 */
import { loadConnection } from '../../amocrm/connection';
import { AmoError, OutOfTime } from '../../amocrm/errors';
import { AmoHttp } from '../../amocrm/http';
import { emptyStaging, type Staging } from '../../amocrm/staging';
import { fetchBatch, fetchMeta } from '../../amocrm/sync-fetch';
import { mergeStaged } from '../../amocrm/sync-merge';
import {
  historyWindowStart,
  newSyncState,
  openStatusChunks,
  planOpenLeads,
  planReread,
  tasksToLocate,
  type SyncState,
} from '../../amocrm/sync-plan';
import {
  nextOddStanding,
  readOddStanding,
  saveOddStanding,
  saveRecord,
  type SyncRecord,
} from '../../amocrm/sync-record';
import type { StoreData } from '../../shapes/store-data';
import { StoreCorrupt } from '../../storage/store-codec';
import type {
  AccountStore,
  AppendingStore,
  OpenedStore,
  StoreChanges,
} from '../../shapes/account-store';
import { chosenStore } from '../store-choice';
import { BigQueryError } from '../../bigquery/bigquery-api';
import { STORE_UNAVAILABLE_CODE } from '../store-failure';
import { measureDeals } from '../../amocrm/account-size';
import { storeText } from '../../i18n/store-texts';
import { currentLanguage } from '../../settings/language';
import {
  ceilingDeals,
  MAX_SEGMENT_BYTES,
  saveMeasure,
  StoreFull,
} from '../../storage/store-ceiling';
import {
  dropStaging,
  loadStaging,
  noneAppended,
  saveStaging,
  type Appended,
} from './sync-checkpoint';

/** the sync record's errorCode when the spreadsheet store refused the account */
export const STORE_FULL_CODE = 'store_full';

/** stop fetching after this long, leaving time to write what was fetched */
export const FETCH_BUDGET_MS = 4.5 * 60 * 1000;

/**
 * A first sync into a store that takes records as fetched (BigQuery) appends a group of pages
 * once it holds this many records, or its step is done: a few MB a load job, and far fewer loads
 * than the 1,500 a table a day BigQuery allows even at millions of events.
 */
export const GROUP_RECORDS = 10000;
/**
 * No fetch may end later than this after the fetch deadline (5.5 minutes into the run), judged
 * before it starts by the slowest fetch of the run so far (a fetchAll cannot be interrupted):
 * the last half minute is kept for the checkpoint.
 */
const FETCH_OVERRUN_MS = 60 * 1000;
/**
 * A group's fetches (a first sync on BigQuery) end by 5 minutes into the run: its load (polled
 * until STORE_BUDGET_MS) and the checkpoint follow. A group begun may go on fetching until then;
 * one that would not end by then is cut where it stands, so even an amoCRM that answers in 90 s
 * moves on.
 */
const GROUP_OVERRUN_MS = 30 * 1000;
/** BigQuery's waits (a load polled to DONE) may run this long into the 6-minute execution */
const STORE_BUDGET_MS = 5.5 * 60 * 1000;

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

/** One run of a sync: what it started from and what it has fetched so far. */
interface Run {
  state: SyncState;
  staging: Staging;
  /** where the account's data is kept (the spreadsheet, or BigQuery) */
  store: AccountStore;
  /** the committed store this sync builds on (null: none, or being rebuilt) */
  committed: OpenedStore | null;
  /** a checkpoint was loaded: the sync continues an earlier run */
  continued: boolean;
  storeProblem?: string;
  checkpointProblem?: string;
  http: AmoHttp | null;
  /** the records the store took already (a first sync that appends as it fetches) */
  appended: Appended;
  /** the pages fetched since the last append: the step's index and its first page */
  group: { step: number; first: number } | null;
}

function newId(now: number): string {
  return `${now.toString(36)}-${Math.floor(Math.random() * 1e9).toString(36)}`;
}

/** The store verified and the checkpoint loaded (or dropped, when it cannot be continued). */
function openRun(runStart: number, deadline: number): Run {
  const store = chosenStore(runStart + STORE_BUDGET_MS);
  const verified = store.open();
  let committed = verified.store;
  const storeProblem = verified.problem;
  let loaded: ReturnType<typeof loadStaging> = null;
  let checkpointProblem: string | undefined;
  try {
    loaded = loadStaging();
  } catch (e) {
    if (!(e instanceof StoreCorrupt)) throw e;
    dropStaging(); // a damaged checkpoint: start the sync over, and say so
    checkpointProblem = e.detail;
  }
  if (loaded && loaded.state.id === committed?.head.syncId) {
    // the last run committed its store and stopped before removing the staging sheet
    dropStaging();
    store.confirm(committed.head.syncId);
    loaded = null;
  }
  if (storeProblem && loaded?.state.kind === 'incremental') {
    dropStaging(); // an incremental sync cannot finish without its store
    loaded = null;
  }
  if (storeProblem) {
    committed = null;
    store.forget();
  }
  const state =
    loaded?.state ?? newSyncState(newId(runStart), runStart, committed?.head.until ?? null);
  state.executions++;
  const connection = loadConnection();
  return {
    state,
    staging: loaded?.staging ?? emptyStaging(),
    store,
    committed,
    continued: loaded !== null,
    ...(storeProblem ? { storeProblem } : {}),
    ...(checkpointProblem ? { checkpointProblem } : {}),
    http: connection?.auth
      ? new AmoHttp(connection, { deadline, fetchBy: deadline + FETCH_OVERRUN_MS })
      : null,
    appended: loaded?.appended ?? noneAppended(),
    group: null,
  };
}

function recordOf(run: Run, outcome: SyncRecord['outcome'], error?: AmoError): SyncRecord {
  const { state, staging, http } = run;
  return {
    startedAt: new Date(state.startedAt).toISOString(),
    endedAt: new Date().toISOString(),
    kind: state.kind,
    outcome,
    executions: state.executions,
    requests: state.requests + (http?.stats.requests ?? 0),
    retries: state.retries + (http?.stats.retries ?? 0),
    items: {
      leads: run.appended.leads + staging.leads.size,
      tasks: run.appended.tasks + staging.tasks.size,
      events: run.appended.events + staging.events.size,
    },
    ...(staging.odd.size ? { odd: staging.odd.size } : {}),
    ...(error ? { error: error.message, errorCode: error.code } : {}),
    ...(run.storeProblem ? { storeProblem: run.storeProblem } : {}),
    ...(run.checkpointProblem ? { checkpointProblem: run.checkpointProblem } : {}),
  };
}

/** The HTTP counts move into the state, which outlives this run. */
function keepStats(run: Run): void {
  const { state, http } = run;
  state.requests += http?.stats.requests ?? 0;
  state.retries += http?.stats.retries ?? 0;
  if (http) http.stats.requests = http.stats.retries = 0;
}

function ended(run: Run, outcome: SyncRecord['outcome'], error?: AmoError): SyncResult {
  const record = recordOf(run, outcome, error);
  saveRecord(record);
  return { outcome, record, ...(run.storeProblem ? { storeProblem: run.storeProblem } : {}) };
}

/** Progress saved; the next run continues. `error`: why it stopped early (amoCRM asked to wait). */
function checkpoint(run: Run, error?: AmoError): SyncResult {
  keepStats(run);
  dropGroup(run);
  saveStaging(run.state, run.staging, run.appended);
  return ended(run, 'partial', error);
}

/** The store that takes this sync's records as they are fetched, if it does (a first sync). */
function appendingTo(run: Run): AppendingStore | null {
  return run.state.kind === 'full' ? (run.store.appending ?? null) : null;
}

const fetchedRecords = (st: Staging) => st.leads.size + st.tasks.size + st.events.size;

/**
 * Appends the group of pages fetched since the last append, then checkpoints the cursor past
 * them. The load's id is the sync, the step and the group's pages: a run killed after the load
 * and before the checkpoint fetches the same pages again, and BigQuery refuses the same id — the
 * records are appended once.
 */
function appendGroup(run: Run, target: AppendingStore): void {
  const { group, state, staging } = run;
  if (!group) return;
  const step = state.steps[group.step];
  const last = (step?.nextPage ?? group.first) - 1;
  if (state.groupCut?.step === group.step && state.groupCut.first === group.first)
    delete state.groupCut;
  target.append(
    `${state.id}_s${group.step}_p${group.first}-${last}`,
    state.id,
    // every record of the sync carries its start: before any later sync's, after any earlier one's
    new Date(state.startedAt).toISOString(),
    {
      leads: [...staging.leads.values()],
      tasks: [...staging.tasks.values()],
      events: [...staging.events].map(([id, row]): [string, ...number[]] => [id, ...row]),
    },
  );
  run.appended.leads += staging.leads.size;
  run.appended.tasks += staging.tasks.size;
  run.appended.events += staging.events.size;
  staging.leads.clear();
  staging.tasks.clear();
  staging.events.clear();
  run.group = null;
  keepStats(run);
  saveStaging(state, staging, run.appended);
}

/**
 * The run has no time for the group's next pages: the pages fetched so far are appended as a
 * group of their own. The cut is checkpointed first, with the cursor at the group's start: a run
 * killed after the load fetches the same pages again and sends the same load (refused as a
 * duplicate), rather than a group cut elsewhere that would append records twice.
 */
function cutGroup(run: Run, target: AppendingStore): void {
  const { group, state, staging } = run;
  const step = group ? state.steps[group.step] : undefined;
  if (!group || !step) return;
  state.groupCut = { step: group.step, first: group.first, last: step.nextPage - 1 };
  const { nextPage, done } = step;
  step.nextPage = group.first;
  step.done = false;
  keepStats(run);
  saveStaging(
    state,
    { ...staging, leads: new Map(), tasks: new Map(), events: new Map() },
    run.appended,
  );
  step.nextPage = nextPage;
  step.done = done;
  appendGroup(run, target);
}

/** A group not appended (the run stops mid-group): its pages are fetched again next time. */
function dropGroup(run: Run): void {
  const { group, state, staging } = run;
  if (!group) return;
  const step = state.steps[group.step];
  if (step) {
    step.nextPage = group.first;
    step.done = false;
  }
  staging.leads.clear();
  staging.tasks.clear();
  staging.events.clear();
  run.group = null;
}

/**
 * A first sync measures the history window before loading it, and the spreadsheet store refuses
 * an account past its ceiling — in words, before Apps Script's limits would stop it mid-load.
 */
function refuseOverCeiling(http: AmoHttp, state: SyncState, store: AccountStore): void {
  const size = measureDeals(http, state.since);
  saveMeasure({
    deals: size.deals,
    exact: size.exact,
    since: size.since,
    at: new Date().toISOString(),
  });
  const ceiling = ceilingDeals();
  if (store.kind === 'spreadsheet' && size.deals > ceiling)
    throw new StoreFull(size.deals, ceiling);
}

/** The words of a refusal, with the numbers. */
function storeFullText(e: StoreFull, staging: Staging, store: AccountStore): string {
  const lang = currentLanguage();
  if (e.deals !== null) return storeText(lang, 'storeFull', { deals: e.deals, ceiling: e.ceiling });
  const mb = (b: number) => Math.round(b / 1024 / 1024);
  // the BigQuery store's checkpoint holds an incremental sync's records (a first sync's go
  // straight to BigQuery): too big to pack only for a sync that fell weeks behind
  if (store.kind === 'bigquery')
    return storeText(lang, 'stagingFull', { mb: mb(e.bytes ?? 0), deals: staging.leads.size });
  return storeText(lang, 'storeFullBytes', {
    mb: mb(e.bytes ?? 0),
    maxMb: mb(MAX_SEGMENT_BYTES),
    deals: staging.leads.size,
    ceiling: e.ceiling,
  });
}

/** Runs the plan's steps until all are done (true) or the deadline comes (false). */
function runSteps(run: Run, http: AmoHttp, baseUrl: string, deadline: number): boolean {
  const { state, staging } = run;
  const outOfTime = () => Date.now() > deadline;
  const target = appendingTo(run);
  for (const [i, s] of state.steps.entries()) {
    if (s.done) continue;
    if (outOfTime()) return false;
    if (s.name === 'meta') {
      fetchMeta(http, staging, deadline);
      if (!staging.account) return false;
      if (state.kind === 'full') {
        refuseOverCeiling(http, state, run.store);
        planOpenLeads(state, openStatusChunks(staging.pipelines, baseUrl));
      }
      s.done = true;
      continue;
    }
    if (s.name === 'rereadLeads' && !state.rereadPlanned) {
      if (target) {
        // the fetched leads and tasks are in the store, not here: it says which to read by id
        state.rereadIds = target.leadsToReread(state.id, [...staging.restored]);
        state.rereadPlanned = true;
      } else {
        const stored =
          state.kind === 'incremental'
            ? run.committed?.taskLeads(tasksToLocate(staging))
            : undefined;
        planReread(state, staging, stored);
      }
      if (!state.rereadIds.length) {
        s.done = true;
        continue;
      }
    }
    while (!s.done) {
      const fits = http.fitsBefore(deadline + (target ? GROUP_OVERRUN_MS : FETCH_OVERRUN_MS));
      if (run.group === null) {
        if (outOfTime() || !fits) return false;
        if (target) run.group = { step: i, first: s.nextPage };
      }
      // a group cut short by an earlier run ends where it was cut: the same pages, the same load
      const cut = state.groupCut;
      const recut = cut && run.group && cut.step === i && cut.first === run.group.first;
      const last = recut ? cut.last : Infinity;
      if (run.group && !fits && target) {
        // a group begun is fetched whole (its pages name its load) while time allows; a cut one
        // again is fetched whole next time, not cut elsewhere
        if (!recut) cutGroup(run, target);
        return false;
      }
      fetchBatch(http, state, s, staging, last);
      if (target && (s.done || s.nextPage > last || fetchedRecords(staging) >= GROUP_RECORDS))
        appendGroup(run, target);
    }
  }
  return true;
}

/** What the sync fetched, as plain records: the form a store that appends them keeps. */
function changesOf(run: Run, windowStart: number): StoreChanges | null {
  const { state, staging } = run;
  if (!staging.account) return null;
  return {
    kind: state.kind,
    account: staging.account,
    users: staging.users,
    pipelines: staging.pipelines,
    leads: [...staging.leads.values()],
    tasks: [...staging.tasks.values()],
    events: [...staging.events].map(([id, row]): [string, ...number[]] => [id, ...row]),
    deletedLeads: [...staging.deleted].filter(([id]) => !staging.restored.has(id)),
    deletedTasks: [...staging.deletedTasks],
    since: state.since,
    until: state.until,
    windowStart,
  };
}

/** Every step done: fold the staged changes into the store the rating reads. */
function complete(run: Run): SyncResult {
  keepStats(run);
  const { state, committed, store } = run;
  const windowStart = historyWindowStart(state.startedAt);
  // before the commit: a run that dies between the two redoes this step, which is idempotent
  const { staging } = run;
  saveOddStanding(
    nextOddStanding(state.kind === 'full' ? null : readOddStanding(), {
      full: state.kind === 'full',
      fetchedGood: (r) =>
        r.list === 'leads'
          ? staging.leads.has(Number(r.id))
          : r.list === 'tasks'
            ? staging.tasks.has(Number(r.id))
            : r.list === 'events' && staging.events.has(r.id),
      odd: staging.odd.values(),
    }),
  );
  const changes = changesOf(run, windowStart);
  if (!changes) throw new AmoError('server', 'a completed sync without the account');
  const { head, data } = store.commit(
    {
      head: { syncId: state.id, until: state.until, syncedAt: new Date().toISOString() },
      changes,
      merged: () => {
        const incremental = committed && state.kind === 'incremental' ? committed.read() : null;
        const m = mergeStaged(incremental, staging, state, windowStart);
        return { data: m.data, dirtyMonths: incremental ? m.dirtyMonths : null };
      },
    },
    committed,
  );
  dropStaging();
  return {
    ...ended(run, 'complete'),
    data,
    manifest: { until: head.until, syncedAt: head.syncedAt, syncId: head.syncId },
  };
}

/** Runs (or continues) a sync. Returns when it completed, or stopped to continue next time. */
export function runSync(opts: SyncOptions): SyncResult {
  const run = openRun(Date.now(), opts.deadline);
  try {
    return runOnce(run, opts);
  } catch (e) {
    // also from a checkpoint's own write: a staging too big to pack is the same refusal
    if (e instanceof StoreFull) return refused(run, e);
    throw e;
  }
}

/** The spreadsheet store cannot hold the account: nothing is kept, and the record says why. */
function refused(run: Run, e: StoreFull): SyncResult {
  // a later first sync measures again (after the head chose another store)
  keepStats(run);
  dropStaging();
  const record = { ...recordOf(run, 'failed'), error: storeFullText(e, run.staging, run.store) };
  record.errorCode = STORE_FULL_CODE;
  saveRecord(record);
  return { outcome: 'failed', record };
}

function runOnce(run: Run, opts: SyncOptions): SyncResult {
  try {
    const connection = loadConnection();
    if (!run.http || !connection) throw new AmoError('not_configured');
    if (!runSteps(run, run.http, connection.baseUrl, opts.deadline)) return checkpoint(run);
    return complete(run);
  } catch (e) {
    if (e instanceof StoreFull) throw e;
    if (e instanceof BigQueryError) {
      // BigQuery failed, not amoCRM: keep what was fetched, record it, and let the refresh say
      // so in words (a group BigQuery did not take is fetched again)
      keepStats(run);
      dropGroup(run);
      if (run.continued || run.staging.account) saveStaging(run.state, run.staging, run.appended);
      saveRecord({
        ...recordOf(run, 'failed'),
        error: e.message,
        errorCode: STORE_UNAVAILABLE_CODE,
      });
      throw e;
    }
    // a wait that does not fit this run: stop here as if the budget were spent, lose nothing
    if (e instanceof OutOfTime) return checkpoint(run);
    if (e instanceof AmoError && e.code === 'rate_limited') return checkpoint(run, e);
    if (e instanceof StoreCorrupt) {
      run.storeProblem = e.detail;
      run.store.forget();
    }
    const err =
      e instanceof AmoError
        ? e
        : new AmoError('server', e instanceof Error ? e.message : String(e));
    keepStats(run);
    // keep what was fetched: the next run continues from here (a group the store did not take
    // is fetched again)
    dropGroup(run);
    if (run.continued || run.staging.account) saveStaging(run.state, run.staging, run.appended);
    return ended(run, 'failed', err);
  }
}
