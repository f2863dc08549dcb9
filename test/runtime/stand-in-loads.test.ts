/**
 * Load jobs in the BigQuery stand-in (dev/bigquery): a load is one bulk append, and it still
 * fails the way BigQuery's fails — one row that does not fit the schema fails the whole job
 * (DONE with `status.errorResult`, the row's reason in `status.errors`, nothing appended), a job
 * id used twice is refused, and the 1,500 loads a table a day run out.
 */
import { join } from 'node:path';
import { GasRuntime } from '../../dev/gas';
import { runScript } from '../support/gas';

jest.setTimeout(180000);

const ROOT = join(__dirname, '..', '..');
let rt: GasRuntime;

const FIELDS = [
  { name: 'id', type: 'INT64', mode: 'REQUIRED' },
  { name: 'name', type: 'STRING', mode: 'REQUIRED' },
  { name: 'closed_at', type: 'INT64', mode: 'NULLABLE' },
  { name: 'won', type: 'BOOL', mode: 'NULLABLE' },
  { name: 'day', type: 'DATE', mode: 'REQUIRED' },
  { name: 'synced_at', type: 'TIMESTAMP', mode: 'REQUIRED' },
];

beforeAll(async () => {
  const { build } = await import('../../dev/build');
  await build({ variant: 'bigquery' });
  rt = new GasRuntime({ distDir: join(ROOT, 'dist-bigquery') });
  runScript(
    rt,
    `BigQuery.Datasets.insert({ datasetReference: { projectId: 'p', datasetId: 'd' } }, 'p');
     ['t', 'q'].forEach(function (name) {
       BigQuery.Tables.insert({ tableReference: { projectId: 'p', datasetId: 'd', tableId: name },
         schema: { fields: ${JSON.stringify(FIELDS)} } }, 'p', 'd');
     });`,
  );
});
afterAll(() => rt.close());

/** Starts a load of `lines` into table `table` as job `jobId`, polls it, returns its status. */
function load(
  jobId: string,
  lines: unknown[],
  table = 't',
): { state: string; errorResult?: { reason: string; message: string }; errors?: unknown[] } {
  return runScript(
    rt,
    `var job = { jobReference: { projectId: 'p', jobId: ${JSON.stringify(jobId)} },
       configuration: { load: { destinationTable: { projectId: 'p', datasetId: 'd', tableId: '${table}' },
         sourceFormat: 'NEWLINE_DELIMITED_JSON', writeDisposition: 'WRITE_APPEND' } } };
     var text = ${JSON.stringify(lines.map((l) => JSON.stringify(l)).join('\n'))};
     BigQuery.Jobs.insert(job, 'p', Utilities.newBlob(text, 'application/octet-stream'));
     for (;;) {
       var got = BigQuery.Jobs.get('p', ${JSON.stringify(jobId)}, {});
       if (got.status.state === 'DONE') return got.status;
     }`,
  ) as ReturnType<typeof load>;
}

function query(sql: string): string[][] {
  return runScript(
    rt,
    `var r = BigQuery.Jobs.query({ query: ${JSON.stringify(sql)}, useLegacySql: false }, 'p');
     var id = r.jobReference.jobId;
     while (!r.jobComplete) r = BigQuery.Jobs.getQueryResults('p', id, { location: r.jobReference.location });
     return (r.rows || []).map(function (x) { return x.f.map(function (c) { return c.v; }); });`,
  ) as string[][];
}

const count = () => Number(query('SELECT COUNT(*) FROM `p.d.t`')[0]?.[0]);

const row = (id: number, extra: Record<string, unknown> = {}) => ({
  id,
  name: `Сделка ${id}`,
  closed_at: id % 2 ? null : 1700000000 + id,
  won: id % 3 === 0,
  day: '2026-03-08',
  synced_at: '2026-12-03T10:00:00.000Z',
  ...extra,
});

test('a load appends every row, typed as the schema says', () => {
  const rows = Array.from({ length: 5000 }, (_, i) => row(i + 1));
  const before = count();
  expect(load('ok_1', rows)).toEqual({ state: 'DONE' });
  expect(count()).toBe(before + 5000);
  expect(
    query(
      'SELECT id, name, closed_at, won, day, synced_at FROM `p.d.t` WHERE id IN (2, 3) ORDER BY id',
    ),
  ).toEqual([
    ['2', 'Сделка 2', '1700000002', 'false', '2026-03-08', '1.796292e+9'],
    ['3', 'Сделка 3', null, 'true', '2026-03-08', '1.796292e+9'],
  ]);
});

test.each([
  ['a field the table does not have', { extra: 1 }, /No such field: extra\./],
  ['a required field missing', { name: null }, /Missing required field: name\./],
  ['text where an integer belongs', { closed_at: 'вчера' }, /Could not convert value to integer/],
  ['a fraction where an integer belongs', { id: 1.5 }, /Could not convert value to integer/],
  ['a date that is not YYYY-MM-DD', { day: '08.03.2026' }, /Could not convert value to date/],
  ['a timestamp that is no instant', { synced_at: 'soon' }, /Could not convert value to timestamp/],
])('one row with %s fails the whole job and appends nothing', (_what, bad, reason) => {
  const before = count();
  const id = `bad_${Math.random().toString(36).slice(2)}`;
  const status = load(id, [row(1), row(2), { ...row(3), ...bad }, row(4)]);
  expect(status.state).toBe('DONE');
  expect(status.errorResult?.reason).toBe('invalid');
  expect(status.errorResult?.message).toMatch(/JSON table encountered too many errors/);
  expect(JSON.stringify(status.errors)).toMatch(reason);
  expect(count()).toBe(before);
});

test('a job id used again is refused, and its rows are not appended twice', () => {
  load('twice', [row(90001)]);
  const before = count();
  expect(() => load('twice', [row(90001)])).toThrow(
    /API call to bigquery\.jobs\.insert failed with error: Already Exists: Job p:US\.twice/,
  );
  expect(count()).toBe(before);
});

test('the 1,501st load of a table in a day is refused (403 quotaExceeded), failed ones counted', () => {
  const made = runScript(
    rt,
    `var n = 0;
     for (var i = 0; i < 1600; i++) {
       try {
         BigQuery.Jobs.insert({ jobReference: { projectId: 'p', jobId: 'q_' + i },
           configuration: { load: { destinationTable: { projectId: 'p', datasetId: 'd', tableId: 'q' },
             sourceFormat: 'NEWLINE_DELIMITED_JSON' } } }, 'p',
           Utilities.newBlob(i % 2 ? '{"nope":1}' : '', 'application/octet-stream'));
         n++;
       } catch (e) {
         return { n: n, message: String(e.message) };
       }
     }
     return { n: n, message: '' };`,
  ) as { n: number; message: string };
  expect(made.n).toBe(1500);
  expect(made.message).toMatch(/quotaExceeded/);
});
