/**
 * The BigQuery client's use of the advanced service, against a scripted service: polling within
 * the deadline, the job's location on every follow-up, pages followed, load parts under the Blob
 * budget, a re-run's duplicate load taken as done, a load's errorResult thrown, errors classified
 * from the service's text. (The stand-in, test/runtime/bigquery-*.test.ts, runs the real SQL.)
 */
import {
  BigQueryClient,
  BigQueryError,
  classify,
  LOAD_PART_BYTES,
  toParameters,
  type BigQueryService,
  type JobResource,
  type QueryResponse,
} from '../../../src/bigquery/bigquery-api';
import { TABLES } from '../../../src/bigquery/tables';

const slept: number[] = [];
let now = 0;
beforeAll(() => {
  (globalThis as Record<string, unknown>).Utilities = {
    sleep: (ms: number) => {
      slept.push(ms);
      now += ms;
    },
    newBlob: (text: string) => ({ text }),
  };
  jest.spyOn(Date, 'now').mockImplementation(() => now);
});
afterAll(() => jest.restoreAllMocks());
beforeEach(() => {
  slept.length = 0;
  now = 1_000_000;
});

function service(over: Partial<BigQueryService['Jobs']>): {
  bq: BigQueryService;
  calls: Array<[string, unknown[]]>;
} {
  const calls: Array<[string, unknown[]]> = [];
  const rec =
    <A extends unknown[], R>(name: string, f: (...a: A) => R) =>
    (...a: A): R => {
      calls.push([name, a]);
      return f(...a);
    };
  const none = () => {
    throw new Error('not scripted');
  };
  return {
    calls,
    bq: {
      Jobs: {
        query: rec('query', over.query ?? none),
        getQueryResults: rec('getQueryResults', over.getQueryResults ?? none),
        get: rec('get', over.get ?? none),
        insert: rec('insert', over.insert ?? none),
      },
      Datasets: { get: none, insert: none },
      Tables: { get: none, insert: none },
    },
  };
}

const opts = { projectId: 'p-123456', datasetId: 'ds', location: 'europe-west3', deadline: 0 };

test('a query is GoogleSQL with named parameters, polled with its location, and every page read', () => {
  let polls = 0;
  const page = (rows: string[], token?: string): QueryResponse => ({
    jobComplete: true,
    jobReference: { jobId: 'j1', location: 'europe-west3' },
    schema: { fields: [{ name: 'x', type: 'INT64' }] },
    rows: rows.map((v) => ({ f: [{ v }] })),
    totalBytesProcessed: '100',
    ...(token ? { pageToken: token } : {}),
  });
  const { bq, calls } = service({
    query: () => ({ jobComplete: false, jobReference: { jobId: 'j1', location: 'europe-west3' } }),
    getQueryResults: (_p, _j, o) => {
      if (!o.pageToken && polls++ < 2)
        return { jobComplete: false, jobReference: { jobId: 'j1', location: 'europe-west3' } };
      return o.pageToken === 't2' ? page(['3']) : page(['1', '2'], 't2');
    },
  });
  const c = new BigQueryClient(bq, { ...opts, deadline: now + 60_000 });
  expect(c.rows('SELECT x FROM t WHERE d >= @d', { d: 5 }).map((r) => r.x)).toEqual([
    '1',
    '2',
    '3',
  ]);
  const req = calls[0]?.[1][0] as Record<string, unknown>;
  expect(req).toMatchObject({
    useLegacySql: false,
    parameterMode: 'NAMED',
    location: 'europe-west3',
  });
  expect(req.queryParameters).toEqual([
    { name: 'd', parameterType: { type: 'INT64' }, parameterValue: { value: '5' } },
  ]);
  for (const [name, args] of calls.slice(1)) {
    expect(name).toBe('getQueryResults');
    expect((args[2] as { location?: string }).location).toBe('europe-west3');
  }
  expect(slept).toEqual([500, 1000, 2000]); // doubling
  expect(c.stats.bytesProcessed).toBe(100);
});

test('a query still running at the deadline stops the run in words, it does not sleep past it', () => {
  const { bq } = service({
    query: () => ({ jobComplete: false, jobReference: { jobId: 'j', location: 'EU' } }),
    getQueryResults: () => ({ jobComplete: false, jobReference: { jobId: 'j', location: 'EU' } }),
  });
  const c = new BigQueryClient(bq, { ...opts, deadline: now + 3000 });
  let err: unknown;
  try {
    c.rows('SELECT 1');
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(BigQueryError);
  expect((err as BigQueryError).code).toBe('out_of_time');
  expect(now).toBeLessThanOrEqual(1_000_000 + 3000);
});

test('loads: parts under the budget, polled until DONE, a duplicate from an earlier run is done, errorResult thrown', () => {
  const inserted: string[] = [];
  const jobs = new Map<string, number>();
  const { bq } = service({
    insert: (job: JobResource, _p, blob) => {
      const id = job.jobReference?.jobId ?? '';
      if (id.endsWith('_0') && inserted.length === 0) {
        inserted.push(id);
        throw new Error(
          `API call to bigquery.jobs.insert failed with error: Already Exists: Job p:${id}`,
        );
      }
      inserted.push(id);
      expect((blob as unknown as { text: string }).text.length).toBeLessThanOrEqual(
        LOAD_PART_BYTES,
      );
      return { status: { state: 'RUNNING' } };
    },
    get: (_p, id) => {
      const n = (jobs.get(id) ?? 0) + 1;
      jobs.set(id, n);
      return n < 2 ? { status: { state: 'RUNNING' } } : { status: { state: 'DONE' } };
    },
  });
  const c = new BigQueryClient(bq, { ...opts, deadline: now + 600_000 });
  // 3 MB of rows: at most LOAD_PART_BYTES counted at 3 bytes a character → several parts
  const rows = Array.from({ length: 3000 }, (_, i) => ({ id: String(i), name: 'я'.repeat(1000) }));
  c.load(TABLES.meta, rows, 'sync1');
  expect(inserted.length).toBeGreaterThan(1);
  // the first part exists from an earlier run: not loaded again, but waited for
  expect(new Set(inserted).size).toBe(inserted.length);
  expect(jobs.get('sync1_meta_0')).toBe(2);
  expect(inserted.every((id) => id.startsWith('sync1_meta_'))).toBe(true);

  const failing = service({
    insert: () => ({ status: { state: 'RUNNING' } }),
    get: () => ({
      status: { state: 'DONE', errorResult: { reason: 'invalid', message: 'bad row' } },
    }),
  });
  const c2 = new BigQueryClient(failing.bq, { ...opts, deadline: now + 600_000 });
  expect(() => c2.load(TABLES.meta, [{ json: '{}' }], 'sync2')).toThrow(/load_failed|bad row/);
});

test("the service's error text is classified", () => {
  const m = (s: string) =>
    classify(new Error(`API call to bigquery.jobs.query failed with error: ${s}`)).code;
  expect(m('Quota exceeded: Your project exceeded quota (quotaExceeded)')).toBe('quota');
  expect(m('Exceeded rate limits: too many table update operations for this table')).toBe('quota');
  expect(m('Access Denied: Project p: User does not have bigquery.jobs.create permission')).toBe(
    'denied',
  );
  expect(m('Not found: Dataset p:ds')).toBe('not_found');
  expect(m('Syntax error: Unexpected keyword AT at [1:8]')).toBe('invalid_query');
});

test('parameters: dates, arrays, null', () => {
  expect(
    toParameters({ d: { type: 'DATE', value: '2026-01-01' }, ids: [1, 2], s: null, b: true }),
  ).toEqual([
    { name: 'd', parameterType: { type: 'DATE' }, parameterValue: { value: '2026-01-01' } },
    {
      name: 'ids',
      parameterType: { type: 'ARRAY', arrayType: { type: 'INT64' } },
      parameterValue: { arrayValues: [{ value: '1' }, { value: '2' }] },
    },
    { name: 's', parameterType: { type: 'STRING' }, parameterValue: { value: null } },
    { name: 'b', parameterType: { type: 'BOOL' }, parameterValue: { value: 'true' } },
  ]);
});
