/**
 * Ground truth for the sync: what the store must hold, taken from the emulator's own account
 * (`/_emulator/dump`), not from another run of the sync. Within the history window: every open
 * deal, every deal changed since the window opened, every task still open or changed since, the
 * deals those tasks are on, and the events of the rating's kinds — each with the fields the
 * rating reads. Stated from the amoCRM reference (docs/services.md, part A: event types and
 * their values) and docs/rules.md §2.1–§2.2 (what the rating reads, the window); it imports
 * nothing from src/ — the store's side of the comparison is `storeView` in sync-harness.ts.
 */
import { control } from '../../dev/emulator/processes';

interface DumpLead {
  id: number;
  name: string;
  status_id: number;
  pipeline_id: number;
  responsible_user_id: number;
  updated_at: number;
  closed_at: number | null;
  is_deleted?: boolean;
}
interface DumpTask {
  id: number;
  entity_id: number | null;
  entity_type: string | null;
  responsible_user_id: number;
  is_completed: boolean;
  updated_at: number;
  complete_till: number;
  is_deleted?: boolean;
}
interface DumpEvent {
  id: string;
  type: string;
  entity_id: number;
  entity_type: string;
  created_by: number;
  created_at: number;
  value_after: unknown[];
  value_before: unknown[];
}
export interface Dump {
  now: number;
  leads: DumpLead[];
  tasks: DumpTask[];
  events: DumpEvent[];
  users: Array<{ id: number }>;
}

/**
 * One event the rating reads, in a form of its own: a stage move (pipeline and status after and
 * before), a change of a deal's responsible user (user after and before), a completed task.
 * `before` is empty when amoCRM sent none; `robot` when made by automation (`created_by: 0`).
 */
export interface TruthEvent {
  type: 'lead_status_changed' | 'entity_responsible_changed' | 'task_completed';
  entity_id: number;
  created_at: number;
  robot: boolean;
  after: number[];
  before: number[];
}

/** A dump changed before the truth is taken (e.g. without the records the rating leaves out). */
export type PrepareDump = (dump: Dump) => Dump;

const CLOSED = new Set([142, 143]);

export const leadFields = (l: DumpLead) => [
  l.id,
  l.name,
  l.status_id,
  l.pipeline_id,
  l.responsible_user_id,
  l.updated_at,
  l.closed_at ?? null,
];
export const taskFields = (t: DumpTask) => [
  t.id,
  t.responsible_user_id,
  t.is_completed,
  t.updated_at,
  t.complete_till,
];

/**
 * The history window's start (unix s) for a sync at `nowMs`: the start of the previous calendar
 * quarter in UTC, less 14 hours so that it covers local midnight in any zone (docs/rules.md §2.2).
 */
export function windowStart(nowMs: number): number {
  const d = new Date(nowMs);
  const quarter = Math.floor(d.getUTCMonth() / 3) * 3;
  return Date.UTC(d.getUTCFullYear(), quarter - 3, 1) / 1000 - 14 * 3600;
}

const statusOf = (v: unknown): number[] => {
  const s = (v as { lead_status?: { id?: unknown; pipeline_id?: unknown } } | undefined)
    ?.lead_status;
  return typeof s?.id === 'number' && typeof s.pipeline_id === 'number'
    ? [s.pipeline_id, s.id]
    : [];
};
const userOf = (v: unknown): number[] => {
  const id = (v as { responsible_user?: { id?: unknown } } | undefined)?.responsible_user?.id;
  return typeof id === 'number' ? [id] : [];
};

/** The rating's reading of an API event, or null for one it does not read. */
export function truthEvent(e: DumpEvent): TruthEvent | null {
  const base = { entity_id: e.entity_id, created_at: e.created_at, robot: e.created_by === 0 };
  if (e.type === 'lead_status_changed' && e.entity_type === 'lead') {
    const after = statusOf(e.value_after[0]);
    return after.length
      ? { ...base, type: e.type, after, before: statusOf(e.value_before[0]) }
      : null;
  }
  if (e.type === 'entity_responsible_changed' && e.entity_type === 'lead') {
    const after = userOf(e.value_after[0]);
    return after.length
      ? { ...base, type: e.type, after, before: userOf(e.value_before[0]) }
      : null;
  }
  if (e.type === 'task_completed' && e.entity_type === 'task')
    return { ...base, type: e.type, after: [], before: [] };
  return null;
}

/** Events in one order whatever the order of their keys: by time, deal or task, kind, values. */
export function sortEvents(events: TruthEvent[]): TruthEvent[] {
  const keyed = events.map((e) => ({
    e,
    key: JSON.stringify([e.created_at, e.entity_id, e.type, e.after, e.before, e.robot]),
  }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((k) => k.e);
}

/** What the store of a sync that ran up to `until` (unix s) must hold. */
export async function truthOf(amo: { url: string }, until: number, prepare?: PrepareDump) {
  const raw = await control<Dump>(amo.url, 'dump');
  const dump = prepare ? prepare(raw) : raw;
  const from = windowStart(until * 1000);
  const keptTasks = dump.tasks.filter(
    (t) => !t.is_deleted && (!t.is_completed || t.updated_at >= from),
  );
  const onTasks = new Set(
    keptTasks.flatMap((t) =>
      t.entity_type === 'leads' && t.entity_id !== null ? [t.entity_id] : [],
    ),
  );
  const leads = dump.leads
    .filter(
      (l) =>
        !l.is_deleted &&
        (!CLOSED.has(l.status_id) ||
          l.updated_at >= from ||
          (l.closed_at ?? 0) >= from ||
          onTasks.has(l.id)),
    )
    .map(leadFields)
    .sort((a, b) => Number(a[0]) - Number(b[0]));
  const tasks = keptTasks.map(taskFields).sort((a, b) => Number(a[0]) - Number(b[0]));
  const events = sortEvents(
    dump.events
      .filter((e) => e.created_at >= from && e.created_at <= until)
      .map(truthEvent)
      .filter((e): e is TruthEvent => e !== null),
  );
  return { leads, tasks, events, users: dump.users.map((u) => u.id).sort() };
}
