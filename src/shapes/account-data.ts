/**
 * The account as the rating reads it: what the sync keeps and the engine takes in. Leads, tasks,
 * users and pipelines keep their API shapes (the fields the schemas read); events are kept as
 * columns of numbers, in time order, because a big account holds hundreds of thousands of them
 * and the rating needs only who moved which lead where, when.
 */
import type { AmoAccount, AmoEvent, AmoLead, AmoPipeline, AmoTask, AmoUser } from './amocrm';

export const EV_STATUS = 0;
export const EV_RESPONSIBLE = 1;
export const EV_TASK_DONE = 2;

/**
 * Events in time order (ties in event-id order), one column per field, in typed arrays: a
 * 100 k-lead account keeps over a million events, and a number in a plain array costs twice what
 * it does here (every value fits 32 bits: ids, statuses, unix seconds until 2038). For a stage
 * move `a`/`b` are the pipeline and status after, `c`/`d` before (-1 when amoCRM sent none); for
 * a change of responsible `a` is the user after, `c` the user before (-1 when none). Only the
 * first `size` places of each column hold events.
 */
export interface EventLog {
  size: number;
  kind: Int8Array;
  entity: Int32Array;
  /** unix seconds */
  at: Int32Array;
  /** 1 when made by the robot (created_by 0) */
  robot: Int8Array;
  a: Int32Array;
  b: Int32Array;
  c: Int32Array;
  d: Int32Array;
}

export const EVENT_COLUMNS = ['kind', 'entity', 'at', 'robot', 'a', 'b', 'c', 'd'] as const;
type Column = (typeof EVENT_COLUMNS)[number];

function columns(capacity: number): Omit<EventLog, 'size'> {
  return {
    kind: new Int8Array(capacity),
    entity: new Int32Array(capacity),
    at: new Int32Array(capacity),
    robot: new Int8Array(capacity),
    a: new Int32Array(capacity),
    b: new Int32Array(capacity),
    c: new Int32Array(capacity),
    d: new Int32Array(capacity),
  };
}

/** An empty log with room for `capacity` events (it grows when needed). */
export function emptyEventLog(capacity = 256): EventLog {
  return { size: 0, ...columns(Math.max(1, capacity)) };
}

export function eventCount(log: EventLog): number {
  return log.size;
}

/** Makes room for `need` events in all, keeping what is there. */
export function reserve(log: EventLog, need: number): void {
  if (need <= log.kind.length) return;
  const next = columns(Math.max(need, log.kind.length * 2));
  for (const col of EVENT_COLUMNS) (next[col] as Int32Array).set(log[col].subarray(0, log.size));
  Object.assign(log, next);
}

/** The log with no spare room (for keeping, and for comparing two logs). */
export function sealLog(log: EventLog): EventLog {
  if (log.kind.length === log.size) return log;
  const out = emptyEventLog(log.size);
  for (const col of EVENT_COLUMNS) (out[col] as Int32Array).set(log[col].subarray(0, log.size));
  out.size = log.size;
  return out;
}

/** Moves event `from` to place `to` (to ≤ from), for compacting a log in place. */
export function moveRow(log: EventLog, from: number, to: number): void {
  for (const col of EVENT_COLUMNS) log[col][to] = log[col][from] ?? -1;
}

/** One event as a row of the log's columns, or null for an event the rating does not read. */
export function compactEvent(e: AmoEvent): number[] | null {
  const robot = e.created_by === 0 ? 1 : 0;
  if (e.type === 'lead_status_changed' && e.entity_type === 'lead') {
    const after = e.value_after[0]?.lead_status;
    const before = e.value_before[0]?.lead_status;
    if (!after) return null;
    return [
      EV_STATUS,
      e.entity_id,
      e.created_at,
      robot,
      after.pipeline_id,
      after.id,
      before?.pipeline_id ?? -1,
      before?.id ?? -1,
    ];
  }
  if (e.type === 'entity_responsible_changed' && e.entity_type === 'lead') {
    const after = e.value_after[0]?.responsible_user.id;
    if (after === undefined) return null;
    const before = e.value_before[0]?.responsible_user.id ?? -1;
    return [EV_RESPONSIBLE, e.entity_id, e.created_at, robot, after, -1, before, -1];
  }
  if (e.type === 'task_completed' && e.entity_type === 'task')
    return [EV_TASK_DONE, e.entity_id, e.created_at, robot, -1, -1, -1, -1];
  return null;
}

export function pushRow(log: EventLog, row: readonly number[]): void {
  if (log.size === log.kind.length) reserve(log, log.size + 1);
  const i = log.size;
  EVENT_COLUMNS.forEach((col: Column, k) => (log[col][i] = row[k] ?? -1));
  log.size++;
}

export function rowAt(log: EventLog, i: number): number[] {
  return EVENT_COLUMNS.map((col) => log[col][i] ?? -1);
}

/** Sorts API events by time, then id (the order within a second), and keeps what the rating reads. */
export function eventLogFromApi(events: readonly AmoEvent[]): EventLog {
  const sorted = [...events].sort(
    (x, y) => x.created_at - y.created_at || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
  );
  const log = emptyEventLog(sorted.length);
  for (const e of sorted) {
    const row = compactEvent(e);
    if (row) pushRow(log, row);
  }
  return sealLog(log);
}

export interface AccountData {
  account: AmoAccount;
  users: AmoUser[];
  pipelines: AmoPipeline[];
  leads: Iterable<AmoLead>;
  tasks: Iterable<AmoTask>;
  events: EventLog;
  /** per lead, the statuses it reached before the history window (see `PriorReaches`) */
  priorReaches?: PriorReaches;
}

/**
 * What the first-reach rule needs of the events pruned from the history window: per lead id,
 * the (pipeline, status) pairs it stood in before the window, flat: [p1, s1, p2, s2, …]. No
 * moments and no responsible users: a reach before the window is never credited again, and
 * the finals of the periods before it are kept frozen, so only "reached already" is needed.
 * Pairs, not rating stages, so a later change of the stage mapping still reads them right.
 */
export type PriorReaches = ReadonlyMap<number, readonly number[]>;
