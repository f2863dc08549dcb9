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
 * Events in time order (ties in event-id order), one column per field. For a stage move
 * `a`/`b` are the pipeline and status after, `c`/`d` before (-1 when amoCRM sent none); for a
 * change of responsible `a` is the user after, `c` the user before (-1 when none).
 */
export interface EventLog {
  kind: number[];
  entity: number[];
  /** unix seconds */
  at: number[];
  /** 1 when made by the robot (created_by 0) */
  robot: number[];
  a: number[];
  b: number[];
  c: number[];
  d: number[];
}

export const EVENT_COLUMNS = ['kind', 'entity', 'at', 'robot', 'a', 'b', 'c', 'd'] as const;

export function emptyEventLog(): EventLog {
  return { kind: [], entity: [], at: [], robot: [], a: [], b: [], c: [], d: [] };
}

export function eventCount(log: EventLog): number {
  return log.kind.length;
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
  EVENT_COLUMNS.forEach((col, i) => log[col].push(row[i] ?? -1));
}

export function rowAt(log: EventLog, i: number): number[] {
  return EVENT_COLUMNS.map((col) => log[col][i] ?? -1);
}

/** Sorts API events by time, then id (the order within a second), and keeps what the rating reads. */
export function eventLogFromApi(events: readonly AmoEvent[]): EventLog {
  const sorted = [...events].sort(
    (x, y) => x.created_at - y.created_at || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
  );
  const log = emptyEventLog();
  for (const e of sorted) {
    const row = compactEvent(e);
    if (row) pushRow(log, row);
  }
  return log;
}

export interface AccountData {
  account: AmoAccount;
  users: AmoUser[];
  pipelines: AmoPipeline[];
  leads: Iterable<AmoLead>;
  tasks: Iterable<AmoTask>;
  events: EventLog;
}
