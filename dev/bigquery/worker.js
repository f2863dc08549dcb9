// The BigQuery stand-in's engine, in a worker thread (the script's calls are synchronous; this
// thread does the asynchronous work while the caller blocks in Atomics.wait):
// - every query is first analysed by Google's GoogleSQL analyser (ZetaSQL's remote_server from
//   @fivetrandevelopers/zetasql) against a catalog of the tables the product created through
//   Tables.insert, with its parameters typed — a query BigQuery would refuse is refused here;
// - it then runs on DuckDB through translate.js, in a session set as GoogleSQL behaves (UTC,
//   NULLs first ascending and last descending).
const { workerData } = require('node:worker_threads');
const {
  DuckDBInstance,
  listValue,
  DuckDBDateValue,
  DuckDBTimestampTZValue,
  LIST,
  BIGINT,
  VARCHAR,
} = require('@duckdb/node-api');
const { execFile } = require('node:child_process');
const { join, dirname } = require('node:path');
const { ZetaSQLClient, LanguageOptions } = require('@fivetrandevelopers/zetasql');
const { translate, duckType, Refused } = require('./translate.js');

const { port, sab, zetaPort } = workerData;
const flag = new Int32Array(sab);

const ZETA_KIND = {
  INT64: 'TYPE_INT64',
  STRING: 'TYPE_STRING',
  BOOL: 'TYPE_BOOL',
  DATE: 'TYPE_DATE',
  TIMESTAMP: 'TYPE_TIMESTAMP',
  FLOAT64: 'TYPE_DOUBLE',
};

let db = null;
let zeta = null;
let lang = null;
/** tables by `project.dataset.table`: their REST schema fields */
const tables = new Map();

let analyser = null;

/** ZetaSQL's remote_server on `port`, as the package's runServer starts it, watched for its exit. */
function startAnalyser(port) {
  const lib = dirname(require.resolve('@fivetrandevelopers/zetasql'));
  const extension =
    (process.arch.startsWith('arm') ? '_arm' : '') + (process.platform === 'darwin' ? '' : '.so');
  const server = { exited: false };
  analyser = execFile(join(lib, 'zetasql', `remote_server${extension}`), [
    'localhost',
    String(port),
  ]);
  analyser.stdout?.on('data', (d) => process.stdout.write(d));
  analyser.stderr?.on('data', (d) => process.stdout.write(d));
  analyser.on('exit', () => (server.exited = true));
  return server;
}

async function start() {
  if (db) return;
  const instance = await DuckDBInstance.create(':memory:');
  db = await instance.connect();
  await db.run("SET TimeZone = 'UTC'");
  await db.run("SET default_null_order = 'nulls_first_on_asc_last_on_desc'");
  // the analyser is a 90 MB binary: on a cold disk or a busy machine (test files in parallel) it
  // takes long to listen, longer than the client's own 7.5 s check, which answers false rather
  // than throwing; and a port another process holds makes it exit at once: then another port
  const deadline = Date.now() + 240_000;
  for (let port = zetaPort; ; port = 41000 + Math.floor(Math.random() * 20000)) {
    const server = startAnalyser(port);
    ZetaSQLClient.init(port);
    zeta = ZetaSQLClient.getInstance();
    while (!server.exited && !(await zeta.testConnection())) {
      if (Date.now() > deadline)
        throw new Error('the GoogleSQL analyser (ZetaSQL) did not start within 240 s');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    if (!server.exited) break;
  }
  // BigQuery's dialect is newer than this analyser in places, never older in what we use
  lang = (await new LanguageOptions().enableMaximumLanguageFeatures()).serialize();
}

function catalog() {
  return {
    name: 'root',
    table: [...tables].map(([name, fields]) => ({
      name,
      column: fields.map((f) => ({ name: f.name, type: { typeKind: ZETA_KIND[f.type] } })),
    })),
    builtinFunctionOptions: { languageOptions: lang },
  };
}

function zetaParam(p) {
  const t = p.parameterType.type;
  if (t === 'ARRAY')
    return {
      name: p.name,
      type: {
        typeKind: 'TYPE_ARRAY',
        arrayType: { elementType: { typeKind: ZETA_KIND[p.parameterType.arrayType.type] } },
      },
    };
  return { name: p.name, type: { typeKind: ZETA_KIND[t] } };
}

function duckValue(p) {
  const t = p.parameterType.type;
  if (t === 'ARRAY') {
    const el = p.parameterType.arrayType.type;
    return listValue(
      (p.parameterValue.arrayValues || []).map((x) => (el === 'INT64' ? BigInt(x.value) : x.value)),
    );
  }
  const v = p.parameterValue.value;
  if (v === null || v === undefined) return null;
  if (t === 'INT64') return BigInt(v);
  if (t === 'BOOL') return v === 'true';
  if (t === 'FLOAT64') return Number(v);
  if (t === 'DATE') {
    const [y, m, d] = v.split('-').map(Number);
    return new DuckDBDateValue(Math.round(Date.UTC(y, m - 1, d) / 86400000));
  }
  return v;
}

/** The parameters as DuckDB binds them, with the array ones' types declared. */
function duckParams(params) {
  const values = {};
  // an array parameter's type is declared, as BigQuery's is: an empty one has no other
  const declared = {};
  for (const p of params) {
    values[p.name] = duckValue(p);
    if (p.parameterType.type === 'ARRAY')
      declared[p.name] = LIST(p.parameterType.arrayType.type === 'INT64' ? BIGINT : VARCHAR);
  }
  return { values, declared };
}

/** A cell as the REST API sends it: a string, or null. */
function cell(v, type) {
  if (v === null || v === undefined) return null;
  if (type === 'BOOL') return v ? 'true' : 'false';
  if (type === 'TIMESTAMP') {
    // REST sends a TIMESTAMP as epoch seconds in floating-point notation, e.g. "1.7e9"
    const ms = v.micros !== undefined ? Number(v.micros) / 1000 : new Date(String(v)).getTime();
    return (ms / 1000).toExponential();
  }
  return String(v);
}

const BQ_TYPE = {
  BIGINT: 'INT64',
  INTEGER: 'INT64',
  HUGEINT: 'INT64',
  VARCHAR: 'STRING',
  BOOLEAN: 'BOOL',
  DATE: 'DATE',
  'TIMESTAMP WITH TIME ZONE': 'TIMESTAMP',
  DOUBLE: 'FLOAT64',
};

async function handle(msg) {
  await start();
  switch (msg.op) {
    case 'createTable': {
      const fields = msg.fields;
      tables.set(msg.name, fields);
      const cols = fields
        .map((f) => `"${f.name}" ${duckType(f.type)}${f.mode === 'REQUIRED' ? ' NOT NULL' : ''}`)
        .join(', ');
      await db.run(`CREATE TABLE "${msg.name}" (${cols})`);
      return { ok: true };
    }
    case 'analyse': {
      try {
        await zeta.analyze({
          simpleCatalog: catalog(),
          sqlStatement: msg.sql,
          options: {
            languageOptions: lang,
            queryParameters: msg.params.map(zetaParam),
            defaultTimezone: 'UTC',
          },
        });
        return { ok: true };
      } catch (e) {
        return { ok: false, reason: 'invalidQuery', message: String(e.details || e.message) };
      }
    }
    case 'query': {
      let sql;
      try {
        sql = translate(msg.sql);
      } catch (e) {
        if (!(e instanceof Refused)) throw e;
        // valid GoogleSQL whose meaning DuckDB would change silently: refused, never run
        return { ok: false, reason: 'invalidQuery', message: `stand-in: ${e.message}` };
      }
      const { values, declared } = duckParams(msg.params);
      const began = Date.now();
      const reader = await db.runAndReadAll(sql, values, declared);
      const ms = Date.now() - began;
      const names = reader.columnNames();
      const types = reader.columnTypes().map((t) => BQ_TYPE[t.toString()] || 'STRING');
      const rows = reader
        .getRows()
        .map((r) => ({ f: r.map((v, i) => ({ v: cell(v, types[i]) })) }));
      // bytes a columnar engine would read: the referenced tables' columns, as BigQuery bills
      return {
        ok: true,
        fields: names.map((name, i) => ({ name, type: types[i] })),
        rows,
        bytes: await scannedBytes(msg.sql),
        ms,
      };
    }
    case 'materialise': {
      // a query job's answer written to its destination table (WRITE_TRUNCATE replaces it)
      let sql;
      try {
        sql = translate(msg.sql);
      } catch (e) {
        if (!(e instanceof Refused)) throw e;
        return { ok: false, reason: 'invalidQuery', message: `stand-in: ${e.message}` };
      }
      if (msg.disposition === 'WRITE_EMPTY' && tables.has(msg.name)) {
        const n = (await db.runAndReadAll(`SELECT COUNT(*) FROM "${msg.name}"`)).getRows()[0][0];
        if (Number(n) > 0)
          return { ok: false, reason: 'duplicate', message: `Already Exists: Table ${msg.name}` };
      }
      const { values, declared } = duckParams(msg.params);
      const began = Date.now();
      await db.run(`CREATE OR REPLACE TABLE "${msg.name}" AS ${sql}`, values, declared);
      const ms = Date.now() - began;
      // the table's schema is the answer's, as BigQuery infers it; the analyser's catalog gets it
      const described = (await db.runAndReadAll(`DESCRIBE "${msg.name}"`)).getRowObjects();
      tables.set(
        msg.name,
        described.map((c) => ({
          name: String(c.column_name),
          type: BQ_TYPE[String(c.column_type)] || 'STRING',
          mode: 'NULLABLE',
        })),
      );
      return { ok: true, bytes: await scannedBytes(msg.sql), ms };
    }
    case 'load': {
      const fields = tables.get(msg.name);
      if (!fields)
        return { ok: false, reason: 'notFound', message: `Not found: Table ${msg.name}` };
      // every row checked and converted first, as BigQuery refuses the whole job for one bad
      // row (maxBadRecords 0); then one append of all of them: no row is half-loaded
      let rows;
      try {
        rows = loadRows(fields, msg.ndjson);
      } catch (e) {
        if (!(e instanceof BadRow)) throw e;
        return {
          ok: false,
          reason: 'invalid',
          message:
            'Error while reading data, error message: JSON table encountered too many errors, giving up. Rows: 1; errors: 1. Please look into the errors[] collection for more details.',
          errors: [
            {
              reason: 'invalid',
              message: `Error while reading data, error message: JSON parsing error in row starting at position ${e.position}: ${e.message}`,
            },
          ],
        };
      }
      const appender = await db.createAppender(msg.name);
      try {
        for (const row of rows) {
          fields.forEach((f, i) => append(appender, f.type, row[i]));
          appender.endRow();
        }
      } finally {
        appender.closeSync();
      }
      return { ok: true, rows: rows.length, bytes: msg.ndjson.length };
    }
    case 'stop':
      analyser?.kill('SIGKILL');
      return { ok: true };
    default:
      return { ok: false, reason: 'invalid', message: `unknown op ${msg.op}` };
  }
}

/** A row BigQuery's JSON reader refuses: the job fails, nothing of it is appended. */
class BadRow extends Error {
  constructor(position, message) {
    super(message);
    this.position = position;
  }
}

const INTEGER = /^-?\d+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A JSON value as a column of the BigQuery type, or BadRow with BigQuery's words. */
function convert(f, v, position) {
  const bad = (what) =>
    new BadRow(
      position,
      `Could not convert value to ${what}. Field: ${f.name}; Value: ${String(v)}`,
    );
  switch (f.type) {
    case 'INT64': {
      // BigQuery takes a JSON number or a string of digits for an integer
      const text = typeof v === 'number' ? (Number.isInteger(v) ? String(v) : '') : v;
      if (typeof text !== 'string' || !INTEGER.test(text)) throw bad('integer');
      const n = BigInt(text);
      if (n > 9223372036854775807n || n < -9223372036854775808n) throw bad('integer');
      return n;
    }
    case 'FLOAT64':
      if (typeof v === 'number') return v;
      if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
      throw bad('double');
    case 'BOOL':
      if (typeof v === 'boolean') return v;
      if (v === 'true' || v === 'false') return v === 'true';
      throw bad('boolean');
    case 'STRING':
      if (typeof v === 'string') return v;
      if (typeof v === 'number' || typeof v === 'boolean') return String(v);
      throw bad('string');
    case 'DATE': {
      const m = typeof v === 'string' ? DATE.exec(v) : null;
      const days = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86400000 : NaN;
      if (!m || !Number.isInteger(days)) throw bad('date');
      return new DuckDBDateValue(days);
    }
    case 'TIMESTAMP': {
      const ms = typeof v === 'string' ? Date.parse(v) : NaN;
      if (!Number.isFinite(ms)) throw bad('timestamp');
      return new DuckDBTimestampTZValue(BigInt(ms) * 1000n);
    }
    default:
      throw bad(f.type);
  }
}

/** The rows of a NDJSON load, each as the table's columns in order. Throws BadRow. */
function loadRows(fields, ndjson) {
  const byName = new Map(fields.map((f, i) => [f.name, i]));
  const rows = [];
  let position = 0;
  for (const line of ndjson.split('\n')) {
    const at = position;
    // BigQuery counts bytes; characters are the same for the ASCII the product loads
    position += line.length + 1;
    if (!line.trim()) continue;
    let o;
    try {
      o = JSON.parse(line);
    } catch {
      throw new BadRow(at, 'Parser terminated before end of string');
    }
    if (!o || typeof o !== 'object' || Array.isArray(o))
      throw new BadRow(at, 'Only JSON objects are supported at the top level');
    for (const k of Object.keys(o))
      if (!byName.has(k)) throw new BadRow(at, `No such field: ${k}.`);
    rows.push(
      fields.map((f) => {
        const v = o[f.name];
        if (v === null || v === undefined) {
          if (f.mode === 'REQUIRED') throw new BadRow(at, `Missing required field: ${f.name}.`);
          return null;
        }
        return convert(f, v, at);
      }),
    );
  }
  return rows;
}

function append(appender, type, v) {
  if (v === null) appender.appendNull();
  else if (type === 'INT64') appender.appendBigInt(v);
  else if (type === 'FLOAT64') appender.appendDouble(v);
  else if (type === 'BOOL') appender.appendBoolean(v);
  else if (type === 'DATE') appender.appendDate(v);
  else if (type === 'TIMESTAMP') appender.appendTimestampTZ(v);
  else appender.appendVarchar(v);
}

/** Logical bytes of the columns a query names, over the tables it reads (BigQuery's billing). */
async function scannedBytes(sql) {
  let total = 0;
  for (const [name, fields] of tables) {
    if (!sql.includes(`\`${name}\``)) continue;
    const n = Number((await db.runAndReadAll(`SELECT COUNT(*) FROM "${name}"`)).getRows()[0][0]);
    for (const f of fields) {
      if (!new RegExp(`\\b${f.name}\\b`).test(sql)) continue;
      // BigQuery's logical sizes: 8 bytes a number, 2 + the text for a string, 1 a BOOL
      total += f.type === 'STRING' ? n * 24 : f.type === 'BOOL' ? n : n * 8;
    }
  }
  return total;
}

port.on('message', async (msg) => {
  let out;
  try {
    out = await handle(msg);
  } catch (e) {
    out = { ok: false, reason: 'backendError', message: String((e && e.message) || e) };
  }
  port.postMessage(out);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
