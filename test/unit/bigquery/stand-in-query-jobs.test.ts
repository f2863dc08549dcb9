/**
 * The stand-in's query jobs with a destination table (the derived timeline's way of being
 * written), as BigQuery runs them: WRITE_TRUNCATE replaces the table, a job id used again writes
 * nothing twice, a query BigQuery refuses fails the job (in its errorResult) and leaves the table
 * as it was, WRITE_EMPTY refuses a table with rows, a missing dataset is not found, legacy SQL
 * (the REST default) is refused.
 */
import { BigQueryError } from '../../../src/bigquery/bigquery-api';
import { TABLES } from '../../../src/bigquery/tables';
import { nodeBigQuery, type NodeBigQuery } from './bigquery-node';

jest.setTimeout(120000);

let bq: NodeBigQuery;
beforeAll(() => {
  bq = nodeBigQuery();
});
afterAll(() => bq.close());

const DS = 'facts-project.jobs_ds';
const values = (client: ReturnType<NodeBigQuery['client']>) =>
  client.rows(`SELECT n FROM \`${DS}.derived\` ORDER BY n`).map((r) => r.n);

test('a query job writes its answer to a table, replaced whole each time, once per job id', () => {
  const client = bq.client('jobs_ds');
  client.ensureTables([TABLES.syncs], (d) => ({
    tableReference: { projectId: 'facts-project', datasetId: 'jobs_ds', tableId: d.name },
    schema: { fields: d.columns },
  }));
  // (with its offset: the form the stand-in translates, as the product's queries write it)
  const sql = 'SELECT n FROM UNNEST(@ns) AS n WITH OFFSET AS i';
  client.materialise(sql, { ns: [1, 2, 3] }, 'derived', 'derive_1');
  expect(values(client)).toEqual(['1', '2', '3']);
  // WRITE_TRUNCATE: the next answer replaces the table, nothing appended
  client.materialise(sql, { ns: [7] }, 'derived', 'derive_2');
  expect(values(client)).toEqual(['7']);
  // the same job id again (a re-run): the job ran already, the table stays as it wrote it
  client.materialise(sql, { ns: [9, 9] }, 'derived', 'derive_2');
  expect(values(client)).toEqual(['7']);

  // a DuckDB-only form: BigQuery refuses it, the job fails in words and the table stays
  expect(() => client.materialise('SELECT 1::INT64 AS n', {}, 'derived', 'derive_bad')).toThrow(
    BigQueryError,
  );
  expect(values(client)).toEqual(['7']);

  const insert = (query: Record<string, unknown>, jobId: string) =>
    bq.service.Jobs.insert(
      { jobReference: { projectId: 'facts-project', jobId }, configuration: { query } },
      'facts-project',
    );
  const get = (jobId: string) => bq.service.Jobs.get('facts-project', jobId, {});
  const dest = (datasetId: string) => ({
    projectId: 'facts-project',
    datasetId,
    tableId: 'derived',
  });
  // WRITE_EMPTY (the default) on a table with rows: the job fails, the table stays
  insert({ query: 'SELECT 5 AS n', useLegacySql: false, destinationTable: dest('jobs_ds') }, 'e1');
  get('e1');
  expect(get('e1').status?.errorResult?.message).toMatch(/Already Exists/);
  expect(values(client)).toEqual(['7']);
  // a dataset that does not exist, and legacy SQL: refused by the call itself
  expect(() =>
    insert({ query: 'SELECT 5 AS n', useLegacySql: false, destinationTable: dest('nope') }, 'e2'),
  ).toThrow(/Not found: Dataset/);
  expect(() => insert({ query: 'SELECT 5 AS n', destinationTable: dest('jobs_ds') }, 'e3')).toThrow(
    /standard SQL/,
  );
});
