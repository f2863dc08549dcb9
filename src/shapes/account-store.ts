/**
 * The store of the account's data, as the sync and the refresh see it: two implementations, the
 * spreadsheet store (the default: gzip blocks in a hidden sheet, account-store.ts) and the
 * BigQuery store (raw records appended to tables in the head's project, src/bigquery/). The sync
 * offers a completed sync both ways — the merged store (computed only when asked) and the
 * changes it fetched — and each store takes the form it keeps.
 */
import type { AmoAccount, AmoLead, AmoPipeline, AmoTask, AmoUser } from './amocrm';
import type { StoreData } from './store-data';
import type { AccountMeta, Calendar, EngineSettings, ItemDetails, RatingFacts } from '../engine';

/**
 * What a store that computes the rating's facts itself (the BigQuery store, by GoogleSQL) hands
 * the refresh instead of its records (app/account-source.ts FactsAtHand): the account's lists, the
 * facts under given settings in the engine's calendar, the details of the items shown.
 */
export interface StoreFacts {
  meta: AccountMeta;
  facts: (settings: EngineSettings, calendar: Calendar) => RatingFacts;
  details: ItemDetails;
  /** unix s: the data is as of this moment */
  until: number;
}

export type StoreKind = 'spreadsheet' | 'bigquery';

/** Which sync built the committed store, and up to when. */
export interface StoreHead {
  syncId: string;
  /** unix s: events are complete up to this moment */
  until: number;
  /** ISO instant */
  syncedAt: string;
}

/** The committed store a sync builds on. */
export interface OpenedStore {
  head: StoreHead;
  /** the lead each wanted task is on (only those ids are decoded) */
  taskLeads(wanted: ReadonlySet<number>): Map<number, number>;
  /** everything, for a merge in memory */
  read(): StoreData;
}

/** What one completed sync fetched: the records as amoCRM sent them, plus what disappeared. */
export interface StoreChanges {
  kind: 'full' | 'incremental';
  account: AmoAccount;
  users: AmoUser[];
  pipelines: AmoPipeline[];
  leads: AmoLead[];
  tasks: AmoTask[];
  /** [event id, …the event's row] (shapes/account-data.ts EVENT_COLUMNS) */
  events: Array<[string, ...number[]]>;
  /** leads gone to the trash: [id, unix s seen] */
  deletedLeads: Array<[number, number]>;
  deletedTasks: Array<[number, number]>;
  /** unix s: the events cover [since, until] and replace what was kept for that range */
  since: number;
  until: number;
  /** unix s: the history window's start; older records are pruned */
  windowStart: number;
}

export interface CommitInput {
  head: StoreHead;
  changes: StoreChanges;
  /** the merged store (and the event months it changed): computed only for a store that keeps it */
  merged: () => { data: StoreData; dirtyMonths: ReadonlySet<string> | null };
}

/** Records one group of a sync's pages brought, as amoCRM sent them. */
export interface FetchedRecords {
  leads: AmoLead[];
  tasks: AmoTask[];
  /** [event id, …the event's row] (shapes/account-data.ts EVENT_COLUMNS) */
  events: Array<[string, ...number[]]>;
}

/**
 * A store that takes a first sync's records as they are fetched (BigQuery): each group of pages
 * is appended at once and the sync's checkpoint keeps only its cursor. Nothing appended is read
 * before the sync's commit (its `syncs` row, written last).
 */
export interface AppendingStore {
  /**
   * Appends the records under `key` (the sync, the step and the pages): the same key again — a
   * resumed run re-sending the same pages — appends nothing.
   */
  append(key: string, syncId: string, syncedAt: string, records: FetchedRecords): void;
  /**
   * The leads a full sync must read by id: those its appended tasks are on, and `restored`,
   * less the leads it appended itself.
   */
  leadsToReread(syncId: string, restored: readonly number[]): number[];
}

export interface AccountStore {
  readonly kind: StoreKind;
  /** present when a first sync appends its records as it fetches them */
  readonly appending?: AppendingStore;
  /** The committed store, verified; a problem when it is missing or damaged (rebuilt by a full sync). */
  open(): { store: OpenedStore | null; problem?: string };
  /** Commits a completed sync; returns the store's new head and the data the refresh computes from. */
  commit(input: CommitInput, previous: OpenedStore | null): { head: StoreHead; data: StoreData };
  /** The committed store for a publish without a sync and for the previews; null when there is none. */
  readCommitted(): { head: StoreHead; data: StoreData } | null;
  /**
   * The committed store's facts, computed by the store (never its records in the heap); absent
   * for a store whose records the engine reads (the spreadsheet store); null with no store yet.
   */
  factsAtHand?(): StoreFacts | null;
  /** the committed store is being rebuilt: its absence is expected until it is */
  forget(): void;
  /** an earlier run committed this store and stopped before tidying up */
  confirm(syncId: string): void;
}
