/**
 * One source for everyone who computes, one fetch of the account's facts (docs/architecture.md,
 * "One way for each job"): a preview computes in the same zone as the rating it previews, even
 * when the account's zone is one Apps Script does not know; and every page of the account's users
 * counts, so a plan for the 300th manager is saved.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SAMPLE,
  setUpRuntime,
  sheetValues,
  startFixtureEmulator,
} from '../support/fixture-account';
import { readSettings } from '../support/settings-io';
import { withoutMarks } from '../oracle/sheets';

/** A copy of the sample, changed by `change(dir)`. */
function sampleCopy(change: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'sample-'));
  cpSync(SAMPLE, dir, { recursive: true });
  change(dir);
  return dir;
}

function editJson<T>(file: string, edit: (x: T) => T): void {
  writeFileSync(file, JSON.stringify(edit(JSON.parse(readFileSync(file, 'utf8')) as T)));
}

test("with an account zone Apps Script does not know, the preview's numbers are the published rating's", async () => {
  const dir = sampleCopy((d) =>
    editJson<{ _embedded: { datetime_settings: { timezone: string } } }>(
      join(d, 'account.json'),
      (a) => {
        a._embedded.datetime_settings.timezone = 'Mars/Olympus_Mons';
        return a;
      },
    ),
  );
  const emu = await startFixtureEmulator(dir);
  const { rt } = setUpRuntime(emu);
  try {
    // far from UTC, so a computation in any other zone moves the week's and month's edges
    rt.spreadsheet.timeZone = 'Asia/Vladivostok';
    rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
    const month = sheetValues(rt, 'Месяц');
    expect(String(month[3]?.[0])).toContain('Mars/Olympus_Mons'); // the unknown zone is said
    const published = new Map(
      month
        .filter((r) => typeof r[0] === 'number' && typeof r[2] === 'string')
        // the name without its streak marks (🏆2 ⭐), as the preview names the manager
        .map((r) => [withoutMarks(r[2] as string), r[3] as number]),
    );
    expect(published.size).toBeGreaterThan(2);
    const preview = rt.callFromClient(
      'previewPoints',
      readSettings(rt).rating.points.at(-1)?.values,
    ) as { ok: boolean; rows: Array<{ name: string; current: number; placeNow: number }> };
    expect(preview.ok).toBe(true);
    expect(preview.rows.length).toBeGreaterThan(2);
    for (const row of preview.rows)
      expect([row.name, row.current]).toEqual([row.name, published.get(row.name)]);
  } finally {
    await rt.close();
    await emu.stop();
  }
});

test('a plan for the 300th manager is saved: every page of the users counts', async () => {
  const sampleUsers = (JSON.parse(readFileSync(join(SAMPLE, 'users.json'), 'utf8')) as unknown[])
    .length;
  const lastName = `Менеджер ${String(300 - sampleUsers).padStart(3, '0')}`;
  const dir = sampleCopy((d) =>
    editJson<Array<{ id: number; name: string; email: string; rights: object }>>(
      join(d, 'users.json'),
      (users) => [
        ...users,
        ...Array.from({ length: 300 - users.length }, (_, i) => ({
          id: 9001 + i,
          name: `Менеджер ${String(i + 1).padStart(3, '0')}`,
          email: `m${i + 1}@example.ru`,
          rights: { is_active: true, is_admin: false, group_id: 0 },
        })),
      ],
    ),
  );
  const emu = await startFixtureEmulator(dir);
  const { rt } = setUpRuntime(emu);
  try {
    const dialog = rt.callFromClient('plansLoad') as {
      ok: boolean;
      months: Array<{ key: string; editable: boolean }>;
      managers: Array<{ id: number; name: string }>;
    };
    expect(dialog.ok).toBe(true);
    const last = dialog.managers.find((m) => m.name === lastName);
    expect(last).toBeDefined(); // the 300th user of the account: past the first page of 250
    const month = dialog.months.find((m) => m.editable)?.key ?? '';
    const kept = readSettings(rt).rating.plans.filter((p) => p.month === month);
    const saved = rt.callFromClient('savePlans', [
      ...kept,
      { month, userId: last?.id, points: 120 },
    ]) as { ok: boolean; message: string };
    expect(saved).toMatchObject({ ok: true });
    expect(readSettings(rt).rating.plans).toContainEqual({ month, userId: last?.id, points: 120 });
    const tested = rt.callFromClient('testAmoConnection') as { users: number };
    expect(tested.users).toBe(300);
  } finally {
    await rt.close();
    await emu.stop();
  }
});
