/**
 * The execution killed at every service call (1 … N) of a first sync and of a daily sync, then
 * the scheduler left to recover (the daily refresh's matrix: kill-matrix-refresh-*.test.ts).
 * Every case must end with the store equal to the emulator's own account and the published week
 * equal to the reference recount on that account — or with a clear status and the previous
 * rating intact. Never a rating of a half-read account. Facts: docs/services.md §1.1 (a killed
 * script stops at once); docs/rules.md §8 (never silently wrong).
 */
import { killMatrix, type KillMatrix } from '../support/kill-matrix';

jest.setTimeout(600_000);

describe('a kill at every service call', () => {
  let m: KillMatrix;

  beforeAll(async () => {
    m = await killMatrix();
  });
  afterAll(async () => {
    console.log(`kill matrix:\n  ${m?.summary.join('\n  ')}`);
    await m?.stop();
  });

  test('of a first sync', async () => {
    await m.run('first sync', m.fresh, '2026-03-16T06:00:00Z', (rt) =>
      rt.run('syncAmo', [], 'timeTrigger'),
    );
  });

  test('of a daily sync', async () => {
    await m.run('daily sync', m.published, '2026-03-17T05:00:00Z', (rt) =>
      rt.run('syncAmo', [], 'timeTrigger'),
    );
  });
});
