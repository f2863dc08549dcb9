/**
 * The engine CLI run on the emulator's own account (`/_emulator/dump`): the rating a refresh must
 * publish, computed from data the sync did not touch, in another process.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { control } from '../../dev/emulator/processes';
import { withoutMarks } from '../oracle/sheets';

const ROOT = join(__dirname, '..', '..');

export interface CliRow {
  name: string;
  points: number;
}

export async function cliWeek(
  amo: { url: string },
  rating: object,
  nowIso: string,
  /** the dump changed first (e.g. without the records the rating leaves out) */
  prepare?: (dump: Record<string, unknown>) => Record<string, unknown>,
): Promise<CliRow[]> {
  const raw = await control<Record<string, unknown>>(amo.url, 'dump');
  const dump = prepare ? prepare(raw) : raw;
  const dir = mkdtempSync(join(tmpdir(), 'dump-'));
  for (const name of ['account', 'users', 'pipelines', 'leads', 'events', 'tasks'])
    writeFileSync(join(dir, `${name}.json`), JSON.stringify(dump[name]));
  const settings = join(dir, 'settings.json');
  writeFileSync(settings, JSON.stringify(rating));
  const out = execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
      join(ROOT, 'tools', 'rating-cli.ts'),
      '--data',
      dir,
      '--settings',
      settings,
      '--period',
      'week',
      '--now',
      nowIso,
    ],
    { encoding: 'utf8' },
  );
  const parsed = JSON.parse(out) as { rows: Array<{ name: string; points: number }> };
  return parsed.rows.map((r) => ({ name: r.name, points: Math.round(r.points * 100) / 100 }));
}

/** The ranked rows of a published rating sheet: [name, points]. */
export function sheetRows(values: unknown[][]): CliRow[] {
  // the first table only: a team table further down has numbered rows too (docs/rules.md §3.7)
  const end = values.findIndex((r, i) => i >= 6 && r[2] === 'Итого по отделу');
  return values
    .slice(6, end < 0 ? undefined : end)
    .filter((r) => typeof r[0] === 'number')
    .map((r) => ({
      // the name without its streak marks (§3.6)
      name: withoutMarks(String(r[2])),
      points: Math.round(Number(r[3]) * 100) / 100,
    }));
}
