/**
 * Ground truth for the sync: what the store must hold, taken from the emulator's own account
 * (`/_emulator/dump`), not from another run of the sync. Within the history window: every open
 * deal, every deal changed since the window opened, every task still open or changed since, the
 * deals those tasks are on, and the events of the rating's kinds — each with the fields the
 * rating reads.
 */
import { historyWindowStart } from '../../src/amocrm/sync-plan';
import type { StoreData } from '../../src/shapes/store-data';
import { eventCount, eventLogFromApi, rowAt } from '../../src/shapes/account-data';
import { isRatingEventType, type AmoEvent } from '../../src/shapes/amocrm';
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
export interface Dump {
  now: number;
  leads: DumpLead[];
  tasks: DumpTask[];
  events: AmoEvent[];
  users: Array<{ id: number }>;
}

/** A dump changed before the truth is taken (e.g. without the records the rating leaves out). */
export type PrepareDump = (dump: Dump) => Dump;

const CLOSED = new Set([142, 143]);

const leadFields = (l: DumpLead) => [
  l.id,
  l.name,
  l.status_id,
  l.pipeline_id,
  l.responsible_user_id,
  l.updated_at,
  l.closed_at ?? null,
];
const taskFields = (t: DumpTask) => [
  t.id,
  t.responsible_user_id,
  t.is_completed,
  t.updated_at,
  t.complete_till,
];

/** What the store of a sync that ran up to `until` (unix s) must hold. */
export async function truthOf(amo: { url: string }, until: number, prepare?: PrepareDump) {
  const raw = await control<Dump>(amo.url, 'dump');
  const dump = prepare ? prepare(raw) : raw;
  const from = historyWindowStart(until * 1000);
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
  const log = eventLogFromApi(
    dump.events.filter(
      (e) => isRatingEventType(e.type) && e.created_at >= from && e.created_at <= until,
    ),
  );
  const events: number[][] = [];
  for (let i = 0; i < eventCount(log); i++) events.push(rowAt(log, i));
  return { leads, tasks, events: events.sort(cmpRows), users: dump.users.map((u) => u.id).sort() };
}

function cmpRows(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/** The same view of a store. */
export function viewOf(d: StoreData) {
  const events: number[][] = [];
  for (let i = 0; i < eventCount(d.events); i++) events.push(rowAt(d.events, i));
  return {
    leads: [...d.leads.values()]
      .map((l) => leadFields(l as unknown as DumpLead))
      .sort((a, b) => Number(a[0]) - Number(b[0])),
    tasks: [...d.tasks.values()]
      .map((t) => taskFields(t as unknown as DumpTask))
      .sort((a, b) => Number(a[0]) - Number(b[0])),
    events: events.sort(cmpRows),
    users: d.users.map((u) => u.id).sort(),
  };
}
