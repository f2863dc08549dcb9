/**
 * The sync's store in the spreadsheet: a hidden sheet of gzip+base64 blocks under a manifest
 * (store-codec.ts), found by developer metadata. Why blocks and not a sheet of rows: a 100 k-lead
 * account keeps hundreds of thousands of events; as rows that is millions of cells (the whole
 * spreadsheet may hold 10 M), as gzip blocks a few hundred cells — read and written with one call
 * each. The staging sheet holds an unfinished sync: its state and what it fetched, written
 * together in one call, so they always move together.
 */
import { utf8Bytes } from '../shapes/utf8-bytes';
import { deleteSheet, ensureSheet, findSheet, type SheetRole } from '../workbook/our-sheets';
import { checkSegmentSize } from './store-ceiling';
import {
  packStore,
  StoreCorrupt,
  unpackRows,
  type Compressor,
  type Manifest,
  type PreviousStore,
  type Segment,
} from './store-codec';

export const STORE_SHEET_NAME = '_amocrm_store';
export const STAGING_SHEET_NAME = '_amocrm_staging';

export const gasCompressor: Compressor = {
  pack: (text) => {
    checkSegmentSize(text, utf8Bytes); // StoreFull in words, before the Blob's own refusal
    return Utilities.base64Encode(
      Utilities.gzip(Utilities.newBlob(text, 'application/json')).getBytes(),
    );
  },
  unpack: (b64) =>
    Utilities.ungzip(
      Utilities.newBlob(Utilities.base64Decode(b64), 'application/x-gzip'),
    ).getDataAsString(),
};

export type BlockRole = Extract<SheetRole, 'store' | 'staging' | 'outbox' | 'finals'>;

/** the hidden sheets that hold blocks: the store, an unfinished sync, the posts to send, the kept finals */
const BLOCK_SHEETS: Record<BlockRole, string> = {
  store: STORE_SHEET_NAME,
  staging: STAGING_SHEET_NAME,
  outbox: '_telegram_outbox',
  finals: '_rating_finals',
};

/**
 * The packed blocks of a store sheet, every part checked against the manifest; null when the
 * sheet does not exist. Throws StoreCorrupt for an empty, partial or altered sheet.
 */
export function readBlocks(role: BlockRole): PreviousStore | null {
  const sh = findSheet(role);
  if (!sh) return null;
  const last = sh.getLastRow();
  if (last === 0) throw new StoreCorrupt('the sheet is empty');
  return unpackRows(sh.getRange(1, 1, last, 3).getValues());
}

/** A segment's JSON text (unpacked when asked, so one segment at a time is in memory). */
export function segmentText(
  blocks: PreviousStore,
  name: string,
  compressor: Compressor = gasCompressor,
): string {
  const packed = blocks.packed[name];
  if (packed === undefined) throw new StoreCorrupt(`segment ${name} is missing`);
  try {
    return compressor.unpack(packed);
  } catch {
    throw new StoreCorrupt(`segment ${name}: cannot be unpacked`);
  }
}

/** One setValues for the whole store; rows left over from a bigger store are cleared after. */
export function writeBlocks(
  role: BlockRole,
  head: Omit<Manifest, 'segments' | 'format'>,
  segments: Record<string, Segment | 'unchanged'>,
  previous: PreviousStore | null,
  compressor: Compressor = gasCompressor,
): Manifest {
  const { rows, manifest } = packStore(head, segments, compressor, previous);
  const sh = ensureSheet(role, BLOCK_SHEETS[role], true);
  const old = sh.getLastRow();
  if (sh.getMaxRows() < rows.length)
    sh.insertRowsAfter(sh.getMaxRows(), rows.length - sh.getMaxRows());
  // plain text: base64 and JSON must never be parsed as a number or formula
  sh.getRange(1, 1, rows.length, 3).setNumberFormat('@').setValues(rows);
  // leftovers are outside the manifest, so a kill before this line reads back correctly
  if (old > rows.length) sh.getRange(rows.length + 1, 1, old - rows.length, 3).clearContent();
  return manifest;
}

export function dropBlocks(role: BlockRole): void {
  deleteSheet(role);
}
