/** The sidebar's list of the last refreshes: the hourly retries of one problem read as one entry. */
import type { SyncRecord } from '../../amocrm/sync-record';

/** refreshes listed (a run of one problem counts once) */
export const SHOWN = 5;

/**
 * The records, newest first, with a run of the same outcome and error (the hourly retry of one
 * problem) as one entry: how many times, and since when.
 */
export function collapseRecords(
  records: SyncRecord[],
): Array<{ first: SyncRecord; last: SyncRecord; n: number }> {
  const out: Array<{ first: SyncRecord; last: SyncRecord; n: number }> = [];
  for (const r of records) {
    const prev = out[out.length - 1];
    if (
      prev?.first.outcome === r.outcome &&
      (prev.first.error ?? '') === (r.error ?? '') &&
      r.outcome !== 'complete'
    ) {
      prev.first = r; // older
      prev.n++;
    } else out.push({ first: r, last: r, n: 1 });
  }
  return out;
}
