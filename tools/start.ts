/**
 * `npm start` — the product's main job, end to end, on a generated account:
 * starts the amoCRM emulator (a medium account, its own process), runs the built bundle in the
 * local Apps Script runtime as a sales head would (connect with a token, plans and norms, the
 * schedule on), lives through 40 simulated days of sales activity with the hourly scheduler
 * refreshing the rating every morning, then writes out/rating.xlsx and out/rating.html and prints
 * the top three of each period.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { control, startEmulatorProcess } from '../dev/emulator/processes';
import { FakeClock, GasRuntime, spreadsheetToHtml, writeXlsx } from '../dev/gas';
import type { Settings } from '../src/settings/schema';

const ROOT = resolve(__dirname, '..');
const DAYS = Number(process.env.DEMO_DAYS ?? 40);

function top3(rt: GasRuntime, sheet: string): string[] {
  const s = rt.spreadsheet.sheets.find((x) => x.name === sheet);
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const rows = (s?.rows ?? [])
    .slice(6)
    .filter((r) => typeof r?.[0]?.v === 'number')
    .slice(0, 3);
  return rows.map(
    (r) =>
      `${text(r?.[1]?.v)} ${text(r?.[2]?.v)} — ${Number(r?.[3]?.v ?? 0).toLocaleString('ru-RU', { maximumFractionDigits: 1 })}`,
  );
}

async function main(): Promise<void> {
  const out = join(ROOT, 'out');
  mkdirSync(out, { recursive: true });
  console.log('Starting the amoCRM emulator with a generated medium account…');
  const proc = await startEmulatorProcess('amocrm', [
    '--seed',
    '2026',
    '--size',
    'medium',
    '--now',
    '2026-02-01T03:00:00Z',
  ]);
  const emu = { url: proc.url, token: /TOKEN (\S+)/.exec(proc.output)?.[1] ?? '' };
  const state = await control<{
    now: number;
    leads: number;
    events: number;
    users: number;
    adminUserId: number;
  }>(emu.url, 'state');
  console.log(
    `  ${state.leads} leads, ${state.events} events, ${state.users} users; amoCRM clock ${new Date(state.now * 1000).toISOString()}`,
  );
  const clock = new FakeClock(state.now * 1000);
  const rt = new GasRuntime({
    clock,
    routes: [{ host: /\.amocrm\.ru$/, target: emu.url, forwardClock: true }],
  });
  try {
    rt.open();
    const report = rt.run('connectAmoWithToken', ['demo', emu.token], 'client') as {
      ok: boolean;
      message: string;
    };
    console.log(`Connect: ${report.message}`);
    if (!report.ok) throw new Error(report.message);

    // the sales head's settings: monthly plans, norms, the head left out of the rating
    const dump = await control<{
      users: Array<{ id: number; rights: { is_admin?: boolean; is_active: boolean } }>;
    }>(emu.url, 'dump');
    const managers = dump.users.filter((u) => !u.rights.is_admin && u.rights.is_active);
    const settings = rt.run('getRatingSettings', [], 'editor') as Settings;
    const months = ['2026-01', '2026-02', '2026-03'];
    const saved = rt.run(
      'saveRatingSettings',
      [
        {
          ...settings,
          rating: {
            ...settings.rating,
            plans: managers.flatMap((u, i) =>
              months.map((month) => ({
                month,
                userId: u.id,
                points: 3200 + (i % 5) * 700,
                figures: { won: 60 },
              })),
            ),
            norms: { maxOverdueTasks: 15, maxLostShare: 0.5, maxLeadsWithoutTasks: 60 },
            excludedUserIds: [state.adminUserId],
          },
        },
      ],
      'editor',
    ) as { ok: boolean; errors: string[] };
    if (!saved.ok) throw new Error(saved.errors.join('; '));
    rt.clickMenu('Рейтинг менеджеров', 'Включить расписание');
    console.log(
      `Schedule on: ${rt.triggerList().length} hourly trigger. Living through ${DAYS} days…`,
    );

    const start = clock.now();
    for (let hour = 1; hour <= DAYS * 24; hour++) {
      const t = start + hour * 3600_000;
      await control(emu.url, 'clock', { set: Math.floor(t / 1000) }); // the day's sales activity, hour by hour
      rt.advanceTo(t); // the scheduler's ticks
      if (hour % (7 * 24) === 0 || hour === DAYS * 24) {
        const last = (
          JSON.parse(rt.properties.document['sync.records'] ?? '[]') as Array<{
            outcome: string;
            startedAt: string;
            requests: number;
            items: { leads: number; events: number };
          }>
        )[0];
        const refreshed = JSON.parse(rt.properties.document['rating.lastRefresh'] ?? '{}') as {
          dataAsOf?: string;
        };
        console.log(
          `  day ${hour / 24}: ${new Date(t).toISOString().slice(0, 10)} — last sync ${last?.outcome ?? 'none'} (${last?.requests ?? 0} requests, ${last?.items.leads ?? 0} leads and ${last?.items.events ?? 0} events changed); rating as of ${refreshed.dataAsOf ?? '—'}${rt.triggerFailures.length ? `; ${rt.triggerFailures.length} trigger failures` : ''}`,
        );
      }
    }
    if (rt.triggerFailures.length) console.log('Trigger failures:', rt.triggerFailures.slice(0, 3));

    const xlsx = join(out, 'rating.xlsx');
    const html = join(out, 'rating.html');
    await writeXlsx(rt.spreadsheet, xlsx);
    const order = ['Неделя', 'Месяц', 'Квартал', 'Зал славы', 'История'];
    writeFileSync(
      html,
      spreadsheetToHtml(rt.spreadsheet, { sheets: order, title: 'Рейтинг менеджеров — демо' }),
    );
    console.log(`\nWrote ${xlsx}\n  and ${html}`);
    for (const [sheet = '', label = ''] of [
      ['Неделя', 'Week'],
      ['Месяц', 'Month'],
      ['Квартал', 'Quarter'],
    ]) {
      console.log(`\n${label} («${sheet}»), top 3:`);
      for (const line of top3(rt, sheet)) console.log(`  ${line}`);
    }
  } finally {
    await rt.close();
    await proc.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
