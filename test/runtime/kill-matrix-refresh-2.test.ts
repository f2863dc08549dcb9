/**
 * The execution killed at each service call of the second half of a daily refresh (sync,
 * compute, publish), then the scheduler left to recover: the store equal to the emulator's own
 * account and the published week equal to the reference recount — or a clear status and the
 * previous rating intact (test/support/kill-matrix.ts). The two halves are two files so jest runs
 * them side by side. Facts: docs/services.md §1.1; docs/rules.md §8.
 */
import { killMatrix, type KillMatrix } from '../support/kill-matrix';

// half of the calls, each replayed and recovered: minutes on a busy machine
jest.setTimeout(1_200_000);

describe('a kill at every service call', () => {
  let m: KillMatrix;

  beforeAll(async () => {
    m = await killMatrix();
  });
  afterAll(async () => {
    console.log(`kill matrix:\n  ${m?.summary.join('\n  ')}`);
    await m?.stop();
  });

  test('of a daily refresh (sync, compute, publish), the second half of its calls', async () => {
    await m.run(
      'daily refresh',
      m.published,
      '2026-03-17T05:00:00Z',
      (rt) => rt.run('schedulerTick', [{}], 'timeTrigger'),
      [2, 2],
    );
  });
});
