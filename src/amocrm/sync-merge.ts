/**
 * How what a sync fetched merges: pages into the staging, and a complete staging into the store
 * (leads and tasks by id, events by replacing the time range the sync covered), pruning what left
 * the history window — but keeping, per lead, the statuses its pruned moves reached, and the
 * deals kept tasks are on. Pure: unit tests check it on plain data.
 */
import {
  LOST_STATUS,
  WON_STATUS,
  type AmoEvent,
  type AmoLead,
  type AmoTask,
} from '../shapes/amocrm';
import {
  compactEvent,
  emptyEventLog,
  EV_STATUS,
  moveRow,
  reserve,
  eventCount,
  pushRow,
  rowAt,
  type EventLog,
} from '../shapes/account-data';
import { emptyStore, monthOf, type StoreData } from '../shapes/store-data';
import type { Staging } from './staging';
import type { SyncState } from './sync-plan';

export function mergeLeads(staging: Staging, items: AmoLead[]): void {
  for (const l of items) staging.leads.set(l.id, l);
}

export function mergeTasks(staging: Staging, items: AmoTask[]): void {
  for (const t of items) staging.tasks.set(t.id, t);
}

/** Events of the sync's range, re-checked (filters may be ignored [G4]). */
export function mergeEvents(state: SyncState, staging: Staging, items: AmoEvent[]): void {
  for (const e of items) {
    if (e.created_at < state.since || e.created_at > state.until) continue;
    if (e.type === 'lead_deleted' && e.entity_type === 'lead') {
      staging.deleted.set(
        e.entity_id,
        Math.max(staging.deleted.get(e.entity_id) ?? 0, e.created_at),
      );
      continue;
    }
    if (e.type === 'lead_restored' && e.entity_type === 'lead') {
      staging.restored.add(e.entity_id);
      continue;
    }
    if (e.type === 'task_deleted' && e.entity_type === 'task') {
      const at = Math.max(staging.deletedTasks.get(e.entity_id) ?? 0, e.created_at);
      staging.deletedTasks.set(e.entity_id, at);
      continue;
    }
    const row = compactEvent(e);
    if (row) staging.events.set(e.id, row);
  }
}

/** Staged events in time order, ties by event id. */
function stagedLog(staging: Staging): EventLog {
  const log = emptyEventLog();
  const ids = [...staging.events.keys()].sort((a, b) => {
    const x = staging.events.get(a)?.[2] ?? 0;
    const y = staging.events.get(b)?.[2] ?? 0;
    return x - y || (a < b ? -1 : a > b ? 1 : 0);
  });
  for (const id of ids) {
    const row = staging.events.get(id);
    if (row) pushRow(log, row);
  }
  return log;
}

function indexOfTime(log: EventLog, at: number): number {
  let lo = 0;
  let hi = eventCount(log);
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((log.at[mid] ?? Infinity) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface MergeResult {
  data: StoreData;
  /** months whose events changed */
  dirtyMonths: Set<string>;
  pruned: { leads: number; tasks: number; events: number };
}

/**
 * Folds a complete staging into the store: leads and tasks by id, events by replacing the time
 * range the sync covered; then prunes what left the history window (closed leads and their
 * completed tasks, older events).
 */
export function mergeStaged(
  store: StoreData | null,
  staging: Staging,
  state: SyncState,
  windowStart: number,
): MergeResult {
  const base = store ?? emptyStore();
  const data: StoreData = {
    account: staging.account ?? base.account,
    users: staging.account ? staging.users : base.users,
    pipelines: staging.account ? staging.pipelines : base.pipelines,
    leads: base.leads,
    tasks: base.tasks,
    events: base.events,
    reaches: base.reaches,
  };
  for (const [id, l] of staging.leads) {
    if (l.is_deleted) data.leads.delete(id);
    else data.leads.set(id, l);
  }
  for (const [id, at] of staging.deleted) {
    const l = data.leads.get(id);
    if (l && l.updated_at <= at && !staging.restored.has(id)) data.leads.delete(id);
  }
  for (const [id, t] of staging.tasks) data.tasks.set(id, t);
  for (const [id, at] of staging.deletedTasks) {
    const t = data.tasks.get(id);
    if (t && t.updated_at <= at) data.tasks.delete(id);
  }

  const fresh = stagedLog(staging);
  const old = data.events;
  const lo = indexOfTime(old, state.since);
  const hi = indexOfTime(old, state.until + 1);
  const dirtyMonths = new Set<string>();
  for (let i = lo; i < hi; i++) dirtyMonths.add(monthOf(old.at[i] ?? 0));
  for (const at of fresh.at) dirtyMonths.add(monthOf(at));
  const pruned = { leads: 0, tasks: 0, events: 0 };
  // in place: a big account's log is never held twice (the tail after the synced range is
  // usually empty, at most a few rows)
  const tail = emptyEventLog(eventCount(old) - hi);
  for (let i = hi; i < eventCount(old); i++) pushRow(tail, rowAt(old, i));
  let w = 0;
  for (let i = 0; i < lo; i++) {
    const at = old.at[i] ?? 0;
    if (at < windowStart) {
      rememberReach(data.reaches, rowAt(old, i));
      pruned.events++;
      dirtyMonths.add(monthOf(at));
      continue;
    }
    if (w !== i) moveRow(old, i, w);
    w++;
  }
  old.size = w;
  const append = (log: EventLog) => {
    reserve(old, old.size + eventCount(log));
    for (let i = 0; i < eventCount(log); i++) {
      const at = log.at[i] ?? 0;
      if (at < windowStart) {
        rememberReach(data.reaches, rowAt(log, i));
        pruned.events++;
        dirtyMonths.add(monthOf(at));
        continue;
      }
      pushRow(old, rowAt(log, i));
    }
  };
  append(fresh);
  append(tail);
  data.events = old;

  for (const [id, t] of data.tasks) {
    if (t.is_completed && t.updated_at < windowStart) {
      data.tasks.delete(id);
      pruned.tasks++;
    }
  }
  // a deal a kept task is on stays: its pipeline decides whether the task counts (§2.6.5, §2.6.10)
  const onTasks = new Set<number>();
  for (const t of data.tasks.values())
    if (t.entity_type === 'leads' && t.entity_id !== null) onTasks.add(t.entity_id);
  for (const [id, l] of data.leads) {
    const closed = l.status_id === WON_STATUS || l.status_id === LOST_STATUS;
    if (
      closed &&
      l.updated_at < windowStart &&
      (l.closed_at ?? 0) < windowStart &&
      !onTasks.has(id)
    ) {
      data.leads.delete(id);
      pruned.leads++;
    }
  }
  return { data, dirtyMonths, pruned };
}

/**
 * Keeps what the first-reach rule needs of a pruned stage move: the statuses the lead stood in
 * before and after it, once each (a lead that reached a stage before the window is never
 * credited for it again inside the window).
 */
export function rememberReach(reaches: Map<number, number[]>, row: readonly number[]): void {
  const [kind, lead, , , a, b, c, d] = row;
  if (kind !== EV_STATUS || lead === undefined) return;
  let pairs = reaches.get(lead);
  for (const [p, s] of [
    [c, d],
    [a, b],
  ]) {
    if (p === undefined || s === undefined || p < 0 || s < 0) continue;
    pairs ??= [];
    let known = false;
    for (let k = 0; k + 1 < pairs.length; k += 2)
      if (pairs[k] === p && pairs[k + 1] === s) known = true;
    if (!known) pairs.push(p, s);
  }
  if (pairs?.length) reaches.set(lead, pairs);
}
