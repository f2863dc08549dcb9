/**
 * The sync's plan, pure: which lists to page through, the query of each page, when a list is
 * done, and how what was fetched merges into the store. No Apps Script here — the loop in
 * sync.ts runs it, and unit tests check it on plain data.
 *
 * - A first sync loads the history window (from the start of the previous quarter): leads and
 *   tasks updated since then plus every open lead and task, and the events the rating reads.
 *   Later syncs fetch what changed since the last complete one (with an overlap), and re-read the
 *   leads whose tasks changed (their `closest_task_at` moves without touching `updated_at`).
 * - Lists are paged in id order with no upper bound on `updated_at`, so an item changing during
 *   the sync can only appear twice, never be skipped; events are bounded by the sync's start and
 *   replace the stored events of the same time range (so nothing is counted twice).
 * [docs/rules.md §6.2; docs/services.md §A4, §G2–§G4]
 */
import * as v from 'valibot';
import { LOST_STATUS, RATING_EVENT_TYPES, WON_STATUS, type AmoPipeline } from '../shapes/amocrm';
import type { PageRequest } from './http';
import type { Staging } from './staging';

/** re-read this much before the last sync's start: clocks and late writes */
export const OVERLAP_S = 10 * 60;
export const PAGE = 250;
export const EVENT_PAGE = 100;
/** ids per filter[id] query when re-reading leads */
export const IDS_PER_QUERY = 50;
/** requests per fetchAll batch: amoCRM allows 7 a second [K1] */
export const BATCH = 7;
/** Apps Script refuses URLs over 2 KB; keep every query well under it [docs/services.md §1.1] */
export const MAX_URL_CHARS = 1500;
export const EVENT_TYPES = RATING_EVENT_TYPES;

export const STEP_NAMES = [
  'meta',
  'leads',
  'openLeads',
  'tasks',
  'openTasks',
  'events',
  'rereadLeads',
] as const;
export type StepName = (typeof STEP_NAMES)[number];

const StepSchema = v.object({
  name: v.picklist(STEP_NAMES),
  /** for openLeads: which slice of the open statuses */
  chunk: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  nextPage: v.pipe(v.number(), v.integer(), v.minValue(1)),
  done: v.boolean(),
});
export type Step = v.InferOutput<typeof StepSchema>;

const int = v.pipe(v.number(), v.integer());
export const SyncStateSchema = v.object({
  id: v.string(),
  kind: v.picklist(['full', 'incremental']),
  /** ms */
  startedAt: int,
  /** unix s: changes since, and events in [since, until] */
  since: int,
  until: int,
  steps: v.array(StepSchema),
  /** query fragments for the open statuses, each under the URL limit (set once the pipelines are in) */
  openChunks: v.array(v.string()),
  /** leads to re-read: their tasks changed, or they were restored */
  rereadIds: v.array(int),
  rereadPlanned: v.boolean(),
  executions: int,
  requests: int,
  retries: int,
  /**
   * a group of pages cut short by the run's time, recorded before its load: a run that continues
   * after a kill between the load and its checkpoint fetches the same pages as one group again,
   * under the same load id (a first sync that appends as it fetches)
   */
  groupCut: v.optional(v.object({ step: int, first: int, last: int })),
});
export type SyncState = v.InferOutput<typeof SyncStateSchema>;

/** The start of the previous quarter (UTC calendar), less half a day: covers any zone's midnight. */
export function historyWindowStart(nowMs: number): number {
  const d = new Date(nowMs);
  const q = Math.floor(d.getUTCMonth() / 3) * 3;
  return Math.floor(Date.UTC(d.getUTCFullYear(), q - 3, 1) / 1000) - 14 * 3600;
}

const step = (name: StepName, chunk?: number): Step => ({
  name,
  ...(chunk === undefined ? {} : { chunk }),
  nextPage: 1,
  done: false,
});

export function newSyncState(id: string, nowMs: number, lastUntil: number | null): SyncState {
  const until = Math.floor(nowMs / 1000);
  const full = lastUntil === null;
  const names: StepName[] = full
    ? ['meta', 'leads', 'openLeads', 'tasks', 'openTasks', 'events', 'rereadLeads']
    : ['meta', 'leads', 'tasks', 'events', 'rereadLeads'];
  return {
    id,
    kind: full ? 'full' : 'incremental',
    startedAt: nowMs,
    since: full ? historyWindowStart(nowMs) : lastUntil - OVERLAP_S,
    until,
    steps: names.map((n) => step(n)),
    openChunks: [],
    rereadIds: [],
    rereadPlanned: false,
    executions: 0,
    requests: 0,
    retries: 0,
  };
}

/** `[` and `]` percent-encoded: amoCRM (PHP) reads them the same, and no URL parser balks. */
const q = (s: string) => s.replace(/\[/g, '%5B').replace(/\]/g, '%5D');

/**
 * The open statuses of every pipeline as filter fragments, cut so that each query's URL stays
 * under MAX_URL_CHARS whatever the number of stages.
 */
export function openStatusChunks(pipelines: AmoPipeline[], baseUrl: string): string[] {
  const fixed = `${baseUrl}/api/v4/leads?&${q('order[id]')}=asc&limit=${PAGE}&page=9999`.length;
  const chunks: string[] = [];
  let current: string[] = [];
  let length = fixed;
  for (const p of pipelines)
    for (const s of p._embedded.statuses) {
      if (s.id === WON_STATUS || s.id === LOST_STATUS) continue;
      const i = current.length;
      const pair = q(
        `filter[statuses][${i}][pipeline_id]=${p.id}&filter[statuses][${i}][status_id]=${s.id}&`,
      );
      if (current.length && length + pair.length > MAX_URL_CHARS) {
        chunks.push(current.join(''));
        current = [];
        length = fixed;
        const again = q(
          `filter[statuses][0][pipeline_id]=${p.id}&filter[statuses][0][status_id]=${s.id}&`,
        );
        current.push(again);
        length += again.length;
        continue;
      }
      current.push(pair);
      length += pair.length;
    }
  if (current.length) chunks.push(current.join(''));
  return chunks.map((c) => c.replace(/&$/, ''));
}

export type ListKey = 'leads' | 'tasks' | 'events';

export function listOf(name: StepName): ListKey | null {
  if (name === 'meta') return null;
  if (name === 'tasks' || name === 'openTasks') return 'tasks';
  if (name === 'events') return 'events';
  return 'leads';
}

/** The request for a page of a step, or null when the step has no such page. */
export function requestFor(state: SyncState, s: Step, page: number): PageRequest | null {
  const paged = (limit: number) => `limit=${limit}&page=${page}`;
  const byId = `${q('order[id]')}=asc`;
  switch (s.name) {
    case 'meta':
      return null;
    case 'leads':
      return {
        path: '/api/v4/leads',
        query: `${q('filter[updated_at][from]')}=${state.since}&${byId}&${paged(PAGE)}`,
      };
    case 'openLeads': {
      const chunk = state.openChunks[s.chunk ?? 0];
      if (chunk === undefined) return null;
      return { path: '/api/v4/leads', query: `${chunk}&${byId}&${paged(PAGE)}` };
    }
    case 'tasks':
      return {
        path: '/api/v4/tasks',
        query: `${q('filter[updated_at][from]')}=${state.since}&${byId}&${paged(PAGE)}`,
      };
    case 'openTasks':
      return {
        path: '/api/v4/tasks',
        query: `${q('filter[is_completed]')}=0&${byId}&${paged(PAGE)}`,
      };
    case 'events':
      return {
        path: '/api/v4/events',
        query: [
          `${q('filter[type]')}=${EVENT_TYPES.join(',')}`,
          `${q('filter[created_at][from]')}=${state.since}`,
          `${q('filter[created_at][to]')}=${state.until}`,
          paged(EVENT_PAGE),
        ].join('&'),
      };
    case 'rereadLeads': {
      const ids = state.rereadIds.slice((page - 1) * IDS_PER_QUERY, page * IDS_PER_QUERY);
      if (!ids.length) return null;
      return {
        path: '/api/v4/leads',
        query: `${ids.map((id) => `${q('filter[id][]')}=${id}`).join('&')}&limit=${PAGE}`,
      };
    }
  }
}

/**
 * Whether a page ends its list. amoCRM sends a `next` link on every full page and sometimes on a
 * short last one, so a short page (or a 204) ends the list; so does a full page without `next`.
 */
export function isLastPage(
  state: SyncState,
  s: Step,
  page: number,
  fetched: number,
  hasNext: boolean,
): boolean {
  if (s.name === 'rereadLeads') return page * IDS_PER_QUERY >= state.rereadIds.length;
  const limit = s.name === 'events' ? EVENT_PAGE : PAGE;
  return fetched < limit || !hasNext;
}

/** Once the pipelines are in: one openLeads step per chunk of open statuses. */
export function planOpenLeads(state: SyncState, chunks: string[]): void {
  state.openChunks = chunks;
  const at = state.steps.findIndex((x) => x.name === 'openLeads');
  if (at < 0) return;
  state.steps.splice(at, 1, ...chunks.map((_, i) => step('openLeads', i)));
  if (!chunks.length) state.steps.splice(at, 0, { ...step('openLeads', 0), done: true });
}

/** Task ids whose lead in the store matters to `planReread`: changed and deleted ones. */
export function tasksToLocate(staging: Staging): Set<number> {
  return new Set([...staging.tasks.keys(), ...staging.deletedTasks.keys()]);
}

/**
 * Leads to re-read (unless fetched themselves): those whose tasks changed, the lead a changed
 * task was on before (a task moved to another deal), the lead of a deleted task — each moves
 * the lead's `closest_task_at` without touching its `updated_at` — and restored leads. A full
 * sync re-reads the deals of its tasks that it did not fetch (closed before the window).
 * `storedLeadOf` maps task ids to the lead they are on in the committed store.
 */
export function planReread(
  state: SyncState,
  staging: Staging,
  storedLeadOf: ReadonlyMap<number, number> = new Map(),
): void {
  const ids = new Set<number>();
  const add = (id: number | null | undefined) => {
    if (id !== null && id !== undefined && !staging.leads.has(id)) ids.add(id);
  };
  if (state.kind === 'incremental') {
    for (const t of staging.tasks.values()) {
      if (t.entity_type === 'leads') add(t.entity_id);
      add(storedLeadOf.get(t.id));
    }
    for (const id of staging.deletedTasks.keys()) add(storedLeadOf.get(id));
  } else {
    // a full sync fetches the window's leads: a task's deal closed before it is read by id, so
    // the deal's pipeline decides whether the task counts (docs/rules.md §2.6.5, §2.6.10)
    for (const t of staging.tasks.values()) if (t.entity_type === 'leads') add(t.entity_id);
  }
  for (const id of staging.restored) add(id);
  state.rereadIds = [...ids].sort((a, b) => a - b);
  state.rereadPlanned = true;
}
