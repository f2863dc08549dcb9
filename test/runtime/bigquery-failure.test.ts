/**
 * BigQuery fails during a refresh — at each of its queries in turn, or by the project's custom
 * quota on bytes a day: the head reads why in words on every rating sheet, in the menu's alert and
 * in the problems; the last rating stays as it was, nothing half-published; and once BigQuery
 * answers again the next refresh publishes the new day. (A failure of amoCRM is fault-positions'.)
 */
import { join } from 'node:path';
import { FakeClock, GasRuntime } from '../../dev/gas';
import { startAmoEmulator, type AmoHandle } from '../support/emulators';
import { readSettings, saveSettingsAsPages } from '../support/settings-io';
import { syncToCompletion } from '../support/sync-harness';

jest.setTimeout(600_000);

const ROOT = join(__dirname, '..', '..');
const RATING_SHEETS = ['Неделя', 'Месяц', 'Квартал'];
const BACKEND_ERROR =
  'Error encountered during execution. Retrying may solve the problem. (backendError, 500)';

/** The rating sheets' values, the warning line left out (it is what changes on a failure). */
function ratingValues(rt: GasRuntime): Record<string, unknown[][]> {
  const out: Record<string, unknown[][]> = {};
  for (const name of RATING_SHEETS) {
    const sh = rt.spreadsheet.sheets.find((s) => s.name === name);
    // the warning line takes a row of its own while it is shown: blank rows are left out too
    out[name] = (sh?.rows ?? [])
      .map((row) => (row ?? []).map((c) => c?.v ?? ''))
      .filter((row) => !row.some((v) => typeof v === 'string' && v.startsWith('⚠')))
      .map((row) => row.map((v) => (v instanceof Object ? JSON.stringify(v) : String(v))).join('|'))
      .map((line) => line.replace(/\|+$/, ''))
      .filter((line) => line !== '') as unknown as unknown[][];
  }
  return out;
}

function warningLines(rt: GasRuntime): string[] {
  return RATING_SHEETS.map((name) => {
    const sh = rt.spreadsheet.sheets.find((s) => s.name === name);
    const cells = (sh?.rows ?? []).flat().map((c) => c?.v);
    const line = cells.find((v): v is string => typeof v === 'string' && v.startsWith('⚠'));
    return line ?? '';
  });
}

/** After a refresh BigQuery failed: the last rating, the words, one alert, one open problem. */
function expectKept(rt: GasRuntime, kept: Record<string, unknown[][]>, alertsBefore: number) {
  // nothing of the new day is on any rating sheet, and no publish is left half done
  expect(ratingValues(rt)).toEqual(kept);
  expect(rt.properties.document['publish.pending']).toBeUndefined();
  for (const line of warningLines(rt)) {
    expect(line).toContain('Последнее обновление не удалось');
    expect(line).toContain('Запрос к BigQuery в проекте rating-demo-1 не удался');
    expect(line).toContain('Показан рейтинг по данным на');
  }
  expect(rt.ui.alerts.slice(alertsBefore).map((a) => a.prompt)).toEqual([
    expect.stringContaining('Запрос к BigQuery в проекте rating-demo-1 не удался'),
  ]);
  const open = JSON.parse(rt.properties.document['problems.open'] ?? '[]') as Array<{
    kind: string;
  }>;
  expect(open.map((p) => p.kind)).toEqual(['store']);
}

let amo: AmoHandle;
let rt: GasRuntime;
let clock: FakeClock;

beforeAll(async () => {
  amo = await startAmoEmulator(['--seed', '11', '--size', 'tiny']);
  const st = await amo.control<{ now: number; token: string; lastClientTime: number }>('state');
  clock = new FakeClock(Math.max(st.now * 1000, st.lastClientTime) + 2000);
  rt = new GasRuntime({
    clock,
    routes: [{ host: /\.amocrm\.ru$/, target: amo.url, forwardClock: true }],
    distDir: join(ROOT, 'dist-bigquery'),
  });
  expect(rt.run('connectAmoWithToken', ['demo', st.token], 'client')).toMatchObject({ ok: true });
  expect(rt.run('chooseAccountStore', ['bigquery', 'rating-demo-1'], 'client')).toMatchObject({
    ok: true,
  });
  expect(syncToCompletion(rt, clock).at(-1)?.outcome).toBe('complete');
  rt.run('menuRefresh', [], 'menu');
  expect(warningLines(rt).join('')).toBe('');
});
afterAll(async () => {
  await rt?.close();
  await amo?.stop();
});

test('BigQuery failing at queries of a refresh in turn, the details of the items last: words on every sheet, the last rating kept, then the next day published', async () => {
  await amo.control('clock', { advanceDays: 1 });
  clock.advance(86400_000);
  const kept = ratingValues(rt);
  const bq = rt.bigQueryState;
  if (!bq) throw new Error('the BigQuery variant has no BigQuery service');
  const failAt = (fault: { n: number; match?: RegExp }): boolean => {
    bq.fault = { ...fault, message: BACKEND_ERROR };
    const alertsBefore = rt.ui.alerts.length;
    rt.run('menuRefresh', [], 'menu');
    clock.advance(60_000);
    if (bq.fault) {
      bq.fault = null; // the refresh asked fewer queries: it ran to the end
      return false;
    }
    expectKept(rt, kept, alertsBefore);
    return true;
  };
  // the names and links of the items shown are asked last, before the first sheet is written:
  // a failure there must not leave half the sheets on the new day
  expect(failAt({ n: 1, match: /@lead_ids\b/ })).toBe(true);
  // without «Разбор» the manager cards are the first to name items, and they are written last
  const settings = readSettings(rt);
  expect(saveSettingsAsPages(rt, { ...settings, explainSheet: false })).toMatchObject({ ok: true });
  expect(failAt({ n: 1, match: /@lead_ids\b/ })).toBe(true);
  expect(saveSettingsAsPages(rt, settings)).toMatchObject({ ok: true });
  // the sync's queries, then the facts': the 1st, 2nd, 4th, 8th… until the refresh has fewer
  let failed = 0;
  for (let n = 1; failAt({ n }); n *= 2) failed++;
  console.log(`a refresh failed at ${failed} of its queries`);
  expect(failed).toBeGreaterThan(3);
  expect(warningLines(rt).join('')).toBe('');
  expect(ratingValues(rt)).not.toEqual(kept);
  expect(rt.properties.document['problems.open']).toBeUndefined();
});

test("the project's custom quota on bytes a day runs out: the head is told it is the quota, the rating stays", async () => {
  await amo.control('clock', { advanceDays: 1 });
  clock.advance(86400_000);
  const kept = ratingValues(rt);
  const bq = rt.bigQueryState;
  if (!bq) throw new Error('the BigQuery variant has no BigQuery service');
  const day = new Date(clock.now()).toLocaleDateString('en-CA', {
    timeZone: 'America/Los_Angeles',
  });
  // what was processed today already is all the administrator allows
  bq.queryUsagePerDay = bq.queryUsage.get(day) ?? 0;
  rt.run('menuRefresh', [], 'menu');
  expect(ratingValues(rt)).toEqual(kept);
  for (const line of warningLines(rt))
    expect(line).toMatch(
      /BigQuery отказал: исчерпана квота проекта rating-demo-1 .*QueryUsagePerDay/,
    );
  // the quota recovers the next day in Pacific time; then the rating is published again
  bq.queryUsagePerDay = null;
  rt.run('menuRefresh', [], 'menu');
  expect(warningLines(rt).join('')).toBe('');
  expect(ratingValues(rt)).not.toEqual(kept);
});
