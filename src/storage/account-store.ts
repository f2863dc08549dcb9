/**
 * The committed store of the account's data: read and verified before anyone uses it, decoded a
 * segment at a time, and replaced in one write when a sync completes. A document property keeps
 * the id of the last committed store, so a deleted store sheet is noticed, not taken for a first
 * run.
 */
import type { StoreData } from '../shapes/store-data';
import { readBlocks, segmentText, writeBlocks } from './block-store';
import {
  parseRows,
  StoreCorrupt,
  type Manifest,
  type PreviousStore,
  type Segment,
} from './store-codec';
import { baseSegments, decodeStore, eventSegments, rowTask, storeSegments } from './store-rows';

/** document property: the id of the last committed store, so a deleted store is noticed */
export const STORE_EXPECTED_KEY = 'store.syncId';

function props() {
  return PropertiesService.getDocumentProperties();
}

/** The committed store's blocks, verified; null when there is none or it must be rebuilt. */
export function verifiedStore(): { blocks: PreviousStore | null; problem?: string } {
  let blocks: PreviousStore | null;
  try {
    blocks = readBlocks('store');
  } catch (e) {
    if (!(e instanceof StoreCorrupt)) throw e;
    return { blocks: null, problem: e.detail };
  }
  if (!blocks && props().getProperty(STORE_EXPECTED_KEY))
    return { blocks: null, problem: 'the store sheet was deleted' };
  return { blocks };
}

/** Decodes a verified store (one segment at a time). */
export function decodeBlocks(blocks: PreviousStore): StoreData {
  return decodeStore(
    Object.keys(blocks.manifest.segments),
    (name) => segmentText(blocks, name),
    (name) => blocks.manifest.segments[name]?.items ?? 0,
  );
}

export interface CommittedStore {
  data: StoreData;
  manifest: Manifest;
}

/** Reads and verifies the committed store (for a publish without a sync, and the previews). */
export function readCommittedStore(): CommittedStore | null {
  const { blocks, problem } = verifiedStore();
  if (problem) throw new StoreCorrupt(problem);
  if (!blocks) return null;
  return { data: decodeBlocks(blocks), manifest: blocks.manifest };
}

/**
 * The lead each of `wanted` tasks is on in the committed store. Only the tasks segment is
 * parsed, and only these ids are kept: the rest of the store is decoded once, when the sync
 * completes.
 */
export function storedTaskLeads(
  blocks: PreviousStore | null,
  wanted: ReadonlySet<number>,
): Map<number, number> {
  const out = new Map<number, number>();
  const info = blocks?.manifest.segments.tasks;
  if (!blocks || !info || !wanted.size) return out;
  parseRows('tasks', segmentText(blocks, 'tasks'), info.items).forEach((r, i) => {
    const id = r[0]; // a damaged row is refused by the full decode when the sync completes
    if (typeof id !== 'number' || !wanted.has(id)) return;
    const t = rowTask(r, 'tasks', i);
    if (t.entity_type === 'leads' && t.entity_id !== null) out.set(t.id, t.entity_id);
  });
  return out;
}

/**
 * Replaces the committed store in one write and remembers its id. With `dirtyMonths` (an
 * incremental sync over `previous`) only the months whose events changed are packed again; the
 * rest keep their packed blocks, and months that emptied out are left out.
 */
export function commitStore(
  head: { syncId: string; until: number; syncedAt: string },
  data: StoreData,
  previous: PreviousStore | null,
  dirtyMonths: ReadonlySet<string> | null,
): Manifest {
  let segments: Record<string, Segment | 'unchanged'>;
  if (previous && dirtyMonths) {
    segments = {
      ...Object.fromEntries(
        Object.keys(previous.manifest.segments)
          .filter((n) => n.startsWith('events:'))
          .map((n) => [n, 'unchanged' as const]),
      ),
      ...baseSegments(data),
      ...eventSegments(data.events, dirtyMonths),
    };
    for (const m of dirtyMonths) {
      const key = `events:${m}`;
      if (segments[key] === 'unchanged') delete segments[key];
    }
  } else segments = storeSegments(data);
  const manifest = writeBlocks('store', head, segments, previous);
  props().setProperty(STORE_EXPECTED_KEY, head.syncId);
  return manifest;
}

/** The committed store is being rebuilt: a missing store sheet is expected until it is. */
export function forgetCommittedStore(): void {
  props().deleteProperty(STORE_EXPECTED_KEY);
}

/** An earlier run committed this store already (it stopped before tidying up). */
export function confirmCommittedStore(syncId: string): void {
  props().setProperty(STORE_EXPECTED_KEY, syncId);
}
