/**
 * Benchmark of the rating engine: 100 k leads and 1 M events (synthetic, deterministic), all
 * three periods (each also ranks its previous period for the change of place) plus the bottom
 * watch. Prints the median of several runs and the peak memory.
 *   npm run bench:engine -- [--leads 100000] [--runs 5]
 */
import type { AmoEvent, AmoLead, AmoTask, AmoUser } from '../../src/shapes/amocrm';
import { defaultEngineSettings, intlOffset, RatingEngine } from '../../src/engine';
import { eventLogFromApi } from '../../src/shapes/account-data';

const argv = process.argv.slice(2);
const opt = (name: string, def: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : def;
};
const LEADS = opt('leads', 100_000);
const RUNS = opt('runs', 5);
const EVENTS_PER_LEAD = 10;
const P = 1;
const STAGES = [11, 12, 13, 14, 15, 142, 143];
const NOW = Date.parse('2026-06-10T07:00:00Z');
const HISTORY_S = 200 * 86400; // ~ from the start of the previous quarter

let seed = 42;
const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;

function generate() {
  const users: AmoUser[] = Array.from({ length: 40 }, (_, i) => ({
    id: 100 + i,
    name: `Менеджер ${i + 1}`,
    rights: { is_active: i !== 39 },
  }));
  const leads: AmoLead[] = [];
  const events: AmoEvent[] = [];
  const tasks: AmoTask[] = [];
  let ev = 0;
  for (let id = 1; id <= LEADS; id++) {
    const created = Math.floor(NOW / 1000 - HISTORY_S + rnd() * HISTORY_S * 0.95);
    let owner = 100 + Math.floor(rnd() * 40);
    let status = 11;
    let at = created;
    for (let k = 0; k < EVENTS_PER_LEAD; k++) {
      at += Math.floor(rnd() * 3 * 86400);
      if (k % 5 === 4) {
        const to = 100 + Math.floor(rnd() * 40);
        events.push({
          id: `e${++ev}`,
          type: 'entity_responsible_changed',
          entity_id: id,
          entity_type: 'lead',
          created_by: owner,
          created_at: at,
          value_before: [{ responsible_user: { id: owner } }],
          value_after: [{ responsible_user: { id: to } }],
        });
        owner = to;
      } else {
        const to = STAGES[Math.min(STAGES.length - 1, Math.floor(rnd() * STAGES.length))] ?? 11;
        events.push({
          id: `e${++ev}`,
          type: 'lead_status_changed',
          entity_id: id,
          entity_type: 'lead',
          created_by: rnd() < 0.1 ? 0 : owner,
          created_at: at,
          value_before: [{ lead_status: { id: status, pipeline_id: P } }],
          value_after: [{ lead_status: { id: to, pipeline_id: P } }],
        });
        status = to;
      }
    }
    leads.push({
      id,
      name: `Сделка ${id}`,
      responsible_user_id: owner,
      status_id: status,
      pipeline_id: P,
      created_at: created,
      updated_at: at,
      closed_at: null,
      closest_task_at: rnd() < 0.3 ? null : at + 86400,
    });
    if (id % 2 === 0)
      tasks.push({
        id,
        responsible_user_id: owner,
        entity_id: id,
        entity_type: 'leads',
        is_completed: rnd() < 0.5,
        task_type_id: rnd() < 0.3 ? 2 : 1,
        complete_till: at + 86400,
        created_at: at,
        updated_at: at + 3600,
      });
  }
  return { users, leads, events: eventLogFromApi(events), tasks };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

const t0 = Date.now();
const data = generate();
sample();
console.log(
  `generated ${data.leads.length} leads, ${data.events.kind.length} events, ${data.tasks.length} tasks in ${Date.now() - t0} ms`,
);
const settings = defaultEngineSettings({
  pipelineIds: [P],
  stages: {
    meetingsScheduled: [{ pipelineId: P, statusId: 12 }],
    meetingsHeld: [{ pipelineId: P, statusId: 13 }],
    contractsSigned: [{ pipelineId: P, statusId: 14 }],
    advancesPaid: [{ pipelineId: P, statusId: 15 }],
  },
});

const ledgerMs: number[] = [];
const ratingMs: number[] = [];
const totalMs: number[] = [];
let rows = 0;
for (let run = 0; run < RUNS; run++) {
  const a = performance.now();
  const engine = new RatingEngine(
    {
      account: {
        id: 1,
        name: 'bench',
        subdomain: 'bench',
        _embedded: { datetime_settings: { timezone: 'Europe/Moscow' } },
      },
      pipelines: [],
      ...data,
    },
    settings,
    { utcOffset: intlOffset, fallbackTimeZone: 'Europe/Moscow' },
  );
  const b = performance.now();
  sample();
  for (const kind of ['week', 'month', 'quarter'] as const)
    rows += engine.rating(engine.period(kind, NOW), NOW).rows.length;
  engine.bottomWatch(engine.period('week', NOW), NOW);
  const c = performance.now();
  sample();
  ledgerMs.push(b - a);
  ratingMs.push(c - b);
  totalMs.push(c - a);
}
console.log(
  `engine, ${RUNS} runs: median total ${median(totalMs).toFixed(0)} ms ` +
    `(ledger ${median(ledgerMs).toFixed(0)} ms + three periods with previous-period places and bottom watch ${median(ratingMs).toFixed(0)} ms); ` +
    `peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB; rows per run ${rows / RUNS}`,
);
