/**
 * The spreadsheet store's ceiling, on a small account: the account is measured (deals in the
 * history window, found by probing pages — amoCRM's leads list has no total count), and a first
 * sync past the ceiling is refused in words with the numbers and the way out, before anything is
 * loaded — never Apps Script's "Argument too large". The real ceiling (120 k deals, measured by
 * the bench) is too big for a test; the document property `store.ceilingDeals` lowers it here.
 */
import { historyWindowStart } from '../../src/amocrm/sync-plan';
import type { SyncRecord } from '../../src/amocrm/sync-record';
import { startAmoEmulator, type AmoHandle } from '../support/emulators';
import { connectRuntime, syncToCompletion } from '../support/sync-harness';

jest.setTimeout(120000);

interface SizeReport {
  ok: boolean;
  deals: number | null;
  ceiling: number;
  recommend: 'spreadsheet' | 'bigquery' | null;
  lines: string[];
}

let amo: AmoHandle;
/** the emulator's own count of the deals a first sync reads as changed in the window */
let truth: number;

beforeAll(async () => {
  // 2,300 deals: a dozen pages, so the probing has to narrow down, not just hit page 1
  amo = await startAmoEmulator(['--seed', '5', '--leads', '2300']);
  const st = await amo.control<{ now: number }>('state');
  const since = historyWindowStart(st.now * 1000);
  truth = (await amo.control<{ leads: number }>(`counts?since=${since}&open=0`)).leads;
});
afterAll(() => amo.stop());

test('the sidebar measures the account: the deals in the history window, exactly as amoCRM holds them, with a few requests', async () => {
  const { rt } = await connectRuntime(amo);
  expect(truth).toBeGreaterThan(250 * 4); // several pages, and not a round number of them
  const before = rt.countOf('UrlFetchApp.requests');
  const r = rt.run('measureAmoAccount', [false], 'client') as SizeReport;
  const requests = rt.countOf('UrlFetchApp.requests') - before;
  expect(r.ok).toBe(true);
  expect(r.deals).toBe(truth);
  expect(r.recommend).toBe('spreadsheet');
  expect(r.lines[0]).toContain(String(truth));
  // pages 1, 2, 4 … 64 in one batch of seven, then seven probes per batch narrowing the
  // interval eightfold: ten pages take two batches (a million deals, 4,000 pages, about six)
  expect(requests).toBeLessThanOrEqual(14);
  // kept: asked again, the sidebar shows it without asking amoCRM
  rt.run('measureAmoAccount', [false], 'client');
  expect(rt.countOf('UrlFetchApp.requests') - before).toBe(requests);
  await rt.close();
});

test('past the ceiling the first sync is refused in words, with the numbers and the way out, and nothing is loaded', async () => {
  const { rt, clock } = await connectRuntime(amo);
  const ceiling = truth - 1;
  rt.properties.document['store.ceilingDeals'] = String(ceiling);
  const rec = rt.run('syncAmo', [], 'timeTrigger') as SyncRecord;
  expect(rec.outcome).toBe('failed');
  expect(rec.errorCode).toBe('store_full');
  expect(rec.error).toContain(String(truth));
  expect(rec.error).toContain(String(ceiling));
  expect(rec.error).toContain('BigQuery');
  expect(rec.error).not.toMatch(/Argument too large/);
  // refused before the lists were loaded: no deal, task or event fetched, no staging kept
  expect(rec.items).toEqual({ leads: 0, tasks: 0, events: 0 });
  expect(rt.spreadsheet.sheets.map((s) => s.name)).not.toContain('_amocrm_staging');
  expect(rt.spreadsheet.sheets.map((s) => s.name)).not.toContain('_amocrm_store');

  // the sidebar says the same and recommends BigQuery: the permission and the cost
  const r = rt.run('measureAmoAccount', [false], 'client') as SizeReport;
  expect(r.deals).toBe(truth);
  expect(r.recommend).toBe('bigquery');
  expect(r.lines[1]).toMatch(/BigQuery/);
  expect(r.lines[1]).toMatch(/\$\d+\.\d\d/);

  // the refresh the schedule runs: the status line and the head's problem say it in words
  clock.advance(3600_000);
  rt.run('menuRefresh', [], 'menu');
  const records = JSON.parse(rt.properties.document['sync.records'] ?? '[]') as SyncRecord[];
  expect(records[0]).toMatchObject({ outcome: 'failed', errorCode: 'store_full' });
  const problems = JSON.parse(rt.properties.document['problems.open'] ?? '[]') as Array<{
    kind: string;
  }>;
  expect(problems.map((p) => p.kind)).toContain('storeFull');
  await rt.close();
});

test('at the ceiling exactly the spreadsheet store still takes the account', async () => {
  const { rt, clock } = await connectRuntime(amo);
  rt.properties.document['store.ceilingDeals'] = String(truth);
  const recs = syncToCompletion(rt, clock);
  expect(recs.at(-1)?.outcome).toBe('complete');
  await rt.close();
});

test('the ceiling can only be lowered, never raised past the measured one', async () => {
  const { rt } = await connectRuntime(amo);
  rt.properties.document['store.ceilingDeals'] = '999999999';
  const r = rt.run('measureAmoAccount', [true], 'client') as SizeReport;
  expect(r.ceiling).toBe(120000);
  await rt.close();
});
