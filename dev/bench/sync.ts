/**
 * Benchmark of the sync: for accounts of 1 k, 10 k and 100 k leads, the first sync and a daily
 * sync, run as the built bundle in the local runtime against the emulator (its own process).
 * Reports requests against the lower bound (items ÷ page size), simulated wall time at 7 req/s
 * with 300 ms per request batch, the number of 6-minute executions, and the spreadsheet service
 * calls spent on the store.
 *   npm run build && npm run bench:sync -- [--sizes 1000,10000,100000]
 */
import { control, startEmulatorProcess } from '../emulator/processes';
import { FakeClock, GasRuntime } from '../gas';
import type { SyncRecord } from '../../src/amocrm/sync-record';

const argv = process.argv.slice(2);
const sizes = (argv.includes('--sizes') ? argv[argv.indexOf('--sizes') + 1] : '1000,10000,100000')
  .split(',')
  .map(Number);

const STORE_SERVICES = ['Range', 'Sheet', 'Spreadsheet', 'SpreadsheetApp'];

function runToCompletion(rt: GasRuntime, clock: FakeClock) {
  const t0 = clock.now();
  const real0 = Date.now();
  rt.resetCounts();
  const records: SyncRecord[] = [];
  for (let i = 0; i < 100; i++) {
    const r = rt.run('syncAmo', [], 'timeTrigger') as SyncRecord;
    records.push(r);
    if (r.outcome !== 'partial') break;
    clock.advance(60_000);
  }
  const last = records[records.length - 1];
  const sheetCalls = STORE_SERVICES.reduce((n, s) => n + rt.countOf(s), 0);
  return {
    last,
    executions: records.length,
    simulatedMs: clock.now() - t0 - (records.length - 1) * 60_000,
    realMs: Date.now() - real0,
    sheetCalls,
  };
}

async function main(): Promise<void> {
  console.log(
    '| leads | sync | requests | lower bound | over | simulated wall time | executions | sheet calls on the store | real time |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const n of sizes) {
    const emu = await startEmulatorProcess('amocrm', ['--seed', '1', '--leads', String(n)]);
    try {
      const st = await control<{ now: number; token: string; leads: number }>(emu.url, 'state');
      const clock = new FakeClock(st.now * 1000 + 1000);
      const rt = new GasRuntime({
        clock,
        routes: [{ host: /\.amocrm\.ru$/, target: emu.url, forwardClock: true }],
        fetchLatencyMs: 300,
      });
      rt.run('connectAmoWithToken', ['demo', st.token], 'client');
      const first = runToCompletion(rt, clock);
      const items = first.last.items;
      const lower =
        Math.ceil(items.leads / 250) +
        Math.ceil(items.tasks / 250) +
        Math.ceil(items.events / 100) +
        3;
      const row = (label: string, r: ReturnType<typeof runToCompletion>, lb: number) =>
        console.log(
          `| ${st.leads} | ${label} | ${r.last.requests} | ${lb} | ${(((r.last.requests - lb) / lb) * 100).toFixed(0)} % (+${r.last.requests - lb}) | ${(r.simulatedMs / 1000).toFixed(0)} s | ${r.executions} | ${r.sheetCalls} | ${(r.realMs / 1000).toFixed(1)} s |`,
        );
      row(
        `first (${items.leads} leads, ${items.tasks} tasks, ${items.events} events)`,
        first,
        lower,
      );
      // a working day later (Tuesday)
      await control(emu.url, 'clock', { advanceDays: 1 });
      clock.advance(86400_000);
      const daily = runToCompletion(rt, clock);
      const d = daily.last.items;
      const dailyLower =
        Math.ceil(d.leads / 250) + Math.ceil(d.tasks / 250) + Math.ceil(d.events / 100) + 3;
      row(
        `daily (${d.leads} leads, ${d.tasks} tasks, ${d.events} events changed)`,
        daily,
        dailyLower,
      );
      if (first.last.outcome !== 'complete' || daily.last.outcome !== 'complete')
        console.log('  NOT COMPLETE:', first.last.error ?? daily.last.error);
      await rt.close();
    } finally {
      await emu.stop();
    }
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
