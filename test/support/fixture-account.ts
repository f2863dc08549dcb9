/** The hand-checked sample account (samples/rating) served by the amoCRM emulator, and a runtime set up for it. */
import { readSettings, saveSettingsAsPages } from './settings-io';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock, GasRuntime, type RuntimeState } from '../../dev/gas';
import { startChildServer, type ChildServer } from './child-server';
import { withoutMarks } from '../oracle/sheets';

const ROOT = join(__dirname, '..', '..');
export const SAMPLE = join(ROOT, 'samples', 'rating');
export const NOW = '2026-03-16T06:00:00Z'; // Monday 09:00 in Moscow

export async function startFixtureEmulator(
  dir = SAMPLE,
  now = NOW,
): Promise<ChildServer & { token: string }> {
  const srv = await startChildServer(join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), [
    join(ROOT, 'dev', 'amocrm', 'cli.ts'),
    '--fixture',
    dir,
    '--now',
    now,
  ]);
  return { ...srv, token: /TOKEN (\S+)/.exec(srv.output)?.[1] ?? '' };
}

/** A copy of the sample with some users renamed. */
export function sampleWithNames(names: Record<number, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sample-'));
  cpSync(SAMPLE, dir, { recursive: true });
  const users = JSON.parse(readFileSync(join(dir, 'users.json'), 'utf8')) as Array<{
    id: number;
    name: string;
  }>;
  for (const u of users) u.name = names[u.id] ?? u.name;
  writeFileSync(join(dir, 'users.json'), JSON.stringify(users));
  return dir;
}

export function setUpRuntime(
  emu: { url: string; token: string },
  opts: {
    clock?: FakeClock;
    fetchLatencyMs?: number;
    fetchTimeoutMs?: number;
    sampleSettings?: boolean;
    /** overrides of the rating settings on top of the sample's */
    rating?: Record<string, unknown>;
  } = {},
): { rt: GasRuntime; clock: FakeClock } {
  const clock = opts.clock ?? new FakeClock(NOW);
  const rt = new GasRuntime({
    clock,
    routes: [{ host: /\.amocrm\.ru$/, target: emu.url, forwardClock: true }],
    fetchLatencyMs: opts.fetchLatencyMs,
    fetchTimeoutMs: opts.fetchTimeoutMs,
  });
  const report = rt.run('connectAmoWithToken', ['demo', emu.token], 'client') as {
    ok: boolean;
    message: string;
  };
  if (!report.ok) throw new Error(report.message);
  if (opts.sampleSettings !== false) {
    const current = readSettings(rt) as unknown as {
      rating: Record<string, unknown> & { norms: Record<string, unknown> };
    };
    const file = JSON.parse(readFileSync(join(SAMPLE, 'settings.json'), 'utf8')) as Record<
      string,
      unknown
    > & { norms?: Record<string, unknown> };
    const saved = saveSettingsAsPages(rt, {
      ...current,
      rating: {
        ...current.rating,
        ...file,
        norms: { ...current.rating.norms, ...file.norms },
        ...opts.rating,
      },
    });
    if (!saved.ok) throw new Error(saved.errors.map((e) => `${e.field}: ${e.message}`).join('; '));
  }
  rt.open();
  return { rt, clock };
}

/**
 * The sample account set up and saved twice: connected with nothing synced (Monday 16 March,
 * 09:00 Moscow), and after that Monday's scheduled refresh — the two starting points the kill
 * and fault matrices replay from. The caller stops `amo`.
 */
export async function publishedSample(): Promise<{
  amo: Awaited<ReturnType<typeof startFixtureEmulator>>;
  routes: GasRuntime['routes'];
  fresh: RuntimeState;
  published: RuntimeState;
  rating: object;
}> {
  const amo = await startFixtureEmulator();
  const { rt } = setUpRuntime(amo);
  try {
    const fresh = rt.saveState();
    rt.run('schedulerTick', [{}], 'timeTrigger');
    const published = rt.saveState();
    const rating = readSettings(rt).rating;
    return { amo, routes: rt.routes, fresh, published, rating };
  } finally {
    await rt.close();
  }
}

/** A sheet's values as the bundle would read them (trailing empty rows dropped), found by its name. */
export function sheetValues(rt: GasRuntime, name: string): unknown[][] {
  const sheet = rt.spreadsheet.sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  const width = Math.max(1, ...sheet.rows.map((r) => r?.length ?? 0));
  const out: unknown[][] = [];
  sheet.rows.forEach((row, r) => {
    out[r] = Array.from({ length: width }, (_, c) => {
      const cell = row?.[c];
      const v = cell?.v;
      return v === undefined ? '' : typeof v === 'object' ? new Date(v.date) : v;
    });
  });
  return Array.from(out, (r) => r ?? new Array<unknown>(width).fill(''));
}

/** The row whose third cell (the manager column) is the given text. */
export function rowOf(values: unknown[][], manager: string): unknown[] {
  // a name may carry its streak marks after it («Анна 🔥3 ⭐», docs/rules.md §3.6)
  const row = values.find(
    (r) => r[2] === manager || (typeof r[2] === 'string' && withoutMarks(r[2]) === manager),
  );
  if (!row) throw new Error(`no row for ${manager}`);
  return row;
}
