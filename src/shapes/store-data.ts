/**
 * What the sync keeps of an account: the account, users and pipelines as amoCRM sends them, and
 * leads, tasks and events by id. Plain data shared by the sync (which fills it), the storage
 * (which packs it) and the application (which hands it to the engine).
 */
import type { AmoAccount, AmoLead, AmoPipeline, AmoTask, AmoUser } from './amocrm';
import { emptyEventLog, type AccountData, type EventLog } from './account-data';

export interface StoreData {
  account: AmoAccount | null;
  users: AmoUser[];
  pipelines: AmoPipeline[];
  leads: Map<number, AmoLead>;
  tasks: Map<number, AmoTask>;
  events: EventLog;
  /** statuses each lead reached before the history window (kept when its events are pruned) */
  reaches: Map<number, number[]>;
}

export function emptyStore(): StoreData {
  return {
    account: null,
    users: [],
    pipelines: [],
    leads: new Map(),
    tasks: new Map(),
    events: emptyEventLog(),
    reaches: new Map(),
  };
}

/** The store as the engine reads it (needs the account). */
export function accountData(d: StoreData): AccountData | null {
  if (!d.account) return null;
  return {
    account: d.account,
    users: d.users,
    pipelines: d.pipelines,
    // re-iterable views, not one-shot iterators: several engines may read the same store
    leads: { [Symbol.iterator]: () => d.leads.values() },
    tasks: { [Symbol.iterator]: () => d.tasks.values() },
    events: d.events,
    priorReaches: d.reaches,
  };
}

/** Events are kept by month (UTC) so a daily sync re-packs only the months it touched. */
export const monthOf = (unix: number) => new Date(unix * 1000).toISOString().slice(0, 7);
