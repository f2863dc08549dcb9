/**
 * The BigQuery store: each completed sync's records appended to the tables of tables.ts, the
 * sync's row in `syncs` written last (the commit: a run killed before it leaves rows no query
 * reads, and its re-run loads under the same job ids, so nothing is appended twice). The store as
 * the rating reads it is computed by GoogleSQL (storeQueries): since the newest full sync, each
 * lead's and task's newest version, trashed ones left out, the events of the newest sync that
 * covered their moment (a sync replaces the events of the range it fetched), then the history
 * window's pruning — the same rules as the spreadsheet store's merge (amocrm/sync-merge.ts), and
 * the statuses each lead reached before the window. The refresh takes the rating's facts from
 * GoogleSQL over the same CTEs (factsAtHand, sql-facts.ts), never the records themselves.
 */
import type {
  AccountStore,
  AppendingStore,
  CommitInput,
  FetchedRecords,
  OpenedStore,
  StoreChanges,
  StoreFacts,
  StoreHead,
} from '../shapes/account-store';
import { EVENT_COLUMNS, pushRow, emptyEventLog } from '../shapes/account-data';
import { AccountSchema, PipelineSchema, UserSchema } from '../shapes/amocrm';
import type { AmoLead, AmoTask } from '../shapes/amocrm';
import type { StoreData } from '../shapes/store-data';
import * as v from 'valibot';
import { parseJson } from '../shapes/parse-json';
import { BigQueryClient, BigQueryError } from './bigquery-api';
import { TABLES, TABLE_NAMES, tableResource } from './tables';
import { factsKey, itemDetails, LazyDetails, sqlFacts } from './sql-facts';
import type { RatingFacts } from '../engine';
import { int, intOrNull } from './row-values';
import { storeCtes } from './store-ctes';
import { TIMELINE_TABLE, timelineQuery } from './timeline-table';

const MetaSchema = v.object({
  account: AccountSchema,
  users: v.array(UserSchema),
  pipelines: v.array(PipelineSchema),
});

/** the events table's name of an event column (AT is reserved in GoogleSQL) */
const column = (c: string) => (c === 'at' ? 'ts' : c);

const dayOf = (unix: number) => new Date(unix * 1000).toISOString().slice(0, 10);

/** The queries, in GoogleSQL, over the dataset `ds` (a `project.dataset` path). */
export function storeQueries(ds: string) {
  const t = (name: string) => `\`${ds}.${name}\``;
  const { epoch, keptTasks, keptLeads, keptEvents, priorReaches } = storeCtes(ds);
  return {
    head: `
SELECT sync_id, \`until\`, synced_iso
FROM ${t('syncs')}
ORDER BY synced_at DESC
LIMIT 1`,
    meta: `
SELECT json FROM ${t('meta')} WHERE sync_id = @sync_id LIMIT 1`,
    tasks: `
WITH ${epoch},${keptTasks}
SELECT id, responsible_user_id, entity_id, entity_type, is_completed, task_type_id,
  complete_till, created_at, updated_at
FROM kept_tasks
ORDER BY id`,
    leads: `
WITH ${epoch},${keptTasks},${keptLeads}
SELECT id, name, responsible_user_id, status_id, pipeline_id, created_at, updated_at, closed_at,
  closest_task_at
FROM kept_leads
ORDER BY id`,
    events: `
WITH ${epoch},${keptEvents}
SELECT kind, entity, ts, robot, a, b, c, d
FROM kept_events
ORDER BY ts, id`,
    taskLeads: `
WITH ${epoch},
  tk AS (
    SELECT tk.id, tk.entity_id, tk.entity_type
    FROM ${t('tasks')} AS tk
    JOIN s USING (sync_id)
    WHERE tk.id IN UNNEST(@ids)
    QUALIFY ROW_NUMBER() OVER (PARTITION BY tk.id ORDER BY tk.updated_at DESC, tk.synced_at DESC) = 1
  )
SELECT id, entity_id FROM tk WHERE entity_type = 'leads' AND entity_id IS NOT NULL`,
    // a full sync's leads to read by id: those its tasks are on that it did not fetch itself
    taskLeadsToReread: `
SELECT DISTINCT tk.entity_id AS id
FROM ${t('tasks')} AS tk
WHERE tk.sync_id = @sync_id
  AND tk.entity_type = 'leads'
  AND tk.entity_id IS NOT NULL
  AND tk.entity_id NOT IN (SELECT l.id FROM ${t('leads')} AS l WHERE l.sync_id = @sync_id)`,
    appendedLeads: `
SELECT DISTINCT id FROM ${t('leads')} WHERE sync_id = @sync_id AND id IN UNNEST(@ids)`,
    reaches: `
WITH ${epoch},${priorReaches}
SELECT lead, p, st
FROM prior
ORDER BY lead, ts, id, k`,
  };
}

export interface BigQueryStoreConfig {
  client: BigQueryClient;
}

export function bigQueryStore({ client }: BigQueryStoreConfig): AccountStore {
  const ds = `${client.opts.projectId}.${client.opts.datasetId}`;
  const q = storeQueries(ds);

  function head(): StoreHead | null {
    const r = client.rows(q.head)[0];
    if (!r) return null;
    return { syncId: r.sync_id ?? '', until: int(r, 'until'), syncedAt: r.synced_iso ?? '' };
  }

  function metaOf(h: StoreHead) {
    const metaRow = client.rows(q.meta, { sync_id: h.syncId })[0];
    const meta = parseJson(metaRow?.json ?? null, MetaSchema);
    if (!meta) throw new BigQueryError('failed', 'the meta of the newest sync is missing');
    return meta;
  }

  /**
   * The store with its records read only when someone reads them: the refresh takes this store's
   * facts (factsAtHand) and never does, so a million deals stay in BigQuery.
   */
  function lazyRead(h: StoreHead, windowStart: number): StoreData {
    let full: StoreData | null = null;
    const records = () => (full ??= read(h, windowStart));
    return {
      ...metaOf(h),
      get leads() {
        return records().leads;
      },
      get tasks() {
        return records().tasks;
      },
      get events() {
        return records().events;
      },
      get reaches() {
        return records().reaches;
      },
    };
  }

  /**
   * The derived timeline of the commit `h` (timeline-table.ts), written once: the job is named
   * after the dataset and the sync, so asking again (the refresh after the sync's commit, a run
   * that died between the commit and this) finds it done.
   */
  function deriveTimeline(h: StoreHead, windowStart: number): void {
    client.materialise(
      timelineQuery(ds),
      {
        window_start: windowStart,
        window_day: { type: 'DATE', value: dayOf(windowStart - 86400) },
      },
      TIMELINE_TABLE,
      jobKey(`${client.opts.datasetId}_${h.syncId}_${TIMELINE_TABLE}`),
    );
  }

  /** The committed store's facts by GoogleSQL: the account's lists, facts and details. */
  function factsOf(h: StoreHead): StoreFacts {
    const meta = metaOf(h);
    const source = { dataset: ds, windowStart: windowOf(h) };
    deriveTimeline(h, source.windowStart);
    const details = new LazyDetails((leads, tasks) => itemDetails(client, source, leads, tasks));
    // one set of facts per settings and zone: the ratings of one refresh share their answers
    const made = new Map<string, RatingFacts>();
    // the moment the rating is computed for (the data's, as the refresh's asOf): the periods the
    // facts expect to be asked for are this moment's
    const now = h.until * 1000;
    return {
      meta,
      facts: (settings, calendar) => {
        const key = factsKey(settings, calendar);
        let f = made.get(key);
        if (!f) made.set(key, (f = sqlFacts(client, source, settings, calendar, now, details)));
        return f;
      },
      details,
      until: h.until,
    };
  }

  function read(h: StoreHead, windowStart: number): StoreData {
    const meta = metaOf(h);
    const leads = new Map<number, AmoLead>();
    client.query(q.leads, { window_start: windowStart }, (r) => {
      const l: AmoLead = {
        id: int(r, 'id'),
        name: r.name ?? '',
        responsible_user_id: int(r, 'responsible_user_id'),
        status_id: int(r, 'status_id'),
        pipeline_id: int(r, 'pipeline_id'),
        created_at: int(r, 'created_at'),
        updated_at: int(r, 'updated_at'),
        closed_at: intOrNull(r, 'closed_at'),
        closest_task_at: intOrNull(r, 'closest_task_at'),
      };
      leads.set(l.id, l);
    });
    const tasks = new Map<number, AmoTask>();
    client.query(q.tasks, { window_start: windowStart }, (r) => {
      const t: AmoTask = {
        id: int(r, 'id'),
        responsible_user_id: int(r, 'responsible_user_id'),
        entity_id: intOrNull(r, 'entity_id'),
        entity_type: r.entity_type ?? null,
        is_completed: r.is_completed === 'true',
        task_type_id: int(r, 'task_type_id'),
        complete_till: int(r, 'complete_till'),
        created_at: int(r, 'created_at'),
        updated_at: int(r, 'updated_at'),
      };
      tasks.set(t.id, t);
    });
    const events = emptyEventLog();
    // the partitions of the window only (a day early: the window starts before a UTC midnight)
    const windowDay = { type: 'DATE' as const, value: dayOf(windowStart - 86400) };
    client.query(q.events, { window_start: windowStart, window_day: windowDay }, (r) =>
      pushRow(
        events,
        EVENT_COLUMNS.map((c) => int(r, column(c))),
      ),
    );
    const reaches = new Map<number, number[]>();
    client.query(q.reaches, { window_start: windowStart }, (r) => {
      const lead = int(r, 'lead');
      const pairs = reaches.get(lead) ?? [];
      pairs.push(int(r, 'p'), int(r, 'st'));
      reaches.set(lead, pairs);
    });
    return { ...meta, leads, tasks, events, reaches };
  }

  /** The window start the store was last committed with (kept on the sync's row). */
  function windowOf(h: StoreHead): number {
    const r = client.rows(
      `SELECT window_start FROM \`${ds}.syncs\` WHERE sync_id = @sync_id LIMIT 1`,
      { sync_id: h.syncId },
    )[0];
    return r ? int(r, 'window_start') : 0;
  }

  function recordRows(c: FetchedRecords, tag: { sync_id: string; synced_at: string }) {
    return {
      leads: c.leads.map((l) => ({
        id: l.id,
        name: l.name,
        responsible_user_id: l.responsible_user_id,
        status_id: l.status_id,
        pipeline_id: l.pipeline_id,
        created_at: l.created_at,
        updated_at: l.updated_at,
        closed_at: l.closed_at,
        closest_task_at: l.closest_task_at,
        is_deleted: l.is_deleted ?? false,
        ...tag,
      })),
      tasks: c.tasks.map((t) => ({ ...t, ...tag })),
      events: c.events.map(([id, ...row]) => ({
        id,
        ...Object.fromEntries(EVENT_COLUMNS.map((col, k) => [column(col), row[k] ?? -1])),
        day: dayOf(row[2] ?? 0),
        ...tag,
      })),
    };
  }

  function rowsOf(c: StoreChanges, syncId: string, syncedAt: string) {
    const tag = { sync_id: syncId, synced_at: syncedAt };
    return {
      ...recordRows(c, tag),
      meta: [
        {
          json: JSON.stringify({ account: c.account, users: c.users, pipelines: c.pipelines }),
          ...tag,
        },
      ],
      deletions: [
        ...c.deletedLeads.map(([id, at]) => ({ list: 'leads', id, ts: at, ...tag })),
        ...c.deletedTasks.map(([id, at]) => ({ list: 'tasks', id, ts: at, ...tag })),
      ],
    };
  }

  let tablesReady = false;
  /** the dataset and tables, once per execution (a first sync's first append creates them) */
  function ensureTables(): void {
    if (tablesReady) return;
    client.ensureTables(
      TABLE_NAMES.map((n) => TABLES[n]),
      (d) =>
        tableResource(d, { projectId: client.opts.projectId, datasetId: client.opts.datasetId }),
    );
    tablesReady = true;
  }

  const jobKey = (key: string) => key.replace(/[^A-Za-z0-9_-]/g, '_');

  const appending: AppendingStore = {
    append(key, syncId, syncedAt, records) {
      ensureTables();
      const rows = recordRows(records, { sync_id: syncId, synced_at: syncedAt });
      const k = jobKey(key);
      client.load(TABLES.leads, rows.leads, k);
      client.load(TABLES.tasks, rows.tasks, k);
      client.load(TABLES.events, rows.events, k);
    },
    leadsToReread(syncId, restored) {
      ensureTables();
      const ids = new Set<number>();
      client.query(q.taskLeadsToReread, { sync_id: syncId }, (r) => ids.add(int(r, 'id')));
      if (restored.length) {
        const appended = new Set<number>();
        client.query(q.appendedLeads, { sync_id: syncId, ids: [...restored] }, (r) =>
          appended.add(int(r, 'id')),
        );
        for (const id of restored) if (!appended.has(id)) ids.add(id);
      }
      return [...ids].sort((a, b) => a - b);
    },
  };

  const opened = (h: StoreHead): OpenedStore => ({
    head: h,
    taskLeads: (wanted) => {
      const out = new Map<number, number>();
      if (!wanted.size) return out;
      client.query(q.taskLeads, { ids: [...wanted] }, (r) =>
        out.set(int(r, 'id'), int(r, 'entity_id')),
      );
      return out;
    },
    read: () => read(h, windowOf(h)),
  });

  return {
    kind: 'bigquery',
    appending,
    open() {
      try {
        const h = head();
        return { store: h ? opened(h) : null };
      } catch (e) {
        if (e instanceof BigQueryError && e.code === 'not_found') return { store: null };
        throw e;
      }
    },
    commit(input: CommitInput) {
      const { head: h, changes } = input;
      ensureTables();
      const rows = rowsOf(changes, h.syncId, h.syncedAt);
      const key = jobKey(h.syncId);
      client.load(TABLES.meta, rows.meta, key);
      client.load(TABLES.leads, rows.leads, key);
      client.load(TABLES.tasks, rows.tasks, key);
      client.load(TABLES.events, rows.events, key);
      client.load(TABLES.deletions, rows.deletions, key);
      // last: the commit
      client.load(
        TABLES.syncs,
        [
          {
            sync_id: h.syncId,
            kind: changes.kind,
            since: changes.since,
            until: changes.until,
            window_start: changes.windowStart,
            synced_at: h.syncedAt,
            synced_iso: h.syncedAt,
          },
        ],
        key,
      );
      // the rating reads the committed store through its derived timeline: made now, once
      deriveTimeline(h, changes.windowStart);
      return { head: h, data: lazyRead(h, changes.windowStart) };
    },
    readCommitted() {
      const h = head();
      return h ? { head: h, data: read(h, windowOf(h)) } : null;
    },
    factsAtHand() {
      const h = head();
      return h ? factsOf(h) : null;
    },
    // the tables keep their history; a full sync starts the store over by itself
    forget: () => undefined,
    confirm: () => undefined,
  };
}
