/**
 * The posts of the last published rating, waiting to be sent: written with the sheets by the
 * publish (so a post always says what the sheets say), read by the posting run. Kept as checked
 * blocks in a hidden sheet; a damaged outbox reads as none (nothing is sent from it).
 */
import * as v from 'valibot';
import { parseJson } from '../shapes/parse-json';
import { dropBlocks, readBlocks, segmentText, writeBlocks } from './block-store';
import { StoreCorrupt } from './store-codec';

const PostSchema = v.object({
  kind: v.picklist(['daily', 'monday', 'monthFinal', 'quarter', 'digest']),
  period: v.string(),
  audience: v.picklist(['group', 'head']),
  parts: v.array(v.string()),
  photoCaption: v.optional(v.string()),
});

const OutboxSchema = v.object({
  /** the local day of the published data */
  day: v.string(),
  /** the account's zone (for "today" and the posting hour) */
  timeZone: v.string(),
  asOf: v.number(),
  posts: v.array(PostSchema),
});
export type Outbox = v.InferOutput<typeof OutboxSchema>;

export function writeOutbox(o: Outbox): void {
  writeBlocks(
    'outbox',
    { syncId: o.day, until: Math.floor(o.asOf / 1000), syncedAt: new Date().toISOString() },
    { outbox: { json: JSON.stringify(o), items: o.posts.length } },
    null,
  );
}

export function readOutbox(): Outbox | null {
  try {
    const blocks = readBlocks('outbox');
    if (!blocks) return null;
    return parseJson(segmentText(blocks, 'outbox'), OutboxSchema);
  } catch (e) {
    if (e instanceof StoreCorrupt) return null;
    throw e;
  }
}

export function dropOutbox(): void {
  dropBlocks('outbox');
}
