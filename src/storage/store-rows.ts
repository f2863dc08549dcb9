/**
 * What the store keeps and its compact rows: the account, users and pipelines as the schemas
 * read them; leads, tasks and events as arrays of fields in a fixed order, events by month so a
 * daily sync re-packs only the months it touched. Each row is checked as it is decoded.
 */
import * as v from 'valibot';
import { parseJson } from '../shapes/parse-json';
import {
  AccountSchema,
  PipelineSchema,
  UserSchema,
  type AmoLead,
  type AmoTask,
} from '../shapes/amocrm';
import {
  EVENT_COLUMNS,
  eventCount,
  pushRow,
  reserve,
  rowAt,
  type EventLog,
} from '../shapes/account-data';
import { parseRows, StoreCorrupt, type Segment } from './store-codec';
import { emptyStore, monthOf, type StoreData } from '../shapes/store-data';

// ---------------------------------------------------------------- row checks
function bad(seg: string, i: number): never {
  throw new StoreCorrupt(`segment ${seg}: row ${i + 1} has an unexpected shape`);
}
const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x);
const intAt = (r: unknown[], k: number, seg: string, i: number): number => {
  const x = r[k];
  return isInt(x) ? x : bad(seg, i);
};
const intOrNullAt = (r: unknown[], k: number, seg: string, i: number): number | null => {
  const x = r[k];
  return x === null ? null : isInt(x) ? x : bad(seg, i);
};
const strOrNullAt = (r: unknown[], k: number, seg: string, i: number): string | null => {
  const x = r[k];
  return x === null ? null : typeof x === 'string' ? x : bad(seg, i);
};

// ---------------------------------------------------------------- leads and tasks
export const leadRow = (l: AmoLead): unknown[] => [
  l.id,
  l.name,
  l.responsible_user_id,
  l.status_id,
  l.pipeline_id,
  l.created_at,
  l.updated_at,
  l.closed_at,
  l.closest_task_at,
];

export function rowLead(r: unknown[], seg: string, i: number): AmoLead {
  const name = r[1];
  return {
    id: intAt(r, 0, seg, i),
    name: typeof name === 'string' ? name : bad(seg, i),
    responsible_user_id: intAt(r, 2, seg, i),
    status_id: intAt(r, 3, seg, i),
    pipeline_id: intAt(r, 4, seg, i),
    created_at: intAt(r, 5, seg, i),
    updated_at: intAt(r, 6, seg, i),
    closed_at: intOrNullAt(r, 7, seg, i),
    closest_task_at: intOrNullAt(r, 8, seg, i),
  };
}

export const taskRow = (t: AmoTask): unknown[] => [
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

export function rowTask(r: unknown[], seg: string, i: number): AmoTask {
  return {
    id: intAt(r, 0, seg, i),
    responsible_user_id: intAt(r, 1, seg, i),
    entity_id: intOrNullAt(r, 2, seg, i),
    entity_type: strOrNullAt(r, 3, seg, i),
    is_completed: intAt(r, 4, seg, i) === 1,
    task_type_id: intAt(r, 5, seg, i),
    complete_till: intAt(r, 6, seg, i),
    created_at: intAt(r, 7, seg, i),
    updated_at: intAt(r, 8, seg, i),
  };
}

/** A lead's statuses before the window: [leadId, p1, s1, p2, s2, …]. */
export function reachRow(leadId: number, pairs: readonly number[]): unknown[] {
  return [leadId, ...pairs];
}

export function rowReach(r: unknown[], seg: string, i: number): [number, number[]] {
  if (r.length < 3 || r.length % 2 === 0) bad(seg, i);
  const pairs = r.slice(1).map((_, k) => intAt(r, k + 1, seg, i));
  if (pairs.some((x) => x < 0)) bad(seg, i);
  return [intAt(r, 0, seg, i), pairs];
}

export function rowEvent(r: unknown[], seg: string, i: number): number[] {
  if (r.length !== EVENT_COLUMNS.length) bad(seg, i);
  return EVENT_COLUMNS.map((_, k) => intAt(r, k, seg, i));
}

// ---------------------------------------------------------------- segments

const MetaSchema = v.object({
  account: v.nullable(AccountSchema),
  users: v.array(UserSchema),
  pipelines: v.array(PipelineSchema),
});

export function metaSegment(d: Pick<StoreData, 'account' | 'users' | 'pipelines'>): Segment {
  return {
    json: JSON.stringify({ account: d.account, users: d.users, pipelines: d.pipelines }),
    items: 1,
  };
}

export function decodeMeta(json: string): Pick<StoreData, 'account' | 'users' | 'pipelines'> {
  const meta = parseJson(json, MetaSchema);
  if (!meta) throw new StoreCorrupt('segment meta: unexpected shape');
  return meta;
}

/** Events' segments by month, in log order. */
export function eventSegments(
  log: EventLog,
  months?: ReadonlySet<string>,
): Record<string, Segment> {
  const byMonth = new Map<string, unknown[][]>();
  for (let i = 0; i < eventCount(log); i++) {
    const m = monthOf(log.at[i] ?? 0);
    if (months && !months.has(m)) continue;
    let list = byMonth.get(m);
    if (!list) byMonth.set(m, (list = []));
    list.push(rowAt(log, i));
  }
  const out: Record<string, Segment> = {};
  for (const [m, rows] of byMonth)
    out[`events:${m}`] = { json: JSON.stringify(rows), items: rows.length };
  return out;
}

/** The meta, leads, tasks and reaches segments (events are packed by month, apart). */
export function baseSegments(d: StoreData): Record<string, Segment> {
  const leads = [...d.leads.values()].sort((a, b) => a.id - b.id);
  const tasks = [...d.tasks.values()].sort((a, b) => a.id - b.id);
  const reaches = [...d.reaches].sort((a, b) => a[0] - b[0]);
  return {
    meta: metaSegment(d),
    leads: { json: JSON.stringify(leads.map(leadRow)), items: leads.length },
    tasks: { json: JSON.stringify(tasks.map(taskRow)), items: tasks.length },
    reaches: {
      json: JSON.stringify(reaches.map(([id, pairs]) => reachRow(id, pairs))),
      items: reaches.length,
    },
  };
}

/** Every segment of a store. */
export function storeSegments(d: StoreData): Record<string, Segment> {
  return { ...baseSegments(d), ...eventSegments(d.events) };
}

/**
 * Decodes segment texts one at a time (the caller unpacks them lazily), so the biggest
 * transient is one segment's parsed JSON, never the whole store at once.
 */
export function decodeStore(
  names: string[],
  text: (name: string) => string,
  items: (name: string) => number,
): StoreData {
  const d = emptyStore();
  if (!names.includes('meta')) throw new StoreCorrupt('segment meta is missing');
  Object.assign(d, decodeMeta(text('meta')));
  parseRows('leads', text('leads'), items('leads')).forEach((r, i) => {
    const l = rowLead(r, 'leads', i);
    d.leads.set(l.id, l);
  });
  parseRows('tasks', text('tasks'), items('tasks')).forEach((r, i) => {
    const t = rowTask(r, 'tasks', i);
    d.tasks.set(t.id, t);
  });
  // a format-2 store has no reaches: it kept none
  if (names.includes('reaches'))
    parseRows('reaches', text('reaches'), items('reaches')).forEach((r, i) => {
      const [id, pairs] = rowReach(r, 'reaches', i);
      d.reaches.set(id, pairs);
    });
  const months = names.filter((n) => n.startsWith('events:')).sort();
  // the manifest says how many events there are: one allocation, no growing
  reserve(
    d.events,
    months.reduce((n, name) => n + items(name), 0),
  );
  let last = -Infinity;
  for (const name of months) {
    parseRows(name, text(name), items(name)).forEach((r, i) => {
      const row = rowEvent(r, name, i);
      const at = row[2] ?? 0;
      if (at < last || monthOf(at) !== name.slice(7)) bad(name, i);
      last = at;
      pushRow(d.events, row);
    });
  }
  return d;
}
