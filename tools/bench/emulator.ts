/**
 * Benchmark of the amoCRM emulator at 100 k leads: generation time, and the median time to serve
 * a 250-lead page and a 100-event page (plain and filtered), over real HTTP.
 *   npm run bench:emulator -- [--leads 100000] [--runs 21]
 */
import { generateAccount } from '../../dev/amocrm/generator';
import { AmoEmulator } from '../../dev/amocrm/server';

const argv = process.argv.slice(2);
const opt = (n: string, d: number) =>
  argv.includes(`--${n}`) ? Number(argv[argv.indexOf(`--${n}`) + 1]) : d;
const LEADS = opt('leads', 100_000);
const RUNS = opt('runs', 21);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main(): Promise<void> {
  const t0 = performance.now();
  const state = generateAccount({ seed: 1, size: { managers: 60, leads: LEADS } });
  const genMs = performance.now() - t0;
  console.log(
    `generated ${state.leads.size} leads, ${state.events.length} events, ${state.tasks.size} tasks in ${(genMs / 1000).toFixed(1)} s; heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`,
  );
  const emu = new AmoEmulator(state, { rateLimit: 1e9 });
  const url = await emu.listen(0);
  const headers = {
    authorization: `Bearer ${emu.longLivedToken}`,
    'x-original-host': 'demo.amocrm.ru',
  };
  const since = state.now - 86400;
  const cases: Array<[string, string]> = [
    ['leads, 250 per page, page 100', '/api/v4/leads?limit=250&page=100'],
    [
      'leads updated in the last day, 250 per page',
      `/api/v4/leads?limit=250&filter[updated_at][from]=${since}&order[updated_at]=asc`,
    ],
    ['events, 100 per page, page 500', '/api/v4/events?limit=100&page=500'],
    [
      'status-change events of the last day, 100 per page',
      `/api/v4/events?limit=100&filter[type]=lead_status_changed&filter[created_at][from]=${since}`,
    ],
    ['tasks, 250 per page', '/api/v4/tasks?limit=250&page=10'],
  ];
  for (const [name, path] of cases) {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
      const a = performance.now();
      const res = await fetch(url + path, { headers });
      bytes = (await res.arrayBuffer()).byteLength;
      times.push(performance.now() - a);
    }
    console.log(
      `${name}: median ${median(times).toFixed(1)} ms over ${RUNS} requests (${(bytes / 1024).toFixed(0)} KiB)`,
    );
  }
  await emu.close();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
