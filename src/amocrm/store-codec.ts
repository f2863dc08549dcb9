/**
 * What the sync keeps, and how it is packed: compact rows (arrays of fields in a fixed order),
 * JSON, gzip, base64, cut into cells. Pure: the compressor is injected (Apps Script: Utilities;
 * Node: zlib), so tests and tools read the same store the script writes.
 */
import type { AmoAccount, AmoEvent, AmoLead, AmoPipeline, AmoTask, AmoUser } from './api-types';

export interface Compressor {
  /** string → base64 of its gzip */
  pack(text: string): string;
  unpack(base64: string): string;
}

export interface SyncedData {
  account: AmoAccount | null;
  users: AmoUser[];
  pipelines: AmoPipeline[];
  leads: Map<number, AmoLead>;
  tasks: Map<number, AmoTask>;
  /** by event id */
  events: Map<string, AmoEvent>;
}

export function emptyData(): SyncedData {
  return {
    account: null,
    users: [],
    pipelines: [],
    leads: new Map(),
    tasks: new Map(),
    events: new Map(),
  };
}

// ---- compact rows
type LeadRow = [
  number,
  string,
  number,
  number,
  number,
  number,
  number,
  number,
  number | null,
  number | null,
  number,
];
type TaskRow = [
  number,
  number,
  number | null,
  string | null,
  0 | 1,
  number,
  number,
  number,
  number,
];
type EventRow = [string, string, number, string, number, number, unknown[], unknown[]];

export const leadRow = (l: AmoLead): LeadRow => [
  l.id,
  l.name,
  l.responsible_user_id,
  l.status_id,
  l.pipeline_id,
  l.created_at,
  l.updated_at,
  l.created_by ?? 0,
  l.closed_at,
  l.closest_task_at,
  l.is_deleted ? 1 : 0,
];
export const rowLead = (r: LeadRow): AmoLead => ({
  id: r[0],
  name: r[1],
  responsible_user_id: r[2],
  status_id: r[3],
  pipeline_id: r[4],
  created_at: r[5],
  updated_at: r[6],
  created_by: r[7],
  closed_at: r[8],
  closest_task_at: r[9],
  is_deleted: r[10] === 1,
});
export const taskRow = (t: AmoTask): TaskRow => [
  t.id,
  t.responsible_user_id,
  t.entity_id,
  t.entity_type,
  t.is_completed ? 1 : 0,
  t.task_type_id,
  t.complete_till,
  t.created_at,
  t.updated_at,
];
export const rowTask = (r: TaskRow): AmoTask => ({
  id: r[0],
  responsible_user_id: r[1],
  entity_id: r[2],
  entity_type: r[3],
  is_completed: r[4] === 1,
  task_type_id: r[5],
  complete_till: r[6],
  created_at: r[7],
  updated_at: r[8],
});
export const eventRow = (e: AmoEvent): EventRow => [
  e.id,
  e.type,
  e.entity_id,
  e.entity_type,
  e.created_by,
  e.created_at,
  e.value_after,
  e.value_before,
];
export const rowEvent = (r: EventRow): AmoEvent => ({
  id: r[0],
  type: r[1],
  entity_id: r[2],
  entity_type: r[3],
  created_by: r[4],
  created_at: r[5],
  value_after: r[6],
  value_before: r[7],
});

/** Events are kept by month (UTC) so a daily sync rewrites only the months it touched. */
export const monthOf = (unix: number) => new Date(unix * 1000).toISOString().slice(0, 7);

export interface Segments {
  /** segment name → its JSON text */
  [name: string]: string;
}

export function encodeData(d: SyncedData): Segments {
  const seg: Segments = {
    meta: JSON.stringify({ account: d.account, users: d.users, pipelines: d.pipelines }),
    leads: JSON.stringify([...d.leads.values()].sort((a, b) => a.id - b.id).map(leadRow)),
    tasks: JSON.stringify([...d.tasks.values()].sort((a, b) => a.id - b.id).map(taskRow)),
  };
  const months = new Map<string, EventRow[]>();
  for (const e of d.events.values()) {
    const m = monthOf(e.created_at);
    let list = months.get(m);
    if (!list) months.set(m, (list = []));
    list.push(eventRow(e));
  }
  for (const [m, rows] of months) {
    rows.sort((a, b) => a[5] - b[5] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    seg[`events:${m}`] = JSON.stringify(rows);
  }
  return seg;
}

export function decodeData(seg: Segments): SyncedData {
  const d = emptyData();
  if (seg.meta)
    Object.assign(d, JSON.parse(seg.meta) as Pick<SyncedData, 'account' | 'users' | 'pipelines'>);
  for (const r of JSON.parse(seg.leads ?? '[]') as LeadRow[]) d.leads.set(r[0], rowLead(r));
  for (const r of JSON.parse(seg.tasks ?? '[]') as TaskRow[]) d.tasks.set(r[0], rowTask(r));
  for (const [name, text] of Object.entries(seg)) {
    if (!name.startsWith('events:')) continue;
    for (const r of JSON.parse(text) as EventRow[]) d.events.set(r[0], rowEvent(r));
  }
  return d;
}

/** Max characters per cell is 50 000; stay below it. [apps-script.md §1.7] */
export const CELL_CHARS = 45000;

/** Sheet rows [segment, part, base64 chunk] for the given segments. */
export function toRows(packed: Record<string, string>): string[][] {
  const rows: string[][] = [];
  for (const name of Object.keys(packed).sort()) {
    const b64 = packed[name];
    const parts = Math.max(1, Math.ceil(b64.length / CELL_CHARS));
    for (let i = 0; i < parts; i++)
      rows.push([name, String(i), b64.slice(i * CELL_CHARS, (i + 1) * CELL_CHARS)]);
  }
  return rows;
}

export function fromRows(rows: unknown[][]): Record<string, string> {
  const parts = new Map<string, string[]>();
  for (const r of rows) {
    const name = String(r[0] ?? '');
    if (!name) continue;
    let list = parts.get(name);
    if (!list) parts.set(name, (list = []));
    list[Number(r[1])] = String(r[2] ?? '');
  }
  return Object.fromEntries([...parts].map(([k, v]) => [k, v.join('')]));
}
