// GoogleSQL → DuckDB, small and explicit: only the constructs the product's queries use, each
// rewritten to what gives GoogleSQL's answer on DuckDB (docs/services.md, BigQuery §4), and the
// forms both engines accept with different meanings refused outright (no silent difference).
// The analyser (ZetaSQL) has already refused what BigQuery refuses; this runs after it.

class Refused extends Error {
  constructor(message) {
    super(message);
    this.name = 'Refused';
  }
}

/** BigQuery column types → DuckDB's. TIMESTAMP is an instant in both only as TIMESTAMPTZ. */
function duckType(t) {
  const m = {
    INT64: 'BIGINT',
    STRING: 'VARCHAR',
    BOOL: 'BOOLEAN',
    DATE: 'DATE',
    TIMESTAMP: 'TIMESTAMPTZ',
    FLOAT64: 'DOUBLE',
  };
  if (!m[t]) throw new Refused(`type ${t} has no translation`);
  return m[t];
}

/** Splits SQL into code and literal parts: 'strings', `paths`, "double-quoted". */
function parts(sql) {
  const out = [];
  let i = 0;
  let code = '';
  while (i < sql.length) {
    const ch = sql[i];
    if (ch === "'" || ch === '`' || ch === '"') {
      if (code) out.push({ kind: 'code', text: code });
      code = '';
      let j = i + 1;
      while (j < sql.length && sql[j] !== ch) j += sql[j] === '\\' ? 2 : 1;
      out.push({ kind: ch, text: sql.slice(i + 1, j) });
      i = j + 1;
      continue;
    }
    if (ch === '-' && sql[i + 1] === '-') {
      const j = sql.indexOf('\n', i);
      i = j < 0 ? sql.length : j;
      continue;
    }
    code += ch;
    i++;
  }
  if (code) out.push({ kind: 'code', text: code });
  return out;
}

const REWRITES = [
  // GoogleSQL's DAYOFWEEK is 1–7 from Sunday; DuckDB's dow is 0–6
  [/EXTRACT\s*\(\s*DAYOFWEEK\s+FROM\s+([^()]+)\)/gi, '(EXTRACT(dow FROM $1) + 1)'],
  [/\bTIMESTAMP_SECONDS\s*\(/gi, 'to_timestamp('],
  [/\bLOGICAL_OR\s*\(/gi, 'bool_or('],
  [/\bLOGICAL_AND\s*\(/gi, 'bool_and('],
  [/\bCOUNTIF\s*\(/gi, 'count_if('],
  // the argument order of DATE_DIFF is reversed in DuckDB
  [/\bDATE_DIFF\s*\(\s*([^,()]+)\s*,\s*([^,()]+)\s*,\s*DAY\s*\)/gi, "date_diff('day', $2, $1)"],
  [
    /\bDATE_TRUNC\s*\(\s*([^,()]+)\s*,\s*WEEK\s*\(\s*MONDAY\s*\)\s*\)/gi,
    "CAST(date_trunc('week', $1) AS DATE)",
  ],
  [
    /\bDATE_TRUNC\s*\(\s*([^,()]+)\s*,\s*(MONTH|QUARTER|YEAR)\s*\)/gi,
    "CAST(date_trunc('$2', $1) AS DATE)",
  ],
  [/\bIN\s+UNNEST\s*\(\s*@(\w+)\s*\)/gi, 'IN (SELECT UNNEST($$$1))'],
  // an array parameter's elements with their 0-based offsets (DuckDB's ordinality is 1-based)
  [
    /\bUNNEST\s*\(\s*@(\w+)\s*\)\s+AS\s+(\w+)\s+WITH\s+OFFSET\s+AS\s+(\w+)/gi,
    '(SELECT __u.v AS $2, __u.o - 1 AS $3 FROM unnest($$$1) WITH ORDINALITY AS __u(v, o)) AS __u_$2',
  ],
  // RANGE_BUCKET(x, sorted): how many boundaries are ≤ x (0 below the first); NULL for NULL
  [
    /\bRANGE_BUCKET\s*\(\s*([^,()]+?)\s*,\s*@(\w+)\s*\)/gi,
    'CASE WHEN ($1) IS NULL THEN NULL ELSE len(list_filter($$$2, lambda __e: __e <= ($1))) END',
  ],
  [/\[\s*OFFSET\s*\(\s*(\d+)\s*\)\s*\]/gi, (_, n) => `[${Number(n) + 1}]`],
  [/\[\s*ORDINAL\s*\(\s*(\d+)\s*\)\s*\]/gi, '[$1]'],
  [/@(\w+)/g, '$$$1'],
];

const KEYWORDS = new Set(
  'SELECT IN AS BY AND OR NOT WHEN THEN ELSE RETURN ON WHERE HAVING UNNEST ARRAY'.split(' '),
);

function checkCode(text) {
  // a bare subscript is 0-based in GoogleSQL and 1-based in DuckDB: only OFFSET()/ORDINAL()
  for (const m of text.matchAll(
    /(\w+|\])\s*\[\s*(?!OFFSET\b|ORDINAL\b|SAFE_OFFSET\b|SAFE_ORDINAL\b)/gi,
  ))
    if (m[1] === ']' || !KEYWORDS.has(m[1].toUpperCase()))
      throw new Refused('a bare array subscript: write arr[OFFSET(n)] or arr[ORDINAL(n)]');
  // plain WEEK starts on Sunday in GoogleSQL and on Monday in DuckDB
  if (/\bWEEK\b(?!\s*\(\s*MONDAY\s*\))/i.test(text))
    throw new Refused('WEEK without (MONDAY): the week start differs between the engines');
}

/** The DuckDB text of a GoogleSQL query the analyser accepted. */
function translate(sql) {
  // string literals stand aside as placeholders while the code is checked and rewritten
  const strings = [];
  let code = '';
  for (const p of parts(sql)) {
    if (p.kind === '"')
      // GoogleSQL reads "x" as a string, DuckDB as a column: never let it through
      throw new Refused(`a double-quoted string "${p.text}": write '${p.text}'`);
    else if (p.kind === '`') code += `"${p.text.replace(/"/g, '""')}"`;
    else if (p.kind === "'") {
      strings.push(p.text);
      code += `__str${strings.length - 1}__`;
    } else code += p.text;
  }
  checkCode(code);
  for (const [re, to] of REWRITES) code = code.replace(re, to);
  if (/\bRANGE_BUCKET\b/i.test(code))
    throw new Refused('RANGE_BUCKET has a translation only over an array parameter');
  if (/\bWITH\s+OFFSET\b/i.test(code))
    throw new Refused('WITH OFFSET has a translation only as UNNEST(@param) AS x WITH OFFSET AS i');
  if (/\bDAYOFWEEK\b/i.test(code))
    throw new Refused('DAYOFWEEK outside EXTRACT(DAYOFWEEK FROM a value) has no translation');
  return code.replace(/__str(\d+)__/g, (_, i) => `'${strings[Number(i)]}'`);
}

module.exports = { translate, duckType, Refused };
