/**
 * `npm run bench` — what the product costs at 1 k, 10 k and 100 k leads, side by side: the first
 * sync (requests against the lower bound, executions), the daily refresh (requests and their
 * lower bound, executions, seconds charged to Apps Script's clock = network + CPU × factor +
 * service-call latency, CPU seconds, the service calls' latency, the publish's seconds and its
 * share of the charged time, peak heap, spreadsheet service calls) and what a full re-import
 * every day would cost. The emulator runs in its own process; each request batch costs
 * --latency ms of virtual time; each service call its kind's latency (dev/gas/latency.ts).
 *
 *   npm run bench -- [--sizes 1000,10000,100000] [--json FILE] [--latency 400] [--no-service-latency]
 *   npm run bench -- --months 12 [--sizes 100000]   a year of daily activity, then the same
 *   npm run bench -- --peaks      also where the measured refresh's heap reached each new high
 *   npm run bench -- --live       then the rest of the day with «обновлять в течение дня» 10–19:
 *                                 each hourly tick's charged seconds and the day's trigger runtime
 *   npm run bench -- --store bigquery [--sizes 100000,1000000]   the BigQuery variant on the
 *     stand-in: the same report plus the bytes each query of the measured day scans and the
 *     estimated monthly cost
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { control, startEmulatorProcess } from '../../dev/emulator/processes';
import {
  DEFAULT_CPU_FACTOR,
  FakeClock,
  GasRuntime,
  NO_LATENCY,
  type ExecutionRecord,
} from '../../dev/gas';
import { PUBLISH_KEY } from '../../src/app/jobs/publish';
import { RATING_EVENT_TYPES } from '../../src/shapes/amocrm';
import { historyWindowStart } from '../../src/amocrm/sync-plan';

const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const SIZES = (opt('sizes') ?? '1000,10000,100000').split(',').map(Number);
const LATENCY = Number(opt('latency') ?? 400);
const MONTHS = Number(opt('months') ?? 0);
const JSON_FILE = opt('json');
const PEAKS = argv.includes('--peaks');
const SERVICE_LATENCY = !argv.includes('--no-service-latency');
const LIVE = argv.includes('--live');
const STORE = opt('store') ?? 'spreadsheet';
if (STORE !== 'spreadsheet' && STORE !== 'bigquery')
  throw new Error('--store spreadsheet|bigquery');
const PAGE = 250;
const EVENT_PAGE = 100;

interface SizeReport {
  leads: number;
  firstSync: { requests: number; lowerBound: number; executions: number };
  dailyRefresh: {
    requests: number;
    lowerBound: number;
    executions: number;
    chargedSeconds: number;
    cpuSeconds: number;
    /** service-call latency charged to the clock */
    serviceSeconds: number;
    /** from the publish marker set to the marker cleared (every sheet written) */
    publishSeconds: number;
    publishShare: number;
    peakHeapMiB: number;
    sheetCalls: number;
  };
  fullReimport: { requests: number };
  /** --live: the day after the measured refresh, tick by tick */
  live?: LiveDay;
  store?: { cells: number; characters: number; maxCellCharacters: number };
  months?: number;
  /** the spreadsheet store refused the account (past its ceiling): the words the head reads */
  refused?: string;
  /** --store bigquery: what the measured day's queries scan, and the month's estimated cost */
  bigquery?: {
    /** each query of the measured day: bytes billed, the stand-in's DuckDB ms, rows answered */
    queries: Array<{ bytes: number; ms: number; rows: number; sql: string }>;
    bytesPerDay: number;
    /** on-demand list prices: $6.25/TiB after 1 TiB free; storage $0.02/GiB after 10 GiB free */
    monthlyCostUsd: number;
    loadedBytes: number;
  };
}

const SHEET_SERVICES = [
  'SpreadsheetApp',
  'Spreadsheet',
  'Sheet',
  'Range',
  'Protection',
  'DeveloperMetadata',
  'DeveloperMetadataFinder',
  'ConditionalFormatRuleBuilder',
  'ConditionalFormatRule',
  'EmbeddedChartBuilder',
  'EmbeddedChart',
  'Filter',
];

function counted(rt: GasRuntime, prefixes: string[]): number {
  return prefixes.reduce((n, p) => n + rt.countOf(p), 0);
}

/**
 * A control call retried on a dropped connection: on a loaded machine a kept-alive socket the
 * emulator already closed fails the next request («fetch failed», EPIPE). Every call made
 * through it is idempotent (a count, setting the clock to a moment).
 */
async function controlAgain<T>(url: string, path: string, body?: unknown): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await control<T>(url, path, body);
    } catch (e) {
      if (attempt >= 4 || !(e instanceof TypeError)) throw e;
      await new Promise((r) => setTimeout(r, 1000 * attempt));
    }
  }
}

async function lowerBound(
  url: string,
  since: number,
  until: number,
  open: boolean,
): Promise<number> {
  const c = await controlAgain<{ leads: number; tasks: number; events: number; users: number }>(
    url,
    `counts?since=${since}&until=${until}&open=${open ? 1 : 0}&types=${RATING_EVENT_TYPES.join(',')}`,
  );
  // each list needs at least one request, even when it answers "nothing changed"
  const pages = (n: number, per: number) => Math.max(1, Math.ceil(n / per));
  return (
    2 +
    pages(c.users, PAGE) +
    pages(c.leads, PAGE) +
    pages(c.tasks, PAGE) +
    pages(c.events, EVENT_PAGE)
  );
}

function storeSize(rt: GasRuntime) {
  let cells = 0;
  let characters = 0;
  let maxCell = 0;
  for (const sheet of rt.spreadsheet.sheets)
    for (const row of sheet.rows)
      for (const cell of row ?? []) {
        const v = cell?.v;
        if (v === undefined) continue;
        cells++;
        const len = String(typeof v === 'object' ? v.date : v).length;
        characters += len;
        maxCell = Math.max(maxCell, len);
      }
  return { cells, characters, maxCellCharacters: maxCell };
}

async function measure(leads: number): Promise<SizeReport> {
  const t0 = Date.now();
  const proc = await startEmulatorProcess(
    'amocrm',
    ['--seed', '7', '--leads', String(leads), '--rate-limit', '7'],
    leads >= 50000 ? ['--max-old-space-size=6144'] : [],
  );
  try {
    const st = await control<{ now: number; token: string }>(proc.url, 'state');
    const clock = new FakeClock(st.now * 1000 + 60_000);
    const rt = new GasRuntime({
      clock,
      routes: [{ host: /\.amocrm\.ru$/, target: proc.url, forwardClock: true }],
      fetchLatencyMs: LATENCY,
      measureHeap: true,
      ...(SERVICE_LATENCY ? {} : { serviceLatency: NO_LATENCY }),
      ...(STORE === 'bigquery' ? { distDir: join(__dirname, '..', '..', 'dist-bigquery') } : {}),
    });
    try {
      const c = rt.callFromClient('connectAmoWithToken', 'demo', st.token) as {
        ok: boolean;
        message: string;
      };
      if (!c.ok) throw new Error(c.message);
      if (STORE === 'bigquery') {
        const r = rt.callFromClient('chooseAccountStore', 'bigquery', 'rating-bench-1') as {
          ok: boolean;
          message: string;
        };
        if (!r.ok) throw new Error(r.message);
      }
      // the first sync, run as the scheduler runs it (a tick an hour; each run a new execution)
      rt.resetCounts();
      const first = rt.executions.length;
      let done = false;
      for (let i = 0; i < 50 && !done; i++) {
        const rec = rt.run('syncAmo', [], 'timeTrigger') as {
          outcome: string;
          errorCode?: string;
          error?: string;
        };
        if (rec.errorCode === 'store_full') {
          console.error(`  ${leads} leads refused: ${rec.error ?? ''}`);
          return refusedReport(leads, rec.error ?? '');
        }
        done = rec.outcome === 'complete';
        if (!done) clock.advance(3600_000);
      }
      if (!done) throw new Error('the first sync did not complete in 50 runs');
      const firstRequests = rt.countOf('UrlFetchApp.requests') - 1; // minus the connection test's batch
      const firstExecutions = rt.executions.length - first;
      const firstBound = await lowerBound(
        proc.url,
        historyWindowStart(st.now * 1000),
        st.now,
        true,
      );

      // months of daily life, then the measured day
      // the months are lived without the heap mark (its collections cost time); the measured day has it
      rt.measureHeap = false;
      for (let d = 0; d < MONTHS * 30; d++) {
        await day(rt, clock, proc.url);
        if (d % 30 === 29) console.error(`    month ${(d + 1) / 30} lived`);
      }
      rt.measureHeap = true;
      if (LIVE) {
        const saved = rt.callFromClient('saveSettingsPart', {
          live: { on: true, from: 10, to: 19 },
        }) as { ok: boolean; errors: unknown[] };
        if (!saved.ok) throw new Error(`live setting refused: ${JSON.stringify(saved.errors)}`);
      }
      const billedBefore = rt.bigQueryState?.engine.billed.length ?? 0;
      const report = await day(rt, clock, proc.url);
      const billed = rt.bigQueryState?.engine.billed.slice(billedBefore) ?? [];
      rt.measureHeap = false;
      const live = LIVE ? await liveDay(rt, clock, proc.url) : undefined;
      console.error(`  ${leads} leads measured in ${Math.round((Date.now() - t0) / 1000)} s`);
      return {
        leads,
        firstSync: { requests: firstRequests, lowerBound: firstBound, executions: firstExecutions },
        dailyRefresh: report.daily,
        fullReimport: {
          requests: await lowerBound(
            proc.url,
            historyWindowStart(clock.now()),
            Math.floor(clock.now() / 1000),
            true,
          ),
        },
        store: storeSize(rt),
        ...(MONTHS ? { months: MONTHS } : {}),
        ...(live ? { live } : {}),
        ...(STORE === 'bigquery' ? { bigquery: costOf(billed, rt) } : {}),
      };
    } finally {
      await rt.close();
    }
  } finally {
    await proc.stop();
  }
}

/**
 * The measured day's queries as BigQuery bills them (at least 10 MB per table referenced), a
 * refresh a day for a month, and the stored bytes.
 */
function costOf(
  billed: Array<{ sql: string; bytes: number; ms: number; rows: number }>,
  rt: GasRuntime,
) {
  const MB10 = 10 * 1024 * 1024;
  const queries = billed.map((b) => ({
    bytes: Math.max(
      b.bytes,
      MB10 * Math.max(1, new Set(b.sql.match(/`[^`.]+\.[^`]+`/g) ?? []).size),
    ),
    ms: b.ms,
    rows: b.rows,
    // the statement's last line names what it answers (the shared CTEs come first)
    sql: (b.sql.trim().split('\n').slice(-1)[0] ?? '').replace(/\s+/g, ' ').slice(0, 100),
  }));
  const bytesPerDay = queries.reduce((n, q) => n + q.bytes, 0);
  const TiB = 1024 ** 4;
  const GiB = 1024 ** 3;
  const loadedBytes = rt.bigQueryState?.engine.loadedBytes ?? 0;
  const monthlyCostUsd =
    Math.max(0, (bytesPerDay * 30) / TiB - 1) * 6.25 + Math.max(0, loadedBytes / GiB - 10) * 0.02;
  return {
    queries,
    bytesPerDay,
    monthlyCostUsd: Math.round(monthlyCostUsd * 100) / 100,
    loadedBytes,
  };
}

/** A size the spreadsheet store refused: no refresh to measure, only the words. */
function refusedReport(leads: number, words: string): SizeReport {
  const none = { requests: 0, lowerBound: 0, executions: 0 };
  return {
    leads,
    firstSync: none,
    dailyRefresh: {
      ...none,
      chargedSeconds: 0,
      cpuSeconds: 0,
      serviceSeconds: 0,
      publishSeconds: 0,
      publishShare: 0,
      peakHeapMiB: 0,
      sheetCalls: 0,
    },
    fullReimport: { requests: 0 },
    refused: words,
  };
}

let lastUntil = 0;
/** One day: the account lives a day, then the 07:00 tick refreshes. */
async function day(rt: GasRuntime, clock: FakeClock, url: string, since = lastUntil) {
  const next = Math.floor(clock.now() / 86400_000 + 1) * 86400_000 + 4 * 3600_000; // 07:00 Moscow
  await control(url, 'clock', { set: Math.floor(next / 1000) - 60 });
  clock.set(next);
  rt.resetCounts();
  const before = rt.executions.length;
  const tickStart = Math.floor(clock.now() / 1000);
  // the publish runs from the marker's setting to its removal: watch for both, call by call
  const publish = { start: 0, end: 0, prevAt: clock.now() };
  rt.callObserver = (_key, at) => {
    const pending = rt.properties.document[PUBLISH_KEY] !== undefined;
    if (pending && !publish.start) publish.start = publish.prevAt;
    if (!pending && publish.start && !publish.end) publish.end = publish.prevAt;
    publish.prevAt = at;
  };
  rt.run('schedulerTick', [{}], 'timeTrigger');
  rt.callObserver = null;
  const runs: ExecutionRecord[] = rt.executions.slice(before);
  const rec = runs[0];
  const charged = (rec?.endedAt ?? 0) - (rec?.startedAt ?? 0);
  const published = publish.start ? (publish.end || (rec?.endedAt ?? 0)) - publish.start : 0;
  const bound = await lowerBound(url, since || tickStart - 86400, tickStart, false);
  lastUntil = tickStart;
  const daily = {
    requests: rt.countOf('UrlFetchApp.requests'),
    lowerBound: bound,
    executions: runs.length,
    chargedSeconds: Math.round(charged / 100) / 10,
    cpuSeconds: Math.round((rec?.cpuMs ?? 0) / 100) / 10,
    serviceSeconds: Math.round((rec?.serviceMs ?? 0) / 100) / 10,
    publishSeconds: Math.round(published / 100) / 10,
    publishShare: charged ? published / charged : 0,
    peakHeapMiB: Math.round(rec?.peakHeapMiB ?? 0),
    sheetCalls: counted(rt, SHEET_SERVICES),
  };
  const records = JSON.parse(rt.properties.document['sync.records'] ?? '[]') as Array<{
    outcome: string;
  }>;
  if (PEAKS && rt.measureHeap)
    for (const p of rec?.peaks ?? []) console.error(`    heap ${p.mib} MiB at ${p.at}`);
  if (records[0]?.outcome !== 'complete' || rec?.outcome !== 'ok')
    console.error(
      `    the daily refresh: ${records[0]?.outcome ?? 'no record'}, execution ${rec?.outcome ?? '—'}`,
    );
  return { daily };
}

interface LiveDay {
  /** each tick after the 07:00 one, to 06:00 the next day: Moscow hour, what it did, seconds */
  ticks: Array<{ hour: number; kind: string; seconds: number }>;
  liveRefreshes: number;
  liveMeanSeconds: number;
  liveMaxSeconds: number;
  /** the 24 ticks of the day, the 07:00 daily refresh included, against 90 min */
  dayTotalMinutes: number;
}

/**
 * The day after the measured 07:00 refresh, an hourly tick at a time (as the trigger fires
 * them), the account working on: what each tick is charged, as the product records it.
 */
async function liveDay(rt: GasRuntime, clock: FakeClock, url: string): Promise<LiveDay> {
  const kinds = ['live', 'daily', 'idle'];
  const ticks: LiveDay['ticks'] = [];
  const start = clock.now();
  for (let h = 1; h <= 23; h++) {
    const at = start + h * 3600_000;
    await controlAgain(url, 'clock', { set: Math.floor(at / 1000) });
    clock.set(at);
    rt.run('schedulerTick', [{}], 'timeTrigger');
    const runs = JSON.parse(rt.properties.document['live.runs'] ?? '[]') as Array<
      [number, number, number]
    >;
    const last = runs[runs.length - 1];
    const hour = Number(
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Moscow', hour: 'numeric' }).format(
        new Date(at),
      ),
    );
    ticks.push({
      hour,
      kind: kinds[last?.[2] ?? 2] ?? '?',
      seconds: Math.round((last?.[1] ?? 0) / 100) / 10,
    });
  }
  const runs = JSON.parse(rt.properties.document['live.runs'] ?? '[]') as Array<
    [number, number, number]
  >;
  const dayMs = runs.filter(([at]) => at * 1000 >= start - 60_000).reduce((s, r) => s + r[1], 0);
  const live = ticks.filter((x) => x.kind === 'live').map((x) => x.seconds);
  for (const x of ticks)
    console.error(`    ${String(x.hour).padStart(2)}:00  ${x.kind.padEnd(5)} ${x.seconds} s`);
  return {
    ticks,
    liveRefreshes: live.length,
    liveMeanSeconds: live.length
      ? Math.round((live.reduce((s, x) => s + x, 0) / live.length) * 10) / 10
      : 0,
    liveMaxSeconds: Math.max(0, ...live),
    dayTotalMinutes: Math.round((dayMs / 60000) * 10) / 10,
  };
}

async function main(): Promise<void> {
  if (STORE === 'bigquery') {
    const { build } = await import('../../dev/build');
    await build({ variant: 'bigquery' });
  }
  const reports: SizeReport[] = [];
  for (const n of SIZES) {
    console.error(`${n} leads…`);
    lastUntil = 0;
    reports.push(await measure(n));
  }
  const out = {
    store: STORE,
    cpuFactor: DEFAULT_CPU_FACTOR,
    latencyMs: LATENCY,
    serviceLatency: SERVICE_LATENCY,
    sizes: reports,
  };
  const row = (label: string, f: (r: SizeReport) => string | number) =>
    `${label.padEnd(44)}${reports.map((r) => String(f(r)).padStart(14)).join('')}`;
  console.log(row('leads', (r) => r.leads));
  console.log(row('first sync: requests', (r) => r.firstSync.requests));
  console.log(row('  lower bound', (r) => r.firstSync.lowerBound));
  console.log(row('  ratio', (r) => (r.firstSync.requests / r.firstSync.lowerBound).toFixed(2)));
  console.log(row('  executions', (r) => r.firstSync.executions));
  console.log(
    row(
      `daily refresh${MONTHS ? ` after ${MONTHS} months` : ''}: requests`,
      (r) => r.dailyRefresh.requests,
    ),
  );
  console.log(row('  lower bound', (r) => r.dailyRefresh.lowerBound));
  console.log(row('  executions', (r) => r.dailyRefresh.executions));
  console.log(
    row(
      `  seconds charged (CPU × ${DEFAULT_CPU_FACTOR} + network${SERVICE_LATENCY ? ' + calls' : ''})`,
      (r) => r.dailyRefresh.chargedSeconds,
    ),
  );
  console.log(row('  CPU seconds', (r) => r.dailyRefresh.cpuSeconds));
  console.log(row('  service-call latency, seconds', (r) => r.dailyRefresh.serviceSeconds));
  console.log(row('  publish, seconds', (r) => r.dailyRefresh.publishSeconds));
  console.log(
    row(
      "  publish's share of the charged time",
      (r) => `${Math.round(r.dailyRefresh.publishShare * 100)} %`,
    ),
  );
  console.log(row('  peak heap, MiB', (r) => r.dailyRefresh.peakHeapMiB));
  if (STORE === 'bigquery') {
    console.log(
      row('  BigQuery bytes billed a day, MB', (r) =>
        Math.round((r.bigquery?.bytesPerDay ?? 0) / 1e6),
      ),
    );
    console.log(row('  BigQuery cost a month, USD', (r) => r.bigquery?.monthlyCostUsd ?? 0));
  }
  console.log(row('  spreadsheet service calls', (r) => r.dailyRefresh.sheetCalls));
  console.log(row('full re-import every day: requests', (r) => r.fullReimport.requests));
  console.log(row('cells in the spreadsheet', (r) => r.store?.cells ?? 0));
  console.log(
    row('largest cell, characters (limit 50 000)', (r) => r.store?.maxCellCharacters ?? 0),
  );
  if (LIVE) {
    console.log(row('live refreshes 10–19 (cadence kept)', (r) => r.live?.liveRefreshes ?? 0));
    console.log(
      row('  seconds charged per live refresh, mean', (r) => r.live?.liveMeanSeconds ?? 0),
    );
    console.log(row('  seconds charged per live refresh, max', (r) => r.live?.liveMaxSeconds ?? 0));
    console.log(
      row("  the day's trigger runtime, min (of 90)", (r) => r.live?.dayTotalMinutes ?? 0),
    );
  }
  for (const r of reports) if (r.refused) console.log(`${r.leads} leads refused: ${r.refused}`);
  if (JSON_FILE) writeFileSync(JSON_FILE, JSON.stringify(out, null, 2));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  // fetch's own message says nothing: the cause (a reset, a timeout) is what tells
  if (e instanceof Error && e.cause) console.error('cause:', e.cause);
  process.exit(1);
});
