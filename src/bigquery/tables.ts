/**
 * The BigQuery store's tables, defined once: the `Tables.insert` resources (schema, day
 * partitions, clustering, partition expiry) and the GoogleSQL DDL text come from these
 * definitions, and so does the local stand-in's catalog (dev/bigquery), so the SQL is checked
 * against the same columns BigQuery will have.
 *
 * - Every row is a record as one sync fetched it, appended (load jobs: free, and 1,500 a table a
 *   day is far more than a sync an hour needs). Nothing is updated in place: a record's current
 *   version is its newest by `updated_at` (then `synced_at`), so a re-run appends the same rows
 *   again and changes nothing a query reads (idempotent by record id + updated_at).
 * - `events` is the bulk: partitioned by the event's UTC day, with a partition expiry
 *   (EVENT_EXPIRY_DAYS), so BigQuery itself drops what is no longer needed; queries read only the
 *   partitions of the window.
 * - `leads` and `tasks` are partitioned by the day they were synced, without expiry: an open deal
 *   untouched since before the window is still in work and must stay (an expiry on its own date
 *   would drop it at once).
 */

export type BqType = 'INT64' | 'STRING' | 'BOOL' | 'DATE' | 'TIMESTAMP';

export interface Column {
  name: string;
  type: BqType;
  mode: 'REQUIRED' | 'NULLABLE';
}

export interface TableDef {
  name: TableName;
  columns: Column[];
  /** the DATE or TIMESTAMP column of the day partitions */
  partitionBy: string;
  clusterBy: string[];
  /** partitions older than the history window are dropped by BigQuery */
  expires: boolean;
}

export const TABLE_NAMES = ['syncs', 'meta', 'leads', 'tasks', 'events', 'deletions'] as const;
export type TableName = (typeof TABLE_NAMES)[number];

const req = (name: string, type: BqType): Column => ({ name, type, mode: 'REQUIRED' });
const opt = (name: string, type: BqType): Column => ({ name, type, mode: 'NULLABLE' });

/**
 * Partition expiry of the events: 400 days, not the history window's 185. The first-reach rule
 * needs the status moves of the months before the window (a deal that reached a stage then is
 * not credited for it again), and the spreadsheet store keeps them as it prunes; here BigQuery
 * keeps them for 13 months, then drops the partitions itself.
 */
export const EVENT_EXPIRY_DAYS = 400;

export const TABLES: Record<TableName, TableDef> = {
  /** one row per completed sync: the store's head is the newest (written last: the commit) */
  syncs: {
    name: 'syncs',
    columns: [
      req('sync_id', 'STRING'),
      req('kind', 'STRING'),
      req('since', 'INT64'),
      req('until', 'INT64'),
      req('window_start', 'INT64'),
      req('synced_at', 'TIMESTAMP'),
      /** the same instant as the product writes it (ISO), read back as it was written */
      req('synced_iso', 'STRING'),
    ],
    partitionBy: 'synced_at',
    clusterBy: ['sync_id'],
    expires: false,
  },
  /** the account, users and pipelines as amoCRM sent them (JSON), per sync */
  meta: {
    name: 'meta',
    columns: [req('sync_id', 'STRING'), req('json', 'STRING'), req('synced_at', 'TIMESTAMP')],
    partitionBy: 'synced_at',
    clusterBy: ['sync_id'],
    expires: false,
  },
  leads: {
    name: 'leads',
    columns: [
      req('id', 'INT64'),
      req('name', 'STRING'),
      req('responsible_user_id', 'INT64'),
      req('status_id', 'INT64'),
      req('pipeline_id', 'INT64'),
      req('created_at', 'INT64'),
      req('updated_at', 'INT64'),
      opt('closed_at', 'INT64'),
      opt('closest_task_at', 'INT64'),
      opt('is_deleted', 'BOOL'),
      req('sync_id', 'STRING'),
      req('synced_at', 'TIMESTAMP'),
    ],
    partitionBy: 'synced_at',
    clusterBy: ['responsible_user_id', 'id'],
    expires: false,
  },
  tasks: {
    name: 'tasks',
    columns: [
      req('id', 'INT64'),
      req('responsible_user_id', 'INT64'),
      opt('entity_id', 'INT64'),
      opt('entity_type', 'STRING'),
      req('is_completed', 'BOOL'),
      req('task_type_id', 'INT64'),
      req('complete_till', 'INT64'),
      req('created_at', 'INT64'),
      req('updated_at', 'INT64'),
      req('sync_id', 'STRING'),
      req('synced_at', 'TIMESTAMP'),
    ],
    partitionBy: 'synced_at',
    clusterBy: ['responsible_user_id', 'id'],
    expires: false,
  },
  /**
   * the rating's events in the store's compact row (shapes/account-data.ts EVENT_COLUMNS), the
   * moment `at` named `ts`: AT is a reserved word of GoogleSQL
   */
  events: {
    name: 'events',
    columns: [
      req('id', 'STRING'),
      req('kind', 'INT64'),
      req('entity', 'INT64'),
      req('ts', 'INT64'),
      req('robot', 'INT64'),
      req('a', 'INT64'),
      req('b', 'INT64'),
      req('c', 'INT64'),
      req('d', 'INT64'),
      req('day', 'DATE'),
      req('sync_id', 'STRING'),
      req('synced_at', 'TIMESTAMP'),
    ],
    partitionBy: 'day',
    clusterBy: ['entity', 'kind'],
    expires: true,
  },
  /** leads and tasks gone to the trash, as the sync saw it */
  deletions: {
    name: 'deletions',
    columns: [
      req('list', 'STRING'),
      req('id', 'INT64'),
      req('ts', 'INT64'),
      req('sync_id', 'STRING'),
      req('synced_at', 'TIMESTAMP'),
    ],
    partitionBy: 'synced_at',
    clusterBy: ['list', 'id'],
    expires: false,
  },
};

/** The REST `Table` resource for `Tables.insert`. */
export function tableResource(
  def: TableDef,
  ref: { projectId: string; datasetId: string },
): Record<string, unknown> {
  return {
    tableReference: { ...ref, tableId: def.name },
    schema: { fields: def.columns.map((c) => ({ name: c.name, type: c.type, mode: c.mode })) },
    timePartitioning: {
      type: 'DAY',
      field: def.partitionBy,
      ...(def.expires ? { expirationMs: String(EVENT_EXPIRY_DAYS * 86400_000) } : {}),
    },
    clustering: { fields: def.clusterBy },
  };
}

/** The same table as GoogleSQL DDL (for people reading the dataset, and for the stand-in's checks). */
export function tableDdl(def: TableDef, dataset: string): string {
  const cols = def.columns
    .map((c) => `  ${c.name} ${c.type}${c.mode === 'REQUIRED' ? ' NOT NULL' : ''}`)
    .join(',\n');
  const part =
    def.columns.find((c) => c.name === def.partitionBy)?.type === 'DATE'
      ? def.partitionBy
      : `DATE(${def.partitionBy})`;
  const options = def.expires ? `\nOPTIONS (partition_expiration_days = ${EVENT_EXPIRY_DAYS})` : '';
  return `CREATE TABLE IF NOT EXISTS \`${dataset}.${def.name}\` (\n${cols}\n)\nPARTITION BY ${part}\nCLUSTER BY ${def.clusterBy.join(', ')}${options}`;
}
