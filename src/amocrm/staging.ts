/**
 * What an unfinished sync fetched so far: kept in the staging sheet together with the sync's
 * state, and folded into the store when every step is done (sync-merge.ts).
 */
import { emptyStore, type StoreData } from '../shapes/store-data';
import type { OddRecord } from './responses';

/** What one run fetched so far; kept in the staging sheet together with the state. */
export interface Staging extends Omit<StoreData, 'events' | 'reaches'> {
  /** by event id: a page boundary may repeat an event, never skip one */
  events: Map<string, number[]>;
  /** lead ids → the moment of their lead_deleted event */
  deleted: Map<number, number>;
  restored: Set<number>;
  /** task ids → the moment of their task_deleted event */
  deletedTasks: Map<number, number>;
  /** items left out as odd records, by oddKey (a page boundary may repeat one) */
  odd: Map<string, OddRecord>;
}

/** 'leads:123': one odd record per item, however often it is fetched */
export function oddKey(r: { list: string; id: string }): string {
  return `${r.list}:${r.id}`;
}

export function emptyStaging(): Staging {
  const { events: _events, reaches: _reaches, ...store } = emptyStore();
  return {
    ...store,
    events: new Map(),
    deleted: new Map(),
    restored: new Set(),
    deletedTasks: new Map(),
    odd: new Map(),
  };
}
