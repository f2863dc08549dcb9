/** Reads the sync's store out of a saved spreadsheet state, in Node (zlib instead of Utilities). */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { SpreadsheetState } from '../../dev/gas';
import { unpackRows, type Compressor } from '../../src/storage/store-codec';
import type { StoreData } from '../../src/shapes/store-data';
import { decodeStore } from '../../src/storage/store-rows';

export const nodeCompressor: Compressor = {
  pack: (text) => gzipSync(Buffer.from(text, 'utf8')).toString('base64'),
  unpack: (b64) => gunzipSync(Buffer.from(b64, 'base64')).toString('utf8'),
};

/** The sheet our metadata marks with the role (or null). */
export function sheetOfRole(state: SpreadsheetState, role: string) {
  const meta = (state.metadata ?? []).find((m) => m.key === 'amoRating.sheet' && m.value === role);
  return meta ? (state.sheets.find((s) => s.id === meta.sheetId) ?? null) : null;
}

export function storeRows(state: SpreadsheetState, role = 'store'): string[][] | null {
  const sheet = sheetOfRole(state, role);
  if (!sheet) return null;
  return sheet.rows
    .filter(Boolean)
    .map((r) =>
      (r ?? [])
        .slice(0, 3)
        .map((c) => (typeof c?.v === 'string' || typeof c?.v === 'number' ? String(c.v) : '')),
    );
}

export function readStoreFromState(state: SpreadsheetState, role = 'store'): StoreData | null {
  const rows = storeRows(state, role);
  if (!rows) return null;
  const blocks = unpackRows(rows);
  return decodeStore(
    Object.keys(blocks.manifest.segments),
    (name) => nodeCompressor.unpack(blocks.packed[name] ?? ''),
    (name) => blocks.manifest.segments[name]?.items ?? 0,
  );
}
