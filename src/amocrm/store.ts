/**
 * The sync's store in the spreadsheet: a hidden sheet of gzip+base64 blocks, one row per
 * ≤ 45 000-character part. Why blocks and not a sheet of rows: a 100 k-lead account has about
 * a million events; as rows that is millions of cells (the whole spreadsheet may hold 10 M),
 * as gzip blocks a few hundred cells — and either is read and written with one call. Only
 * segments whose text changed are re-compressed.
 */
import {
  decodeData,
  encodeData,
  fromRows,
  toRows,
  type Compressor,
  type Segments,
  type SyncedData,
} from './store-codec';

export const STORE_SHEET = '_amocrm_store';
export const STAGING_SHEET = '_amocrm_staging';

export const gasCompressor: Compressor = {
  pack: (text) =>
    Utilities.base64Encode(Utilities.gzip(Utilities.newBlob(text, 'application/json')).getBytes()),
  unpack: (b64) =>
    Utilities.ungzip(
      Utilities.newBlob(Utilities.base64Decode(b64), 'application/x-gzip'),
    ).getDataAsString(),
};

function sheet(name: string, create: boolean): GoogleAppsScript.Spreadsheet.Sheet | null {
  const ss = SpreadsheetApp.getActive();
  let sh = ss.getSheetByName(name);
  if (!sh && create) {
    sh = ss.insertSheet(name);
    sh.hideSheet();
  }
  return sh;
}

export interface LoadedStore {
  data: SyncedData;
  /** segment → [json, packed] as read, to skip re-compressing unchanged segments */
  cache: Map<string, [string, string]>;
}

export function readStore(
  name = STORE_SHEET,
  compressor: Compressor = gasCompressor,
): LoadedStore | null {
  const sh = sheet(name, false);
  if (!sh || sh.getLastRow() === 0) return null;
  const packed = fromRows(sh.getRange(1, 1, sh.getLastRow(), 3).getValues());
  const cache = new Map<string, [string, string]>();
  const segs: Segments = {};
  for (const [k, b64] of Object.entries(packed)) {
    const json = compressor.unpack(b64);
    segs[k] = json;
    cache.set(k, [json, b64]);
  }
  return { data: decodeData(segs), cache };
}

/** One setValues for the whole store, then the rows left over from a bigger store are cleared. */
export function writeStore(
  data: SyncedData,
  cache: Map<string, [string, string]> | null,
  name = STORE_SHEET,
  compressor: Compressor = gasCompressor,
): number {
  const segs = encodeData(data);
  const packed: Record<string, string> = {};
  for (const [k, json] of Object.entries(segs)) {
    const hit = cache?.get(k);
    packed[k] = hit && hit[0] === json ? hit[1] : compressor.pack(json);
  }
  const rows = toRows(packed);
  const sh = sheet(name, true) as GoogleAppsScript.Spreadsheet.Sheet;
  const old = sh.getLastRow();
  if (sh.getMaxRows() < rows.length)
    sh.insertRowsAfter(sh.getMaxRows(), rows.length - sh.getMaxRows());
  // plain text: base64 must never be parsed as a number or formula
  sh.getRange(1, 1, rows.length, 3).setNumberFormat('@').setValues(rows);
  if (old > rows.length) sh.getRange(rows.length + 1, 1, old - rows.length, 3).clearContent();
  return rows.reduce((n, r) => n + r[2].length, 0);
}

export function clearStore(name: string): void {
  const sh = sheet(name, false);
  if (sh) SpreadsheetApp.getActive().deleteSheet(sh);
}
