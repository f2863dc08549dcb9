/** Each sync run leaves a record; the sheet's status line and the menu read the last ones. */
export type SyncOutcome = 'complete' | 'partial' | 'failed' | 'skipped';

export interface SyncRecord {
  /** ISO instants: Dates cannot cross google.script.run */
  startedAt: string;
  endedAt: string;
  kind: 'full' | 'incremental';
  outcome: SyncOutcome;
  executions: number;
  requests: number;
  retries: number;
  items: { leads: number; tasks: number; events: number };
  error?: string;
  errorCode?: string;
}

export const RECORDS_KEY = 'sync.records';
const KEEP = 20;

export function saveRecord(r: SyncRecord): void {
  const props = PropertiesService.getDocumentProperties();
  const list = readRecords();
  list.unshift(r);
  props.setProperty(RECORDS_KEY, JSON.stringify(list.slice(0, KEEP)));
}

export function readRecords(): SyncRecord[] {
  try {
    return JSON.parse(
      PropertiesService.getDocumentProperties().getProperty(RECORDS_KEY) ?? '[]',
    ) as SyncRecord[];
  } catch {
    return [];
  }
}
