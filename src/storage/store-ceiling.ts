/**
 * What one spreadsheet can hold, and the refusal when an account needs more. The spreadsheet
 * store keeps the whole history window in one execution's memory and packs each part into one
 * Blob (50 MB at most, docs/services.md §1.7a); past its ceiling the first sync would stop with
 * Apps Script's own "Argument too large" or run out of heap. The product refuses first, in words.
 */

import * as v from 'valibot';
import { parseJson } from '../shapes/parse-json';

/**
 * Deals in the history window one spreadsheet store holds within the daily bounds (256 MiB of
 * heap, one 6-minute execution). Measured with `npm run bench` (tools/bench/run.ts) on generated
 * accounts: the daily refresh's peak heap grows about 1.8 MiB per 1,000 deals (174–204 MiB at
 * 100 k, 357 MiB at 200 k); the 256 MiB bound is crossed between 128 k and 145 k deals, and a
 * 300 k account broke the 50 MB Blob in its first sync. About 95 % of a generated account's deals
 * fall in the history window (the emulator's counts: 18,952 of 20,000), so the crossing is at
 * 121 k–138 k deals in the window; the ceiling keeps a margin below it. A size past the ceiling
 * shows in the bench as refused, with the words the head reads.
 */
export const SPREADSHEET_STORE_CEILING_DEALS = 120_000;

/**
 * document property: a lower ceiling for this spreadsheet (support can set it when an account's
 * records are unusually heavy; the tests use it to reach the ceiling on a small account). It can
 * only lower the ceiling, never raise it past the measured one.
 */
export const CEILING_KEY = 'store.ceilingDeals';

/** document property: the last measurement of the account (AccountMeasure as JSON) */
export const MEASURE_KEY = 'store.accountSize';

/** A packed part of the store at most this many bytes: under the 50 MB Blob with room for gzip's header. */
export const MAX_SEGMENT_BYTES = 45 * 1024 * 1024;

export function ceilingDeals(): number {
  const raw = PropertiesService.getDocumentProperties().getProperty(CEILING_KEY);
  const n = raw === null ? NaN : Number(raw);
  return Number.isInteger(n) && n >= 0
    ? Math.min(n, SPREADSHEET_STORE_CEILING_DEALS)
    : SPREADSHEET_STORE_CEILING_DEALS;
}

/** The spreadsheet store refuses an account bigger than it can hold. */
export class StoreFull extends Error {
  constructor(
    /** deals in the history window (measured), or null when the refusal came from a part's size */
    readonly deals: number | null,
    readonly ceiling: number,
    /** the size in bytes of the part that would not fit, when that is what refused */
    readonly bytes?: number,
  ) {
    super(
      deals !== null
        ? `the account has ${deals} deals in the history window; one spreadsheet holds about ${ceiling}`
        : `a part of the store would be ${bytes ?? 0} bytes; a Blob holds ${MAX_SEGMENT_BYTES}`,
    );
    this.name = 'StoreFull';
  }
}

/** Refuses a part too big to pack (before Apps Script's Blob would). */
export function checkSegmentSize(
  text: string,
  bytesOf: (s: string) => number,
  ceiling: () => number = ceilingDeals,
): void {
  // UTF-8 is at least one byte a character and at most three (per UTF-16 unit): count only when unsure
  if (text.length * 3 <= MAX_SEGMENT_BYTES) return;
  const bytes = text.length > MAX_SEGMENT_BYTES ? text.length : bytesOf(text);
  if (bytes > MAX_SEGMENT_BYTES) throw new StoreFull(null, ceiling(), bytes);
}

/**
 * The BigQuery store's monthly cost for an account of `deals` deals in the history window, in US
 * dollars at on-demand list prices (docs/services.md §BigQuery: $6.25 per TiB scanned after the
 * first free TiB, $0.02 per GiB-month of active storage after the first free 10 GiB). The sizes
 * are estimates: about 3 KB stored per deal with its events and tasks, and a daily refresh's
 * queries reading the window four times over (partition-pruned, columns only).
 */
export function bigQueryMonthlyCostUsd(deals: number): {
  storedGiB: number;
  scannedTiB: number;
  usd: number;
} {
  const GiB = 1024 ** 3;
  const stored = (deals * 3 * 1024) / GiB;
  const scanned = (stored * 4 * 30) / 1024;
  const usd = Math.max(0, scanned - 1) * 6.25 + Math.max(0, stored - 10) * 0.02;
  return { storedGiB: stored, scannedTiB: scanned, usd: Math.round(usd * 100) / 100 };
}

const MeasureSchema = v.object({
  deals: v.pipe(v.number(), v.integer(), v.minValue(0)),
  exact: v.boolean(),
  /** unix s: the history window's start */
  since: v.number(),
  /** ISO instant of the measurement */
  at: v.string(),
});
export type AccountMeasure = v.InferOutput<typeof MeasureSchema>;

export function saveMeasure(m: AccountMeasure): void {
  PropertiesService.getDocumentProperties().setProperty(MEASURE_KEY, JSON.stringify(m));
}

/** The last measurement, or null (none, or unreadable: measured again). */
export function readMeasure(): AccountMeasure | null {
  const raw = PropertiesService.getDocumentProperties().getProperty(MEASURE_KEY);
  return raw === null ? null : parseJson(raw, MeasureSchema);
}
