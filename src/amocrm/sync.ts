/**
 * The sync: pulls what changed in amoCRM into the spreadsheet's store, incrementally, within
 * Apps Script's 6-minute runs, losing nothing on failure.
 *
 * - The first sync loads the history window (from the start of the previous quarter): leads
 *   updated since then plus every open lead, tasks updated since then plus every open task, and
 *   the stage, responsible and task-completion events. Later syncs fetch what changed since the
 *   last complete one (with an overlap), and re-read the leads whose tasks changed (their
 *   `closest_task_at` moves without touching `updated_at`). Everything merges by id.
 * - Lists are paged in id order with no upper bound on `updated_at`, so an item changing during
 *   the sync can only appear twice, never be skipped; events are bounded by the sync's start.
 * - A run stops itself before the time limit, keeps what it fetched in a staging sheet and its
 *   cursor in document properties, and the next run continues. The store the rating reads is
 *   replaced only when a sync completes.
 * [PRODUCT.md §6.2; amocrm-api.md A4, G2–G4]
 */
import type { AmoAccount, AmoEvent, AmoLead, AmoPipeline, AmoTask, AmoUser } from './api-types';
import { loadConnection } from './connection';
import { AmoError } from './errors';
import { AmoHttp, embedded } from './http';
import { saveRecord, type SyncRecord } from './sync-record';
import { emptyData, type SyncedData } from './store-codec';
import { STAGING_SHEET, STORE_SHEET, clearStore, readStore, writeStore } from './store';

export const CURSOR_KEY = 'sync.cursor';
export const LAST_SYNC_KEY = 'sync.last';
/** re-read this much before the last sync's start: clocks and late writes */
export const OVERLAP_S = 10 * 60;
export const PAGE = 250;
export const EVENT_PAGE = 100;
/** stop fetching after this long, leaving time to write what was fetched */
export const FETCH_BUDGET_MS = 4.5 * 60 * 1000;
export const EVENT_TYPES = ['lead_status_changed', 'entity_responsible_changed', 'task_completed'];

type StepName = 'leads' | 'openLeads' | 'tasks' | 'openTasks' | 'events' | 'taskLeads';

interface Step {
  name: StepName;
  nextPage: number;
  done: boolean;
}

interface Cursor {
  kind: 'full' | 'incremental';
  startedAt: number; // ms
  since: number; // unix s
  until: number; // unix s
  steps: Step[];
  /** lead ids to re-read because their tasks changed (taskLeads step) */
  taskLeadIds: number[];
  executions: number;
  requests: number;
  retries: number;
}

export interface SyncResult {
  outcome: SyncRecord['outcome'];
  record: SyncRecord;
}

function props() {
  return PropertiesService.getDocumentProperties();
}

/** The start of the previous quarter (UTC calendar), the default history window. */
export function historyWindowStart(nowMs: number): number {
  const d = new Date(nowMs);
  const q = Math.floor(d.getUTCMonth() / 3) * 3;
  return Math.floor(Date.UTC(d.getUTCFullYear(), q - 3, 1) / 1000) - 14 * 3600; // covers any zone's midnight
}

function newCursor(now: number): Cursor {
  const last = props().getProperty(LAST_SYNC_KEY);
  const until = Math.floor(now / 1000);
  if (last) {
    const { until: prev } = JSON.parse(last) as { until: number };
    return {
      kind: 'incremental',
      startedAt: now,
      since: prev - OVERLAP_S,
      until,
      taskLeadIds: [],
      executions: 0,
      requests: 0,
      retries: 0,
      steps: (['leads', 'tasks', 'events', 'taskLeads'] as StepName[]).map((name) => ({
        name,
        nextPage: 1,
        done: false,
      })),
    };
  }
  return {
    kind: 'full',
    startedAt: now,
    since: historyWindowStart(now),
    until,
    taskLeadIds: [],
    executions: 0,
    requests: 0,
    retries: 0,
    steps: (['leads', 'openLeads', 'tasks', 'openTasks', 'events'] as StepName[]).map((name) => ({
      name,
      nextPage: 1,
      done: false,
    })),
  };
}

function openStatusPairs(pipelines: AmoPipeline[]): string {
  const pairs: string[] = [];
  let i = 0;
  for (const p of pipelines)
    for (const s of p._embedded?.statuses ?? []) {
      if (s.id === 142 || s.id === 143) continue;
      pairs.push(
        `filter[statuses][${i}][pipeline_id]=${p.id}&filter[statuses][${i}][status_id]=${s.id}`,
      );
      i++;
    }
  return pairs.join('&');
}

function stepQuery(
  step: StepName,
  c: Cursor,
  pipelines: AmoPipeline[],
  page: number,
): { path: string; query: string; key: string } | null {
  const paged = (limit: number) => `limit=${limit}&page=${page}`;
  switch (step) {
    case 'leads':
      return {
        path: '/api/v4/leads',
        key: 'leads',
        query: `filter[updated_at][from]=${c.since}&order[id]=asc&${paged(PAGE)}`,
      };
    case 'openLeads':
      return {
        path: '/api/v4/leads',
        key: 'leads',
        query: `${openStatusPairs(pipelines)}&order[id]=asc&${paged(PAGE)}`,
      };
    case 'tasks':
      return {
        path: '/api/v4/tasks',
        key: 'tasks',
        query: `filter[updated_at][from]=${c.since}&order[id]=asc&${paged(PAGE)}`,
      };
    case 'openTasks':
      return {
        path: '/api/v4/tasks',
        key: 'tasks',
        query: `filter[is_completed]=0&order[id]=asc&${paged(PAGE)}`,
      };
    case 'events':
      return {
        path: '/api/v4/events',
        key: 'events',
        query: `filter[type]=${EVENT_TYPES.join(',')}&filter[created_at][from]=${c.since}&filter[created_at][to]=${c.until}&${paged(EVENT_PAGE)}`,
      };
    case 'taskLeads': {
      const ids = c.taskLeadIds.slice((page - 1) * 50, page * 50);
      if (!ids.length) return null;
      return {
        path: '/api/v4/leads',
        key: 'leads',
        query: `${ids.map((id) => `filter[id][]=${id}`).join('&')}&limit=${PAGE}`,
      };
    }
  }
}

function merge(into: SyncedData, key: string, items: unknown[], c: Cursor): number {
  let n = 0;
  for (const it of items) {
    if (key === 'leads') {
      const l = it as AmoLead;
      if (!l.is_deleted) into.leads.set(l.id, l);
      n++;
    } else if (key === 'tasks') {
      const t = it as AmoTask;
      into.tasks.set(t.id, t);
      n++;
    } else {
      const e = it as AmoEvent;
      // re-checked here: an account may ignore filters it does not support [G4]
      if (EVENT_TYPES.includes(e.type) && e.created_at >= c.since && e.created_at <= c.until) {
        into.events.set(String(e.id), e);
        n++;
      }
    }
  }
  return n;
}

/** Runs (or continues) a sync. Returns when it completed, or stopped to continue next time. */
export function runSync(nowMs = Date.now()): SyncResult {
  const lock = LockService.getDocumentLock();
  const startedAt = new Date(nowMs).toISOString();
  if (!lock.tryLock(1000)) {
    // another run is busy: leave politely, touching nothing
    return {
      outcome: 'skipped',
      record: {
        startedAt,
        endedAt: startedAt,
        kind: 'incremental',
        outcome: 'skipped',
        executions: 0,
        requests: 0,
        retries: 0,
        items: { leads: 0, tasks: 0, events: 0 },
      },
    };
  }
  try {
    return syncUnderLock(nowMs);
  } finally {
    SpreadsheetApp.flush();
    lock.releaseLock();
  }
}

function syncUnderLock(runStart: number): SyncResult {
  const raw = props().getProperty(CURSOR_KEY);
  const cursor: Cursor = raw ? (JSON.parse(raw) as Cursor) : newCursor(runStart);
  cursor.executions++;
  const staging = (raw ? readStore(STAGING_SHEET)?.data : null) ?? emptyData();
  const connection = loadConnection();
  const record = (outcome: SyncRecord['outcome'], error?: AmoError): SyncRecord => ({
    startedAt: new Date(cursor.startedAt).toISOString(),
    endedAt: new Date().toISOString(),
    kind: cursor.kind,
    outcome,
    executions: cursor.executions,
    requests: cursor.requests,
    retries: cursor.retries,
    items: { leads: staging.leads.size, tasks: staging.tasks.size, events: staging.events.size },
    ...(error ? { error: error.message, errorCode: error.code } : {}),
  });
  const http = connection?.auth ? new AmoHttp(connection) : null;
  try {
    if (!http) throw new AmoError('not_configured');
    const deadline = runStart + FETCH_BUDGET_MS;
    /** out of time: keep what was fetched and where we are, and stop */
    const checkpoint = (): SyncResult => {
      cursor.requests += http.stats.requests;
      cursor.retries += http.stats.retries;
      writeStore(staging, null, STAGING_SHEET);
      props().setProperty(CURSOR_KEY, JSON.stringify(cursor));
      const r = record('partial');
      saveRecord(r);
      return { outcome: 'partial', record: r };
    };

    // the account, its users and pipelines: small, always fresh
    if (!staging.account) {
      const [account, pipelines] = http.getAll([
        {
          path: '/api/v4/account',
          query: 'with=datetime_settings,task_types,users_groups,is_api_filter_enabled',
        },
        { path: '/api/v4/leads/pipelines', query: '' },
      ]);
      staging.account = account as AmoAccount;
      staging.pipelines = embedded<AmoPipeline>(pipelines, 'pipelines').items;
      const users: AmoUser[] = [];
      for (let page = 1; ; page++) {
        if (Date.now() > deadline) {
          staging.account = null; // the meta step starts over next time
          return checkpoint();
        }
        const p = embedded<AmoUser>(
          http.get('/api/v4/users', `limit=${PAGE}&page=${page}`),
          'users',
        );
        users.push(...p.items);
        if (!p.hasNext || p.items.length < PAGE) break;
      }
      staging.users = users;
    }

    // the first page of every list in one batch: most daily syncs need nothing more
    const fresh = cursor.steps.filter(
      (st) => !st.done && st.nextPage === 1 && st.name !== 'taskLeads',
    );
    if (fresh.length > 1 && Date.now() > deadline) return checkpoint();
    if (fresh.length > 1) {
      const reqs = fresh.map(
        (st) =>
          stepQuery(st.name, cursor, staging.pipelines, 1) as {
            path: string;
            query: string;
            key: string;
          },
      );
      const answers = http.getAll(reqs);
      fresh.forEach((st, k) => {
        const page = embedded<unknown>(answers[k], reqs[k].key);
        merge(staging, reqs[k].key, page.items, cursor);
        st.nextPage = 2;
        if (!page.hasNext || page.items.length < (reqs[k].key === 'events' ? EVENT_PAGE : PAGE))
          st.done = true;
      });
    }

    for (const step of cursor.steps) {
      while (!step.done) {
        if (Date.now() > deadline) return checkpoint();
        if (step.name === 'taskLeads' && !cursor.taskLeadIds.length) {
          // leads whose tasks changed: their closest_task_at may have moved
          const fetched = new Set<number>();
          for (const l of staging.leads.values()) fetched.add(l.id);
          const ids = new Set<number>();
          for (const t of staging.tasks.values())
            if (t.entity_type === 'leads' && t.entity_id !== null && !fetched.has(t.entity_id))
              ids.add(t.entity_id);
          cursor.taskLeadIds = [...ids].sort((a, b) => a - b);
          if (!cursor.taskLeadIds.length) {
            step.done = true;
            continue;
          }
        }
        const pages: number[] = [];
        const reqs: Array<{ path: string; query: string; key: string }> = [];
        for (let k = 0; k < 7; k++) {
          const q = stepQuery(step.name, cursor, staging.pipelines, step.nextPage + k);
          if (!q) break;
          pages.push(step.nextPage + k);
          reqs.push(q);
        }
        if (!reqs.length) {
          step.done = true;
          continue;
        }
        const answers = http.getAll(reqs);
        for (let k = 0; k < answers.length; k++) {
          const limit = reqs[k].key === 'events' ? EVENT_PAGE : PAGE;
          const page = embedded<unknown>(answers[k], reqs[k].key);
          merge(staging, reqs[k].key, page.items, cursor);
          step.nextPage = pages[k] + 1;
          const last =
            step.name === 'taskLeads'
              ? pages[k] * 50 >= cursor.taskLeadIds.length
              : !page.hasNext || page.items.length < limit;
          if (last) {
            step.done = true;
            break;
          }
        }
      }
    }

    // complete: fold the staged changes into the store the rating reads
    cursor.requests += http.stats.requests;
    cursor.retries += http.stats.retries;
    const current = cursor.kind === 'incremental' ? readStore(STORE_SHEET) : null;
    const data = current?.data ?? emptyData();
    data.account = staging.account;
    data.users = staging.users;
    data.pipelines = staging.pipelines;
    for (const [id, l] of staging.leads) data.leads.set(id, l);
    for (const [id, t] of staging.tasks) data.tasks.set(id, t);
    for (const [id, e] of staging.events) data.events.set(id, e);
    const windowStart = historyWindowStart(cursor.startedAt);
    for (const [id, e] of data.events) if (e.created_at < windowStart) data.events.delete(id);
    writeStore(data, current?.cache ?? null, STORE_SHEET);
    clearStore(STAGING_SHEET);
    props().setProperty(
      LAST_SYNC_KEY,
      JSON.stringify({ until: cursor.until, at: new Date().toISOString() }),
    );
    props().deleteProperty(CURSOR_KEY);
    const r = record('complete');
    saveRecord(r);
    return { outcome: 'complete', record: r };
  } catch (e) {
    const err =
      e instanceof AmoError ? e : new AmoError('server', String((e as Error)?.message ?? e));
    if (http) {
      cursor.requests += http.stats.requests;
      cursor.retries += http.stats.retries;
    }
    // keep what was fetched: the next run continues from the cursor
    if (raw || staging.account) {
      writeStore(staging, null, STAGING_SHEET);
      props().setProperty(CURSOR_KEY, JSON.stringify(cursor));
    }
    const r = record('failed', err);
    saveRecord(r);
    return { outcome: 'failed', record: r };
  }
}
