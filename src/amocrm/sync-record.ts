/** Each sync run leaves a record; the menu's status and the sidebar read the last ones. */
import * as v from 'valibot';
import { parseJson } from '../shapes/parse-json';

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
});
export type SyncRecord = v.InferOutput<typeof SyncRecordSchema>;
export type SyncOutcome = SyncRecord['outcome'];

export const RECORDS_KEY = 'sync.records';
const KEEP = 20;

export function saveRecord(r: SyncRecord): void {
  const list = readRecords();
  list.unshift(r);
  PropertiesService.getDocumentProperties().setProperty(
    RECORDS_KEY,
    JSON.stringify(list.slice(0, KEEP)),
  );
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
