/** Each sync run leaves a record; the menu's status and the sidebar read the last ones. */
import { utf8Bytes } from '../shapes/utf8-bytes';
import * as v from 'valibot';
import { parseJson } from '../shapes/parse-json';
import type { OddRecord } from './responses';

const int = v.pipe(v.number(), v.integer());

export const SyncRecordSchema = v.object({
  /** ISO instants: Dates cannot cross google.script.run */
  startedAt: v.string(),
  endedAt: v.string(),
  kind: v.picklist(['full', 'incremental']),
  outcome: v.picklist(['complete', 'partial', 'failed', 'skipped']),
  executions: int,
  requests: int,
  retries: int,
  items: v.object({ leads: int, tasks: int, events: int }),
  error: v.optional(v.string()),
  errorCode: v.optional(v.string()),
  /** the store was missing or damaged and is being rebuilt */
  storeProblem: v.optional(v.string()),
  /** the unfinished sync's checkpoint was damaged: the sync started over */
  checkpointProblem: v.optional(v.string()),
  /** items this sync left out as odd records (docs/rules.md §2.8) */
  odd: v.optional(int),
});
export type SyncRecord = v.InferOutput<typeof SyncRecordSchema>;
export type SyncOutcome = SyncRecord['outcome'];

export const RECORDS_KEY = 'sync.records';
const KEEP = 20;
/**
 * A property value holds at most 9 KB (docs/services.md §1.4): the list is cut by its size in
 * UTF-8 bytes, not only by count, so a run of failures with long Russian reasons never makes the
 * next save throw «Argument too large».
 */
export const RECORDS_MAX_BYTES = 8000;
const ERROR_MAX_CHARS = 500;

/** The newest records that fit the property, newest first; a long reason is shortened. */
export function recordsToStore(list: SyncRecord[]): string {
  const kept = list
    .slice(0, KEEP)
    .map((r) =>
      r.error !== undefined && r.error.length > ERROR_MAX_CHARS
        ? { ...r, error: `${r.error.slice(0, ERROR_MAX_CHARS - 1)}…` }
        : r,
    );
  let text = JSON.stringify(kept);
  while (kept.length > 1 && utf8Bytes(text) > RECORDS_MAX_BYTES) {
    kept.pop();
    text = JSON.stringify(kept);
  }
  return text;
}

export function saveRecord(r: SyncRecord): void {
  const list = readRecords();
  list.unshift(r);
  PropertiesService.getDocumentProperties().setProperty(RECORDS_KEY, recordsToStore(list));
}

/** The stored records, each checked; a damaged list reads as empty. */
export function readRecords(): SyncRecord[] {
  return (
    parseJson(
      PropertiesService.getDocumentProperties().getProperty(RECORDS_KEY),
      v.array(SyncRecordSchema),
    ) ?? []
  );
}

const OddRecordSchema = v.object({
  list: v.picklist(['leads', 'tasks', 'events', 'users']),
  id: v.string(),
  field: v.string(),
  why: v.string(),
  userId: v.optional(int),
});

/**
 * The odd records the rating is missing now: those of the last full sync and of every later
 * incremental one, less those amoCRM has since sent in good shape. Listed up to ODD_KEEP (a
 * document property holds 9 KB); `more` counts the rest.
 */
export interface OddStanding {
  records: OddRecord[];
  more: number;
}
const OddStandingSchema = v.object({ records: v.array(OddRecordSchema), more: int });

export const ODD_KEY = 'sync.oddRecords';
export const ODD_KEEP = 30;

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** What the rating misses after a complete sync. Pure. */
export function nextOddStanding(
  prev: OddStanding | null,
  sync: {
    full: boolean;
    /** the item came in good shape in this sync: its old odd record is gone */
    fetchedGood: (r: OddRecord) => boolean;
    odd: Iterable<OddRecord>;
  },
): OddStanding {
  const byKey = new Map<string, OddRecord>();
  let more = sync.full || !prev ? 0 : prev.more;
  const key = (r: OddRecord) => `${r.list}:${r.id}`;
  if (!sync.full && prev)
    for (const r of prev.records)
      if (r.list !== 'users' && !sync.fetchedGood(r)) byKey.set(key(r), r);
  for (const r of sync.odd)
    byKey.set(key(r), {
      ...r,
      id: clip(r.id, 40),
      field: clip(r.field, 60),
      why: clip(r.why, 100),
    });
  const all = [...byKey.values()];
  more += Math.max(0, all.length - ODD_KEEP);
  return { records: all.slice(-ODD_KEEP), more };
}

export function saveOddStanding(s: OddStanding): void {
  PropertiesService.getDocumentProperties().setProperty(ODD_KEY, JSON.stringify(s));
}

/** The standing odd records; none when there are none or the list is damaged. */
export function readOddStanding(): OddStanding {
  return (
    parseJson(
      PropertiesService.getDocumentProperties().getProperty(ODD_KEY),
      OddStandingSchema,
    ) ?? {
      records: [],
      more: 0,
    }
  );
}
