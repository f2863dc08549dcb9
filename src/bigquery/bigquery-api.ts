/**
 * The BigQuery advanced service, used the way its reference asks (docs/services.md, BigQuery):
 * GoogleSQL only (`useLegacySql: false`: the REST default is legacy SQL), named parameters,
 * the job's `location` passed to every follow-up call, queries polled to completion only within
 * the execution's budget, results paged; loads as NDJSON load jobs (free; a Blob of a few MB,
 * far under Apps Script's 50 MB), polled until DONE and checked for `status.errorResult` — a
 * load's errors are there, not thrown. A load job's id is derived from the sync, the table and
 * the part, so a re-run's same load is refused by BigQuery as a duplicate and nothing is appended
 * twice.
 */
import type { TableDef } from './tables';

/** What Apps Script's `BigQuery` advanced service offers (v2; the signatures its rule gives). */
export interface BigQueryService {
  Jobs: {
    query(request: QueryRequest, projectId: string): QueryResponse;
    getQueryResults(
      projectId: string,
      jobId: string,
      optional: { pageToken?: string; timeoutMs?: number; maxResults?: number; location?: string },
    ): QueryResponse;
    get(projectId: string, jobId: string, optional: { location?: string }): JobResource;
    insert(job: JobResource, projectId: string, blob?: GoogleAppsScript.Base.Blob): JobResource;
  };
  Datasets: {
    get(projectId: string, datasetId: string): unknown;
    insert(dataset: Record<string, unknown>, projectId: string): unknown;
  };
  Tables: {
    get(projectId: string, datasetId: string, tableId: string): unknown;
    insert(table: Record<string, unknown>, projectId: string, datasetId: string): unknown;
  };
}

export type ParamValue =
  | string
  | number
  | boolean
  | null
  | readonly number[]
  | readonly string[]
  | { type: 'DATE'; value: string };

export interface QueryParameter {
  name: string;
  parameterType: { type: string; arrayType?: { type: string } };
  parameterValue: { value?: string | null; arrayValues?: Array<{ value: string }> };
}

export interface QueryRequest {
  query: string;
  useLegacySql: false;
  parameterMode: 'NAMED';
  queryParameters: QueryParameter[];
  timeoutMs: number;
  maxResults: number;
  location?: string;
  maximumBytesBilled?: string;
}

export interface QueryResponse {
  jobComplete?: boolean;
  jobReference?: { projectId?: string; jobId?: string; location?: string };
  schema?: { fields?: Array<{ name: string; type: string }> };
  rows?: Array<{ f: Array<{ v: unknown }> }>;
  pageToken?: string;
  totalRows?: string;
  totalBytesProcessed?: string;
}

export interface JobResource {
  jobReference?: { projectId?: string; jobId?: string; location?: string };
  configuration?: Record<string, unknown>;
  status?: {
    state?: string;
    errorResult?: { reason?: string; message?: string };
    errors?: Array<{ reason?: string; message?: string }>;
  };
  statistics?: { query?: { totalBytesProcessed?: string } };
}

export type BigQueryErrorCode =
  | 'no_service'
  | 'quota'
  | 'denied'
  | 'not_found'
  | 'invalid_query'
  | 'load_failed'
  | 'out_of_time'
  | 'failed';

/** A BigQuery failure with a code; the message for people comes from src/i18n via the app. */
export class BigQueryError extends Error {
  constructor(
    readonly code: BigQueryErrorCode,
    readonly detail: string,
  ) {
    super(`BigQuery ${code}: ${detail}`);
    this.name = 'BigQueryError';
  }
}

/**
 * An advanced service throws "API call to bigquery.<method> failed with error: <message>"; the
 * reason is only in the text (quota and rate errors are HTTP 403 `quotaExceeded` /
 * `rateLimitExceeded`).
 */
export function classify(e: unknown): BigQueryError {
  if (e instanceof BigQueryError) return e;
  const m = e instanceof Error ? e.message : String(e);
  const code: BigQueryErrorCode =
    /quotaExceeded|rateLimitExceeded|Exceeded rate limits|quota/i.test(m)
      ? 'quota'
      : /Access Denied|permission|forbidden|PERMISSION_DENIED/i.test(m)
        ? 'denied'
        : /Not found/i.test(m)
          ? 'not_found'
          : /invalidQuery|Syntax error|Unrecognized name|No matching signature/i.test(m)
            ? 'invalid_query'
            : 'failed';
  return new BigQueryError(code, m);
}

const isDuplicate = (e: unknown) =>
  /Already Exists|duplicate/i.test(e instanceof Error ? e.message : String(e));

function paramType(v: ParamValue): QueryParameter['parameterType'] {
  if (isDate(v)) return { type: 'DATE' };
  if (Array.isArray(v))
    return { type: 'ARRAY', arrayType: { type: typeof v[0] === 'string' ? 'STRING' : 'INT64' } };
  if (typeof v === 'boolean') return { type: 'BOOL' };
  if (typeof v === 'number') return { type: Number.isInteger(v) ? 'INT64' : 'FLOAT64' };
  return { type: 'STRING' };
}

const isDate = (v: ParamValue): v is { type: 'DATE'; value: string } =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const scalar = (v: string | number | boolean): string =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : v ? 'true' : 'false';

function paramValue(v: ParamValue): QueryParameter['parameterValue'] {
  if (v === null) return { value: null };
  if (isDate(v)) return { value: v.value };
  if (typeof v === 'object')
    return {
      arrayValues: (v as ReadonlyArray<string | number>).map((x) => ({ value: String(x) })),
    };
  return { value: scalar(v) };
}

export function toParameters(params: Record<string, ParamValue>): QueryParameter[] {
  return Object.entries(params).map(([name, v]) => ({
    name,
    parameterType: paramType(v),
    parameterValue: paramValue(v),
  }));
}

/** A row as BigQuery sends it: every cell a string (or null), by column name. */
export type Row = Record<string, string | null>;

/** at most this many bytes of NDJSON per load job's Blob: a few MB, as the reference advises */
export const LOAD_PART_BYTES = 8 * 1024 * 1024;
/** rows per result page: a page of aggregates or records stays a few MB */
export const PAGE_ROWS = 20000;

export interface ClientOptions {
  projectId: string;
  datasetId: string;
  location: string;
  /** ms: stop waiting for BigQuery after this moment */
  deadline: number;
  /** a cost fuse per query (bytes) */
  maximumBytesBilled?: number;
}

export interface QueryStats {
  queries: number;
  bytesProcessed: number;
  loads: number;
  loadBytes: number;
}

export class BigQueryClient {
  readonly stats: QueryStats = { queries: 0, bytesProcessed: 0, loads: 0, loadBytes: 0 };
  constructor(
    private readonly bq: BigQueryService,
    readonly opts: ClientOptions,
  ) {}

  private call<T>(f: () => T): T {
    try {
      return f();
    } catch (e) {
      throw classify(e);
    }
  }

  /** Sleeps, unless the wait would pass the deadline: then the caller stops and continues later. */
  private wait(ms: number): void {
    if (Date.now() + ms > this.opts.deadline)
      throw new BigQueryError('out_of_time', `a wait of ${ms} ms would pass the run's deadline`);
    Utilities.sleep(ms);
  }

  /** Runs a GoogleSQL query and hands each row to `onRow`, a page at a time. */
  query(sql: string, params: Record<string, ParamValue>, onRow: (r: Row) => void): void {
    const { projectId, location } = this.opts;
    const request: QueryRequest = {
      query: sql,
      useLegacySql: false,
      parameterMode: 'NAMED',
      queryParameters: toParameters(params),
      timeoutMs: 10000,
      maxResults: PAGE_ROWS,
      location,
      ...(this.opts.maximumBytesBilled
        ? { maximumBytesBilled: String(this.opts.maximumBytesBilled) }
        : {}),
    };
    let res = this.call(() => this.bq.Jobs.query(request, projectId));
    this.stats.queries++;
    const jobId = res.jobReference?.jobId ?? '';
    const jobLocation = res.jobReference?.location ?? location;
    let pause = 500;
    while (!res.jobComplete) {
      this.wait(pause);
      pause = Math.min(pause * 2, 8000);
      res = this.call(() =>
        this.bq.Jobs.getQueryResults(projectId, jobId, {
          location: jobLocation,
          timeoutMs: 10000,
          maxResults: PAGE_ROWS,
        }),
      );
    }
    this.stats.bytesProcessed += Number(res.totalBytesProcessed ?? 0);
    const names = (res.schema?.fields ?? []).map((f) => f.name);
    for (;;) {
      for (const r of res.rows ?? []) {
        const row: Row = {};
        r.f.forEach((cell, i) => {
          const v = cell.v;
          // the REST API sends every scalar cell as a string; anything else is not a column we read
          row[names[i] ?? String(i)] = typeof v === 'string' ? v : null;
        });
        onRow(row);
      }
      const token = res.pageToken;
      if (!token) break;
      res = this.call(() =>
        this.bq.Jobs.getQueryResults(projectId, jobId, {
          location: jobLocation,
          pageToken: token,
          maxResults: PAGE_ROWS,
        }),
      );
    }
  }

  /** All rows of a query (for small results: the head, the meta). */
  rows(sql: string, params: Record<string, ParamValue> = {}): Row[] {
    const out: Row[] = [];
    this.query(sql, params, (r) => out.push(r));
    return out;
  }

  /** The dataset and tables, created when missing (a first sync). */
  ensureTables(
    defs: readonly TableDef[],
    resource: (d: TableDef) => Record<string, unknown>,
  ): void {
    const { projectId, datasetId, location } = this.opts;
    try {
      this.call(() => this.bq.Datasets.get(projectId, datasetId));
    } catch (e) {
      if (!(e instanceof BigQueryError) || e.code !== 'not_found') throw e;
      this.call(() =>
        this.bq.Datasets.insert(
          { datasetReference: { projectId, datasetId }, location },
          projectId,
        ),
      );
    }
    for (const d of defs) {
      try {
        this.call(() => this.bq.Tables.get(projectId, datasetId, d.name));
      } catch (e) {
        if (!(e instanceof BigQueryError) || e.code !== 'not_found') throw e;
        this.call(() => this.bq.Tables.insert(resource(d), projectId, datasetId));
      }
    }
  }

  /**
   * Appends rows to a table with load jobs of at most LOAD_PART_BYTES each, and waits for each to
   * finish. `jobKey` names the load (the sync's id): a part loaded already is not loaded again.
   */
  load(def: TableDef, rows: ReadonlyArray<Record<string, unknown>>, jobKey: string): void {
    const parts: string[][] = [];
    let part: string[] = [];
    let size = 0;
    for (const r of rows) {
      const line = JSON.stringify(r);
      // a character is at most 3 bytes in UTF-8 (per UTF-16 unit): a safe bound without counting
      const bytes = line.length * 3 + 1;
      if (part.length && size + bytes > LOAD_PART_BYTES) {
        parts.push(part);
        part = [];
        size = 0;
      }
      part.push(line);
      size += bytes;
    }
    if (part.length) parts.push(part);
    parts.forEach((lines, i) => this.loadPart(def, lines.join('\n'), `${jobKey}_${def.name}_${i}`));
  }

  /**
   * Writes a query's answer to a table of the dataset (a query job with a destination table,
   * WRITE_TRUNCATE: the table is replaced whole) and waits for it. `jobId` names the write: the
   * same id again (a re-run) waits for the job that ran already and writes nothing twice.
   */
  materialise(
    sql: string,
    params: Record<string, ParamValue>,
    tableId: string,
    jobId: string,
  ): void {
    const { projectId, datasetId, location } = this.opts;
    const job: JobResource = {
      jobReference: { projectId, jobId, location },
      configuration: {
        query: {
          query: sql,
          useLegacySql: false,
          parameterMode: 'NAMED',
          queryParameters: toParameters(params),
          destinationTable: { projectId, datasetId, tableId },
          writeDisposition: 'WRITE_TRUNCATE',
          createDisposition: 'CREATE_IF_NEEDED',
          ...(this.opts.maximumBytesBilled
            ? { maximumBytesBilled: String(this.opts.maximumBytesBilled) }
            : {}),
        },
      },
    };
    try {
      this.call(() => this.bq.Jobs.insert(job, projectId));
      this.stats.queries++;
    } catch (e) {
      if (!isDuplicate(e)) throw e;
    }
    this.awaitJob(jobId, tableId, 'failed');
  }

  private loadPart(def: TableDef, ndjson: string, jobId: string): void {
    const { projectId, datasetId, location } = this.opts;
    const job: JobResource = {
      jobReference: { projectId, jobId, location },
      configuration: {
        load: {
          destinationTable: { projectId, datasetId, tableId: def.name },
          sourceFormat: 'NEWLINE_DELIMITED_JSON',
          writeDisposition: 'WRITE_APPEND',
          schema: {
            fields: def.columns.map((c) => ({ name: c.name, type: c.type, mode: c.mode })),
          },
        },
      },
    };
    const blob = Utilities.newBlob(ndjson, 'application/octet-stream');
    try {
      this.call(() => this.bq.Jobs.insert(job, projectId, blob));
      this.stats.loads++;
      this.stats.loadBytes += ndjson.length;
    } catch (e) {
      // the same load from an earlier run of this sync: BigQuery keeps job ids; wait for that one
      if (!isDuplicate(e)) throw e;
    }
    this.awaitJob(jobId, def.name, 'load_failed');
  }

  /** Polls a job until DONE; its failure (in `status.errorResult`, not thrown) becomes `code`. */
  private awaitJob(jobId: string, what: string, code: BigQueryErrorCode): void {
    const { projectId, location } = this.opts;
    let pause = 500;
    for (;;) {
      const got = this.call(() => this.bq.Jobs.get(projectId, jobId, { location }));
      if (got.status?.state === 'DONE') {
        const err = got.status.errorResult;
        if (err) {
          // errorResult says only that the job gave up; the rows' reasons are in errors[]
          const why = (got.status.errors ?? [])
            .map((x) => x.message ?? '')
            .filter((m) => m && m !== err.message)
            .slice(0, 3);
          throw new BigQueryError(
            code,
            [`${what}: ${err.reason ?? ''} ${err.message ?? ''}`, ...why].join(' — '),
          );
        }
        return;
      }
      this.wait(pause);
      pause = Math.min(pause * 2, 8000);
    }
  }
}
