/**
 * What an unfinished sync fetched so far: kept in the staging sheet together with the sync's
 * state, and folded into the store when every step is done (sync-merge.ts).
 */
import { emptyStore, type StoreData } from '../shapes/store-data';

/** What one run fetched so far; kept in the staging sheet together with the state. */
export interface Staging extends Omit<StoreData, 'events' | 'reaches'> {
  /** by event id: a page boundary may repeat an event, never skip one */
  events: Map<string, number[]>;
  /** lead ids → the moment of their lead_deleted event */
  deleted: Map<number, number>;
  restored: Set<number>;
  /** task ids → the moment of their task_deleted event */
  deletedTasks: Map<number, number>;
}

export function emptyStaging(): Staging {
  const { events: _events, reaches: _reaches, ...store } = emptyStore();
  return {
    ...store,
    events: new Map(),
    deleted: new Map(),
    restored: new Set(),
    deletedTasks: new Map(),
  };
}
