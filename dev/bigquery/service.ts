/**
 * The local runtime's `BigQuery` advanced service (present only when the manifest enables it):
 * the method signatures Apps Script gives it (the request body, then the path parameters, then a
 * media Blob, then the optional query parameters), the errors it throws as text ("API call to
 * bigquery.<method> failed with error: …"), and BigQuery's behaviour the product must cope with:
 * legacy SQL unless `useLegacySql: false`, a query not complete at its first answer (polled with
 * getQueryResults), results paged by `maxResults`, a job outside US/EU not found without its
 * `location`, load jobs RUNNING before DONE with their errors in `status.errorResult`, a job id
 * used twice refused, 1,500 loads per table per day (403 quotaExceeded), 10 MB per query request.
 * [docs/services.md, BigQuery]. The engine (ZetaSQL analysis, then DuckDB) is worker.js.
 */
import { join } from 'node:path';
import {
  MessageChannel,
  receiveMessageOnPort,
  Worker,
  type MessagePort,
} from 'node:worker_threads';
import type { BlobView } from '../gas/blob';
import type { Host } from '../gas/host';

export const BIGQUERY_SCOPE = 'https://www.googleapis.com/auth/bigquery';
const MULTI_REGIONS = ['US', 'EU'];
const MAX_REQUEST_BYTES = 10 * 1024 * 1024;
const LOADS_PER_TABLE_DAY = 1500;
const CUSTOM_QUOTA =
  'Custom quota exceeded: Your usage exceeded the custom quota for QueryUsagePerDay, which is set by your administrator. For more information, see https://cloud.google.com/bigquery/cost-controls';

interface Answer {
  ok: boolean;
  reason?: string;
  message?: string;
  fields?: Array<{ name: string; type: string }>;
  rows?: Array<{ f: Array<{ v: string | null }> }>;
  bytes?: number;
  /** a query's wall time in DuckDB, ms */
  ms?: number;
  /** a failed load's row errors (BigQuery's `status.errors`) */
  errors?: Array<{ reason: string; message: string }>;
}

/** The worker, called synchronously (the script's call blocks until DuckDB and ZetaSQL answer). */
export class BigQueryEngine {
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private readonly port: MessagePort;
  private readonly worker: Worker;
  /** what the queries scanned, as BigQuery would bill it (the bench reads it) */
  readonly billed: Array<{ sql: string; bytes: number; ms: number; rows: number }> = [];
  /** NDJSON bytes loaded (BigQuery's stored size is of the same order) */
  loadedBytes = 0;
  constructor(private readonly waitMs = 120000) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(join(__dirname, 'worker.js'), {
      workerData: {
        port: port2,
        sab: this.flag.buffer,
        zetaPort: 41000 + Math.floor(Math.random() * 20000),
      },
      transferList: [port2],
    });
    this.worker.unref();
  }
  call(msg: Record<string, unknown>): Answer {
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage(msg);
    if (Atomics.wait(this.flag, 0, 0, this.waitMs) === 'timed-out')
      throw new Error(`BigQuery stand-in: no answer within ${this.waitMs} ms`);
    const m = receiveMessageOnPort(this.port);
    if (!m) throw new Error('BigQuery stand-in: answer lost');
    return m.message as Answer;
  }
  async close(): Promise<void> {
    try {
      this.call({ op: 'stop' });
    } finally {
      await this.worker.terminate();
    }
  }
}

interface Job {
  projectId: string;
  jobId: string;
  location: string;
  kind: 'query' | 'load';
  /** polls left before it is DONE */
  pending: number;
  result?: Answer;
  error?: { reason: string; message: string };
  errors?: Array<{ reason: string; message: string }>;
}

/** What the service keeps between calls: jobs, datasets, tables, loads per table per day. */
export class BigQueryState {
  readonly jobs = new Map<string, Job>();
  readonly datasets = new Map<string, { location: string }>();
  readonly tables = new Set<string>();
  readonly loads = new Map<string, number>();
  /**
   * A custom quota on bytes processed per day (QueryUsagePerDay, a cost control the project's
   * administrator sets; null: the default, out of reach here). It is preventive: a query that would
   * pass it fails and bills nothing. Days reset at midnight Pacific time.
   */
  queryUsagePerDay: number | null = null;
  readonly queryUsage = new Map<string, number>();
  /**
   * A failure of BigQuery's own (HTTP 500 backendError, "retrying may solve the problem") at the
   * n-th `jobs.query` from now (of those whose SQL matches `match`, when given), for tests that
   * fail a refresh at its queries in turn.
   */
  fault: { n: number; message: string; match?: RegExp } | null = null;
  private seq = 0;
  constructor(readonly engine: BigQueryEngine) {}
  nextJobId(): string {
    return `job_${(++this.seq).toString(36)}`;
  }
}

function fail(host: Host, method: string, message: string): never {
  host.fail(`API call to bigquery.${method} failed with error: ${message}`);
}

/** the job, if the caller names its location where BigQuery needs it */
function jobOf(
  host: Host,
  s: BigQueryState,
  method: string,
  projectId: string,
  jobId: string,
  location: string | undefined,
): Job {
  const job = s.jobs.get(`${projectId}:${jobId}`);
  if (!job || (!MULTI_REGIONS.includes(job.location) && location !== job.location))
    fail(host, method, `Not found: Job ${projectId}:${jobId}`);
  return job;
}

interface Param {
  name: string;
  parameterType: { type: string; arrayType?: { type: string } };
  parameterValue: { value?: string | null; arrayValues?: Array<{ value: string }> };
}

function page(job: Job, start: number, max: number) {
  const rows = job.result?.rows ?? [];
  const end = Math.min(rows.length, start + max);
  return {
    kind: 'bigquery#getQueryResultsResponse',
    jobComplete: true,
    jobReference: { projectId: job.projectId, jobId: job.jobId, location: job.location },
    schema: { fields: job.result?.fields ?? [] },
    rows: rows.slice(start, end),
    totalRows: String(rows.length),
    totalBytesProcessed: String(job.result?.bytes ?? 0),
    ...(end < rows.length ? { pageToken: String(end) } : {}),
  };
}

export class JobsView {
  readonly gasType = 'BigQuery.Jobs';
  constructor(
    private readonly _host: Host,
    private readonly _s: BigQueryState,
  ) {}

  query(request: Record<string, unknown>, projectId: string) {
    const host = this._host;
    if (JSON.stringify(request).length > MAX_REQUEST_BYTES)
      fail(host, 'jobs.query', 'Request payload size exceeds the limit: 10485760 bytes.');
    const sql = typeof request.query === 'string' ? request.query : '';
    if (request.useLegacySql !== false)
      // the REST default is legacy SQL, which reads none of GoogleSQL's paths or functions
      fail(
        host,
        'jobs.query',
        `Invalid table name: ${/`([^`]+)`/.exec(sql)?.[1] ?? sql.slice(0, 40)} [Try using standard SQL]`,
      );
    const fault = this._s.fault;
    if (fault && (!fault.match || fault.match.test(sql)) && --fault.n <= 0) {
      this._s.fault = null;
      fail(host, 'jobs.query', fault.message);
    }
    const params = (request.queryParameters as Param[] | undefined) ?? [];
    if (params.length && request.parameterMode !== 'NAMED')
      fail(host, 'jobs.query', 'Query parameters must be named (parameterMode NAMED)');
    const analysed = this._s.engine.call({ op: 'analyse', sql, params });
    if (!analysed.ok) fail(host, 'jobs.query', `${analysed.message ?? ''} (invalidQuery)`);
    const result = this._s.engine.call({ op: 'query', sql, params });
    if (!result.ok) fail(host, 'jobs.query', `${result.message ?? ''} (${result.reason ?? ''})`);
    const bytes = result.bytes ?? 0;
    if (!this.charge(bytes)) fail(host, 'jobs.query', `${CUSTOM_QUOTA} (quotaExceeded, 403)`);
    this._s.engine.billed.push({
      sql,
      bytes,
      ms: result.ms ?? 0,
      rows: result.rows?.length ?? 0,
    });
    if (process.env.BQ_TRACE)
      console.error(
        `    bigquery: ${result.ms ?? 0} ms, ${result.rows?.length ?? 0} rows: ${sql.trim().split('\n').slice(-1)[0]?.slice(0, 70) ?? ''}`,
      );
    const location = typeof request.location === 'string' ? request.location : 'US';
    const job: Job = {
      projectId,
      jobId: this._s.nextJobId(),
      location,
      kind: 'query',
      pending: 1,
      result,
    };
    this._s.jobs.set(`${projectId}:${job.jobId}`, job);
    // a query is not complete at its first answer here: the caller must poll
    return {
      kind: 'bigquery#queryResponse',
      jobComplete: false,
      jobReference: { projectId, jobId: job.jobId, location },
    };
  }

  getQueryResults(projectId: string, jobId: string, optional: Record<string, unknown> = {}) {
    const job = jobOf(
      this._host,
      this._s,
      'jobs.getQueryResults',
      projectId,
      jobId,
      optional.location as string | undefined,
    );
    if (job.pending > 0) {
      job.pending--;
      return { jobComplete: false, jobReference: { projectId, jobId, location: job.location } };
    }
    const max = Number(optional.maxResults ?? 100000);
    return page(job, Number(optional.pageToken ?? 0), max);
  }

  get(projectId: string, jobId: string, optional: Record<string, unknown> = {}) {
    const job = jobOf(
      this._host,
      this._s,
      'jobs.get',
      projectId,
      jobId,
      optional.location as string,
    );
    const state = job.pending > 0 ? 'RUNNING' : 'DONE';
    if (job.pending > 0) job.pending--;
    return {
      jobReference: { projectId, jobId, location: job.location },
      status: {
        state,
        ...(state === 'DONE' && job.error
          ? { errorResult: job.error, errors: job.errors ?? [job.error] }
          : {}),
      },
    };
  }

  insert(job: Record<string, unknown>, projectId: string, blob?: BlobView) {
    const host = this._host;
    const ref = (job.jobReference ?? {}) as { jobId?: string; location?: string };
    const jobId = ref.jobId ?? this._s.nextJobId();
    const location = ref.location ?? 'US';
    if (this._s.jobs.has(`${projectId}:${jobId}`))
      fail(host, 'jobs.insert', `Already Exists: Job ${projectId}:${location}.${jobId}`);
    const query = (job.configuration as { query?: Record<string, unknown> } | undefined)?.query;
    if (query) return this.queryJob(query, projectId, jobId, location);
    const load = (job.configuration as { load?: Record<string, unknown> } | undefined)?.load;
    if (!load || !blob)
      fail(host, 'jobs.insert', 'Only load jobs with a media upload are supported here');
    const dest = load.destinationTable as { projectId: string; datasetId: string; tableId: string };
    const table = `${dest.projectId}.${dest.datasetId}.${dest.tableId}`;
    if (load.sourceFormat !== 'NEWLINE_DELIMITED_JSON')
      fail(host, 'jobs.insert', 'sourceFormat must be NEWLINE_DELIMITED_JSON here');
    this.countModification(table);
    const ndjson = blob.getDataAsString();
    const r = this._s.engine.call({ op: 'load', name: table, ndjson });
    if (r.ok) this._s.engine.loadedBytes += ndjson.length;
    const entry: Job = { projectId, jobId, location, kind: 'load', pending: 1 };
    if (!r.ok) {
      entry.error = { reason: r.reason ?? 'invalid', message: r.message ?? '' };
      if (r.errors) entry.errors = r.errors;
    }
    this._s.jobs.set(`${projectId}:${jobId}`, entry);
    return {
      jobReference: { projectId, jobId, location },
      status: { state: 'RUNNING' },
    };
  }

  /**
   * A table modification (a load, or a query writing a destination table): 1,500 per table per
   * day, failed jobs included (403 quotaExceeded).
   */
  private countModification(table: string): void {
    const day = new Date(this._host.clock.now()).toISOString().slice(0, 10);
    const key = `${table}:${day}`;
    const n = (this._s.loads.get(key) ?? 0) + 1;
    if (n > LOADS_PER_TABLE_DAY)
      fail(
        this._host,
        'jobs.insert',
        `Quota exceeded: Your table exceeded quota for imports or query appends per table (quotaExceeded, 403)`,
      );
    this._s.loads.set(key, n);
  }

  /**
   * A query job writing its answer to a destination table, as BigQuery runs it: GoogleSQL only
   * (legacy SQL is the REST default here too), the destination's dataset must exist,
   * WRITE_TRUNCATE replaces the table, WRITE_EMPTY (the default) fails on a table with rows,
   * CREATE_NEVER on a missing table fails; the query is analysed like any other, and its errors
   * are the job's (`status.errorResult`), not the call's. WRITE_APPEND is not offered here.
   */
  private pacificDay(): string {
    return new Date(this._host.clock.now()).toLocaleDateString('en-CA', {
      timeZone: 'America/Los_Angeles',
    });
  }

  /** Bytes processed today, within the custom quota (false: over it, nothing charged). */
  private charge(bytes: number): boolean {
    const day = this.pacificDay();
    const used = this._s.queryUsage.get(day) ?? 0;
    const quota = this._s.queryUsagePerDay;
    if (quota !== null && used + bytes > quota) return false;
    this._s.queryUsage.set(day, used + bytes);
    return true;
  }

  /** the custom quota of the day is used up */
  private spent(): boolean {
    const quota = this._s.queryUsagePerDay;
    return quota !== null && (this._s.queryUsage.get(this.pacificDay()) ?? 0) >= quota;
  }

  private queryJob(q: Record<string, unknown>, projectId: string, jobId: string, location: string) {
    const host = this._host;
    const sql = typeof q.query === 'string' ? q.query : '';
    if (q.useLegacySql !== false)
      fail(
        host,
        'jobs.insert',
        `Invalid table name: ${/`([^`]+)`/.exec(sql)?.[1] ?? sql.slice(0, 40)} [Try using standard SQL]`,
      );
    const params = (q.queryParameters as Param[] | undefined) ?? [];
    if (params.length && q.parameterMode !== 'NAMED')
      fail(host, 'jobs.insert', 'Query parameters must be named (parameterMode NAMED)');
    const dest = q.destinationTable as
      { projectId: string; datasetId: string; tableId: string } | undefined;
    if (!dest)
      fail(host, 'jobs.insert', 'Only query jobs with a destination table are supported here');
    if (!this._s.datasets.has(`${dest.projectId}.${dest.datasetId}`))
      fail(host, 'jobs.insert', `Not found: Dataset ${dest.projectId}:${dest.datasetId}`);
    const disposition = typeof q.writeDisposition === 'string' ? q.writeDisposition : 'WRITE_EMPTY';
    if (disposition !== 'WRITE_TRUNCATE' && disposition !== 'WRITE_EMPTY')
      fail(host, 'jobs.insert', `writeDisposition ${disposition} is not supported here`);
    const table = `${dest.projectId}.${dest.datasetId}.${dest.tableId}`;
    const entry: Job = { projectId, jobId, location, kind: 'query', pending: 1 };
    this._s.jobs.set(`${projectId}:${jobId}`, entry);
    this.countModification(table);
    const exists = this._s.tables.has(table);
    const analysed = this._s.engine.call({ op: 'analyse', sql, params });
    if (!analysed.ok) entry.error = { reason: 'invalidQuery', message: analysed.message ?? '' };
    else if (!exists && q.createDisposition === 'CREATE_NEVER')
      entry.error = { reason: 'notFound', message: `Not found: Table ${table}` };
    // the stand-in knows a job's bytes only once it ran: a day's quota already spent refuses it
    else if (this.spent()) entry.error = { reason: 'quotaExceeded', message: CUSTOM_QUOTA };
    else {
      const r = this._s.engine.call({ op: 'materialise', name: table, sql, params, disposition });
      if (!r.ok) entry.error = { reason: r.reason ?? 'invalid', message: r.message ?? '' };
      else {
        const day = this.pacificDay();
        this._s.queryUsage.set(day, (this._s.queryUsage.get(day) ?? 0) + (r.bytes ?? 0));
        this._s.tables.add(table);
        this._s.engine.billed.push({ sql, bytes: r.bytes ?? 0, ms: r.ms ?? 0, rows: 0 });
        if (process.env.BQ_TRACE)
          console.error(`    bigquery: ${r.ms ?? 0} ms, written to ${dest.tableId}`);
      }
    }
    return { jobReference: { projectId, jobId, location }, status: { state: 'RUNNING' } };
  }
}

export class DatasetsView {
  readonly gasType = 'BigQuery.Datasets';
  constructor(
    private readonly _host: Host,
    private readonly _s: BigQueryState,
  ) {}
  get(projectId: string, datasetId: string) {
    const d = this._s.datasets.get(`${projectId}.${datasetId}`);
    if (!d) fail(this._host, 'datasets.get', `Not found: Dataset ${projectId}:${datasetId}`);
    return { datasetReference: { projectId, datasetId }, location: d.location };
  }
  insert(dataset: Record<string, unknown>, projectId: string) {
    const ref = dataset.datasetReference as { datasetId: string };
    const key = `${projectId}.${ref.datasetId}`;
    if (this._s.datasets.has(key))
      fail(this._host, 'datasets.insert', `Already Exists: Dataset ${projectId}:${ref.datasetId}`);
    this._s.datasets.set(key, {
      location: typeof dataset.location === 'string' ? dataset.location : 'US',
    });
    return dataset;
  }
}

export class TablesView {
  readonly gasType = 'BigQuery.Tables';
  constructor(
    private readonly _host: Host,
    private readonly _s: BigQueryState,
  ) {}
  get(projectId: string, datasetId: string, tableId: string) {
    if (!this._s.tables.has(`${projectId}.${datasetId}.${tableId}`))
      fail(this._host, 'tables.get', `Not found: Table ${projectId}:${datasetId}.${tableId}`);
    return { tableReference: { projectId, datasetId, tableId } };
  }
  insert(table: Record<string, unknown>, projectId: string, datasetId: string) {
    const ref = table.tableReference as { tableId: string };
    const name = `${projectId}.${datasetId}.${ref.tableId}`;
    if (!this._s.datasets.has(`${projectId}.${datasetId}`))
      fail(this._host, 'tables.insert', `Not found: Dataset ${projectId}:${datasetId}`);
    if (this._s.tables.has(name))
      fail(
        this._host,
        'tables.insert',
        `Already Exists: Table ${projectId}:${datasetId}.${ref.tableId}`,
      );
    const fields = (table.schema as { fields: unknown[] }).fields;
    const r = this._s.engine.call({ op: 'createTable', name, fields });
    if (!r.ok) fail(this._host, 'tables.insert', r.message ?? '');
    this._s.tables.add(name);
    return table;
  }
}
