/**
 * An unfinished sync persisted: its state (which lists, which page) and everything it fetched so
 * far, written to the staging sheet in one call — so a kill at any moment leaves either the
 * previous checkpoint or the new one, never a cursor without its pages.
 */
import * as v from 'valibot';
import { emptyStaging, oddKey, type Staging } from '../../amocrm/staging';
import { SyncStateSchema, type SyncState } from '../../amocrm/sync-plan';
import { EVENT_COLUMNS } from '../../shapes/account-data';
import { parseJson } from '../../shapes/parse-json';
import { dropBlocks, readBlocks, segmentText, writeBlocks } from '../../storage/block-store';
import { parseRows, StoreCorrupt, type Segment } from '../../storage/store-codec';
import {
  decodeMeta,
  leadRow,
  metaSegment,
  rowLead,
  rowTask,
  taskRow,
} from '../../storage/store-rows';

const ChangesSchema = v.object({
  deleted: v.array(v.tuple([v.number(), v.number()])),
  restored: v.array(v.number()),
  deletedTasks: v.array(v.tuple([v.number(), v.number()])),
  /** odd records set aside so far (absent in a checkpoint written before they were kept) */
  odd: v.optional(
    v.array(
      v.object({
        list: v.picklist(['leads', 'tasks', 'events', 'users']),
        id: v.string(),
        field: v.string(),
        why: v.string(),
        userId: v.optional(v.number()),
      }),
    ),
    [],
  ),
});

/** Records a first sync has appended to its store so far (the BigQuery store takes them as fetched). */
export interface Appended {
  leads: number;
  tasks: number;
  events: number;
}

const AppendedSchema = v.object({ leads: v.number(), tasks: v.number(), events: v.number() });

export const noneAppended = (): Appended => ({ leads: 0, tasks: 0, events: 0 });

function json(value: unknown): Segment {
  return { json: JSON.stringify(value), items: 1 };
}

function stagingSegments(
  state: SyncState,
  st: Staging,
  appended: Appended,
): Record<string, Segment> {
  const events = [...st.events].map(([id, row]) => [id, ...row]);
  return {
    state: json(state),
    appended: json(appended),
    ...(st.account ? { meta: metaSegment(st) } : {}),
    leads: { json: JSON.stringify([...st.leads.values()].map(leadRow)), items: st.leads.size },
    tasks: { json: JSON.stringify([...st.tasks.values()].map(taskRow)), items: st.tasks.size },
    events: { json: JSON.stringify(events), items: events.length },
    changes: json({
      deleted: [...st.deleted],
      restored: [...st.restored],
      deletedTasks: [...st.deletedTasks],
      odd: [...st.odd.values()],
    }),
  };
}

/**
 * `appended`: what the store took already. With a store that takes records as fetched, the
 * staging holds none of them and the checkpoint is the cursor (and the few deletions).
 */
export function saveStaging(
  state: SyncState,
  staging: Staging,
  appended: Appended = noneAppended(),
): void {
  writeBlocks(
    'staging',
    { syncId: state.id, until: state.until, syncedAt: new Date().toISOString() },
    stagingSegments(state, staging, appended),
    null,
  );
}

export function dropStaging(): void {
  dropBlocks('staging');
}

function parseOne<T>(name: string, schema: v.GenericSchema<unknown, T>, text: string): T {
  const value = parseJson(text, schema);
  if (value === null) throw new StoreCorrupt(`staging ${name}: unexpected shape`);
  return value;
}

/** The unfinished sync, or null when there is none. Throws StoreCorrupt for a damaged one. */
export function loadStaging(): {
  state: SyncState;
  staging: Staging;
  appended: Appended;
} | null {
  const blocks = readBlocks('staging');
  if (!blocks) return null;
  const items = (n: string) => blocks.manifest.segments[n]?.items ?? 0;
  const state = parseOne('state', SyncStateSchema, segmentText(blocks, 'state'));
  const staging = emptyStaging();
  if (blocks.packed.meta !== undefined)
    Object.assign(staging, decodeMeta(segmentText(blocks, 'meta')));
  parseRows('leads', segmentText(blocks, 'leads'), items('leads')).forEach((r, i) => {
    const l = rowLead(r, 'staging leads', i);
    staging.leads.set(l.id, l);
  });
  parseRows('tasks', segmentText(blocks, 'tasks'), items('tasks')).forEach((r, i) => {
    const t = rowTask(r, 'staging tasks', i);
    staging.tasks.set(t.id, t);
  });
  parseRows('events', segmentText(blocks, 'events'), items('events')).forEach((r) => {
    const [id, ...row] = r;
    if (
      typeof id !== 'string' ||
      row.length !== EVENT_COLUMNS.length ||
      !row.every(Number.isInteger)
    )
      throw new StoreCorrupt('staging events: unexpected row');
    staging.events.set(id, row as number[]);
  });
  const changes = parseOne('changes', ChangesSchema, segmentText(blocks, 'changes'));
  for (const [id, at] of changes.deleted) staging.deleted.set(id, at);
  for (const id of changes.restored) staging.restored.add(id);
  for (const [id, at] of changes.deletedTasks) staging.deletedTasks.set(id, at);
  for (const r of changes.odd) staging.odd.set(oddKey(r), r);
  // a checkpoint written before appends were counted: nothing appended
  const appended =
    blocks.packed.appended === undefined
      ? noneAppended()
      : parseOne('appended', AppendedSchema, segmentText(blocks, 'appended'));
  return { state, staging, appended };
}
