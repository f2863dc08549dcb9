/** Reads the sync's store out of a saved spreadsheet state, in Node (zlib instead of Utilities). */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { SpreadsheetState } from '../../dev/gas';
import {
  decodeData,
  fromRows,
  type Compressor,
  type SyncedData,
} from '../../src/amocrm/store-codec';

export const nodeCompressor: Compressor = {
  pack: (text) => gzipSync(Buffer.from(text, 'utf8')).toString('base64'),
  unpack: (b64) => gunzipSync(Buffer.from(b64, 'base64')).toString('utf8'),
};

export function readStoreFromState(
  state: SpreadsheetState,
  sheetName = '_amocrm_store',
): SyncedData | null {
  const sheet = state.sheets.find((s) => s.name === sheetName);
  if (!sheet) return null;
  const rows = sheet.rows
    .filter(Boolean)
    .map((r) => (r ?? []).slice(0, 3).map((c) => (c?.v === undefined ? '' : String(c.v))));
  const packed = fromRows(rows);
  return decodeData(
    Object.fromEntries(Object.entries(packed).map(([k, v]) => [k, nodeCompressor.unpack(v)])),
  );
}
