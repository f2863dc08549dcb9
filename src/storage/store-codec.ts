/**
 * How the store is packed into cells, and how it proves itself when read back: segments of JSON,
 * gzip, base64, cut into cells under the 50,000-character limit, with a manifest row naming every
 * segment with its part count, length, checksum and item count. A missing, partial or altered
 * segment is detected — never read as a smaller account. Pure: the compressor is injected
 * (Apps Script: Utilities; Node: zlib). [docs/services.md §1.7]
 */
import * as v from 'valibot';

export interface Compressor {
  /** string → base64 of its gzip */
  pack(text: string): string;
  unpack(base64: string): string;
}

/** Max characters per cell is 50,000; stay below it. [docs/services.md §1.7] */
export const CELL_CHARS = 45000;
export const MANIFEST = 'manifest';
/**
 * 3: adds the `reaches` segment (statuses of pruned moves). A format-2 store is read as one
 * without them — what it kept is exactly that — and written back as format 3.
 */
export const STORE_FORMAT = 3;
const READABLE_FORMATS = [2, STORE_FORMAT] as const;

const SegmentInfoSchema = v.object({
  parts: v.pipe(v.number(), v.integer(), v.minValue(1)),
  chars: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** checksum of the packed text */
  hash: v.string(),
  /** checksum of the JSON text: unchanged JSON reuses the packed text */
  jsonHash: v.string(),
  items: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type SegmentInfo = v.InferOutput<typeof SegmentInfoSchema>;

export const ManifestSchema = v.object({
  format: v.picklist(READABLE_FORMATS),
  /** the sync that wrote this store */
  syncId: v.string(),
  /** amoCRM data up to this moment (unix s): the next sync starts from here */
  until: v.pipe(v.number(), v.integer()),
  syncedAt: v.string(),
  segments: v.record(v.string(), SegmentInfoSchema),
});
export type Manifest = v.InferOutput<typeof ManifestSchema>;

export class StoreCorrupt extends Error {
  constructor(readonly detail: string) {
    super(`store corrupt: ${detail}`);
    this.name = 'StoreCorrupt';
  }
}

/** FNV-1a over the UTF-16 code units: cheap, and any changed character changes it. */
export function checksum(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export interface Segment {
  json: string;
  items: number;
}

export interface PackedStore {
  rows: string[][];
  manifest: Manifest;
}

/**
 * Packs segments into sheet rows [segment, part, text]; the manifest is the first row. A segment
 * whose JSON is unchanged since `previous` reuses its packed text from `previousTexts`.
 */
export interface PreviousStore {
  manifest: Manifest;
  packed: Record<string, string>;
}

/**
 * Packs segments into sheet rows [segment, part, text]; the manifest is the first row. A segment
 * whose JSON is unchanged reuses its packed text; 'unchanged' copies the previous one as it is.
 */
export function packStore(
  head: Omit<Manifest, 'segments' | 'format'>,
  segments: Record<string, Segment | 'unchanged'>,
  compressor: Compressor,
  previous?: PreviousStore | null,
): PackedStore {
  const infos: Record<string, SegmentInfo> = {};
  const body: string[][] = [];
  for (const name of Object.keys(segments).sort()) {
    const seg = segments[name];
    const old = previous?.manifest.segments[name];
    const oldText = previous?.packed[name];
    let info: SegmentInfo;
    let text: string;
    if (seg === 'unchanged') {
      if (!old || oldText === undefined) continue;
      info = old;
      text = oldText;
    } else if (seg) {
      const jsonHash = checksum(seg.json);
      text =
        old && oldText !== undefined && old.jsonHash === jsonHash
          ? oldText
          : compressor.pack(seg.json);
      const parts = Math.max(1, Math.ceil(text.length / CELL_CHARS));
      info = { parts, chars: text.length, hash: checksum(text), jsonHash, items: seg.items };
    } else continue;
    for (let i = 0; i < info.parts; i++)
      body.push([name, String(i), text.slice(i * CELL_CHARS, (i + 1) * CELL_CHARS)]);
    infos[name] = info;
  }
  const manifest: Manifest = { format: STORE_FORMAT, ...head, segments: infos };
  return { rows: [[MANIFEST, '0', JSON.stringify(manifest)], ...body], manifest };
}

/** The manifest and each segment's packed text, every part checked; throws StoreCorrupt. */
const cellText = (x: unknown): string => (typeof x === 'string' ? x : '');

export function unpackRows(rows: ReadonlyArray<readonly unknown[]>): PreviousStore {
  const first = rows[0];
  if (first?.[0] !== MANIFEST) throw new StoreCorrupt('the manifest row is missing');
  let raw: unknown;
  try {
    raw = JSON.parse(cellText(first[2]));
  } catch {
    throw new StoreCorrupt('the manifest is not readable');
  }
  const parsed = v.safeParse(ManifestSchema, raw);
  if (!parsed.success) throw new StoreCorrupt('the manifest has an unexpected shape');
  const manifest = parsed.output;
  const parts = new Map<string, string[]>();
  for (const r of rows.slice(1)) {
    const name = cellText(r[0]);
    if (!name) continue;
    const info = manifest.segments[name];
    const index = Number(r[1]);
    if (!info || !Number.isInteger(index) || index < 0 || index >= info.parts) continue; // leftovers
    let list = parts.get(name);
    if (!list) parts.set(name, (list = []));
    list[index] = cellText(r[2]);
  }
  const packed: Record<string, string> = {};
  for (const [name, info] of Object.entries(manifest.segments)) {
    const list = parts.get(name) ?? [];
    for (let i = 0; i < info.parts; i++)
      if (list[i] === undefined)
        throw new StoreCorrupt(`segment ${name}: part ${i + 1} is missing`);
    const text = list.join('');
    if (text.length !== info.chars || checksum(text) !== info.hash)
      throw new StoreCorrupt(`segment ${name}: its contents were changed`);
    packed[name] = text;
  }
  return { manifest, packed };
}

/** JSON.parse of a segment that must be an array of rows. */
export function parseRows(name: string, json: string, items: number): unknown[][] {
  let rows: unknown;
  try {
    rows = JSON.parse(json);
  } catch {
    throw new StoreCorrupt(`segment ${name}: not readable`);
  }
  if (!Array.isArray(rows) || rows.length !== items)
    throw new StoreCorrupt(`segment ${name}: ${items} items expected`);
  const out: unknown[][] = [];
  for (const r of rows as unknown[]) {
    if (!Array.isArray(r)) throw new StoreCorrupt(`segment ${name}: a row is not a list`);
    out.push(r as unknown[]);
  }
  return out;
}
