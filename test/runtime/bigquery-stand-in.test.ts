/**
 * The BigQuery stand-in (dev/bigquery): a query BigQuery would refuse is refused (ZetaSQL, Google's
 * own GoogleSQL analyser, sees it first), the forms DuckDB reads differently are refused or
 * translated, and the answers of the constructs GoogleSQL and DuckDB disagree on silently are
 * GoogleSQL's (golden values from the GoogleSQL reference: docs/services.md, BigQuery §4).
 * The service exists only in the BigQuery variant's bundle.
 */
import { join } from 'node:path';
import { GasRuntime } from '../../dev/gas';
import { runScript } from '../support/gas';

jest.setTimeout(120000);

const ROOT = join(__dirname, '..', '..');
let rt: GasRuntime;

beforeAll(async () => {
  const { build } = await import('../../dev/build');
  await build({ variant: 'bigquery' });
  rt = new GasRuntime({ distDir: join(ROOT, 'dist-bigquery') });
});
afterAll(() => rt.close());

/** Runs a query as the product does (polled, paged) and returns its rows' first cells. */
function cells(sql: string, extra = ''): Array<string | null> {
  return runScript(
    rt,
    `var r = BigQuery.Jobs.query({ query: ${JSON.stringify(sql)}, useLegacySql: false ${extra} }, 'demo-project');
     var id = r.jobReference.jobId;
     while (!r.jobComplete) r = BigQuery.Jobs.getQueryResults('demo-project', id, { location: r.jobReference.location });
     return (r.rows || []).map(function (x) { return x.f[0].v; });`,
  ) as Array<string | null>;
}

function refusal(sql: string, extra = ''): string {
  try {
    cells(sql, extra);
  } catch (e) {
    return (e as Error).message;
  }
  return 'accepted';
}

describe('refused as BigQuery refuses', () => {
  test.each([
    ['a DuckDB cast', 'SELECT 1::INT64'],
    [
      "DuckDB's date_diff('day', a, b)",
      "SELECT date_diff('day', DATE '2024-01-01', DATE '2024-01-02')",
    ],
    ["DuckDB's date_trunc('month', d)", "SELECT date_trunc('month', DATE '2024-01-15')"],
    ['TRY_CAST', "SELECT TRY_CAST('1' AS INT64)"],
    ['QUALIFY without WHERE', 'SELECT 1 AS x QUALIFY ROW_NUMBER() OVER () = 1'],
  ])('%s', (_name, sql) => {
    expect(refusal(sql)).toMatch(/^API call to bigquery\.jobs\.query failed with error: /);
  });

  test('a double-quoted "literal" (a string in GoogleSQL, a column in DuckDB) is refused', () => {
    expect(refusal('SELECT "won" AS s')).toMatch(/double-quoted/);
  });

  test('legacy SQL, the REST default, reads no GoogleSQL path', () => {
    expect(runScriptError(`BigQuery.Jobs.query({ query: 'SELECT 1' }, 'demo-project')`)).toMatch(
      /Try using standard SQL/,
    );
  });

  test('a job outside US/EU is not found without its location', () => {
    const msg = runScriptError(
      `var r = BigQuery.Jobs.query({ query: 'SELECT 1', useLegacySql: false, location: 'europe-west3' }, 'demo-project');
       BigQuery.Jobs.getQueryResults('demo-project', r.jobReference.jobId, {});`,
    );
    expect(msg).toMatch(/Not found: Job/);
  });
});

function runScriptError(body: string): string {
  try {
    runScript(rt, body);
  } catch (e) {
    return (e as Error).message;
  }
  return 'accepted';
}

describe("GoogleSQL's answers where DuckDB's differ silently (golden)", () => {
  test('DAYOFWEEK: Sunday is 1 (DuckDB dow gives 0)', () => {
    // 2024-03-10 was a Sunday
    expect(cells("SELECT EXTRACT(DAYOFWEEK FROM DATE '2024-03-10')")).toEqual(['1']);
    expect(cells("SELECT EXTRACT(DAYOFWEEK FROM DATE '2024-03-09')")).toEqual(['7']);
  });

  test('weeks start on Monday only when said so; a plain WEEK (Sunday in GoogleSQL) is refused', () => {
    expect(cells("SELECT DATE_TRUNC(DATE '2024-03-10', WEEK(MONDAY))")).toEqual(['2024-03-04']);
    expect(refusal("SELECT DATE_TRUNC(DATE '2024-03-10', WEEK)")).toMatch(
      /WEEK without \(MONDAY\)/,
    );
  });

  test('array subscripts: OFFSET is 0-based, ORDINAL 1-based; a bare [n] is refused', () => {
    expect(cells('SELECT [10, 20, 30][OFFSET(1)]')).toEqual(['20']);
    expect(cells('SELECT [10, 20, 30][ORDINAL(1)]')).toEqual(['10']);
    expect(refusal('SELECT [10, 20, 30][1]')).toMatch(/bare array subscript/);
  });

  test('NULL order: first ascending, last descending (DuckDB puts them last both ways)', () => {
    const rows = "SELECT x FROM (SELECT 'b' AS x UNION ALL SELECT NULL UNION ALL SELECT 'a')";
    expect(cells(`${rows} ORDER BY x`)).toEqual([null, 'a', 'b']);
    expect(cells(`${rows} ORDER BY x DESC`)).toEqual(['b', 'a', null]);
  });

  test("DATE_DIFF(end, start, DAY) in GoogleSQL's order", () => {
    expect(cells("SELECT DATE_DIFF(DATE '2024-03-10', DATE '2024-03-01', DAY)")).toEqual(['9']);
  });

  /** named INT64 array parameters, as the client sends them */
  const arrays = (params: Record<string, number[]>) =>
    `, parameterMode: 'NAMED', queryParameters: ${JSON.stringify(
      Object.entries(params).map(([name, xs]) => ({
        name,
        parameterType: { type: 'ARRAY', arrayType: { type: 'INT64' } },
        parameterValue: { arrayValues: xs.map((x) => ({ value: String(x) })) },
      })),
    )}`;

  test('RANGE_BUCKET: how many boundaries are at or below the point (the reference examples)', () => {
    const b = arrays({ b: [0, 10, 20, 30, 40] });
    expect(cells('SELECT RANGE_BUCKET(20, @b)', b)).toEqual(['3']);
    expect(cells('SELECT RANGE_BUCKET(20, @d)', arrays({ d: [0, 10, 20, 20, 40, 40] }))).toEqual([
      '4',
    ]);
    expect(cells('SELECT RANGE_BUCKET(25, @b)', b)).toEqual(['3']);
    expect(cells('SELECT RANGE_BUCKET(-10, @f)', arrays({ f: [5, 10, 20, 30, 40] }))).toEqual([
      '0',
    ]);
    expect(cells('SELECT RANGE_BUCKET(80, @b)', b)).toEqual(['5']);
    expect(cells('SELECT RANGE_BUCKET(NULL, @b)', b)).toEqual([null]);
    // a form with no translation is refused, never run with another meaning
    expect(refusal('SELECT RANGE_BUCKET(20, [0, 10, 20])')).toMatch(/RANGE_BUCKET/);
  });

  test('UNNEST … WITH OFFSET: the element, and its offset from 0', () => {
    expect(
      cells(
        'SELECT o FROM UNNEST(@a) AS v WITH OFFSET AS o WHERE v = 30',
        arrays({ a: [10, 20, 30] }),
      ),
    ).toEqual(['2']);
    expect(
      cells(
        'SELECT v + w FROM UNNEST(@a) AS v WITH OFFSET AS i JOIN UNNEST(@z) AS w WITH OFFSET AS j ON i = j ORDER BY i',
        arrays({ a: [10, 20, 30], z: [7, 8, 9] }),
      ),
    ).toEqual(['17', '28', '39']);
  });

  test('WITH RECURSIVE runs to its fixed point', () => {
    expect(
      cells(
        'WITH RECURSIVE t AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM t WHERE n < 4) SELECT SUM(n) FROM t',
      ),
    ).toEqual(['10']);
  });

  test('single-quoted strings are strings', () => {
    expect(cells("SELECT 'won'")).toEqual(['won']);
  });
});

test('the default bundle has no BigQuery service at all', () => {
  const plain = new GasRuntime();
  try {
    expect(runScript(plain, 'return typeof BigQuery;')).toBe('undefined');
  } finally {
    void plain.close();
  }
});
