/**
 * The synced store against the emulator's own account (`/_emulator/dump`) — ground truth, not
 * another run of the sync — on a small account and on one with 40 open stages across 4 extra
 * pipelines, whose open-deal queries must stay under the URL limit.
 * Facts: docs/services.md §1.1 (URL Fetch URL length 2 KB); docs/services.md §A4.
 */
import { unpackRows } from '../../src/storage/store-codec';
import { startAmoEmulator } from '../support/emulators';
import { truthOf } from '../support/dump-truth';
import { storeRows } from '../support/store-node';
import { connectRuntime, store, storeView, syncToCompletion } from '../support/sync-harness';

jest.setTimeout(120000);

async function syncAndCompare(args: string[]) {
  const amo = await startAmoEmulator(args);
  const { rt, clock } = await connectRuntime(amo);
  try {
    const recs = syncToCompletion(rt, clock);
    expect(recs.at(-1)?.outcome).toBe('complete');
    const until = unpackRows(storeRows(rt.spreadsheet) ?? []).manifest.until;
    const got = storeView(store(rt));
    const want = await truthOf(amo, until);
    expect(got.users).toEqual(want.users);
    expect(got.leads).toEqual(want.leads);
    expect(got.tasks).toEqual(want.tasks);
    expect(got.events).toEqual(want.events);
    return { rt, amo, want };
  } catch (e) {
    await rt.close();
    await amo.stop();
    throw e;
  }
}

test('a full sync holds exactly what the account holds within the history window', async () => {
  const { rt, amo, want } = await syncAndCompare(['--seed', '11', '--size', 'tiny']);
  expect(want.leads.length).toBeGreaterThan(50);
  expect(want.events.length).toBeGreaterThan(200);
  await rt.close();
  await amo.stop();
});

test('40 open stages across 4 more pipelines: the first sync completes, every URL under 1.5 KB', async () => {
  const { rt, amo, want } = await syncAndCompare([
    '--seed',
    '12',
    '--size',
    'tiny',
    '--extra-pipelines',
    '4x10',
  ]);
  const urls = rt.fetchLog.map((f) => f.url);
  expect(urls.some((u) => u.includes('filter%5Bstatuses%5D'))).toBe(true);
  expect(Math.max(...urls.map((u) => u.length))).toBeLessThan(1500);
  // the deals waiting in the extra pipelines' stages are there
  expect(want.leads.filter((l) => Number(l[3]) > 3177739).length).toBeGreaterThanOrEqual(80);
  await rt.close();
  await amo.stop();
});
