/**
 * The execution killed at every service call (1 … N) of a first sync, of a daily sync and of a
 * daily refresh (sync, compute, publish), then the scheduler left to recover. Every case must end
 * with the store equal to the emulator's own account and the published week equal to the engine
 * CLI's on that account — or with a clear status and the previous rating intact. Never a rating
 * of a half-read account. Facts: docs/services.md §1.1 (a killed script stops at once); docs/rules.md
 * §8 (never silently wrong).
 */
import { FakeClock, GasRuntime, type RuntimeState } from '../../dev/gas';
import { unpackRows } from '../../src/storage/store-codec';
import { sheetRows, type CliRow } from '../support/cli-truth';
import { oracleWeek } from '../support/oracle-week';
import { truthOf } from '../support/dump-truth';
import {
  publishedSample,
  sheetValues,
  type startFixtureEmulator,
} from '../support/fixture-account';
import { storeRows } from '../support/store-node';
import { store, storeView } from '../support/sync-harness';

jest.setTimeout(600_000);

type Outcome =
  | 'recovered'
  | 'recovered, saying the interrupted publish was redone'
  | 'previous kept with a status';

describe('a kill at every service call', () => {
  let amo: Awaited<ReturnType<typeof startFixtureEmulator>>;
  let routes: GasRuntime['routes'];
  let fresh: RuntimeState; // connected, nothing synced (Monday 16 March, 09:00 Moscow)
  let published: RuntimeState; // after the Monday refresh
  let rating: object;
  const summary: string[] = [];

  beforeAll(async () => {
    ({ amo, routes, fresh, published, rating } = await publishedSample());
  });
  afterAll(async () => {
    console.log(`kill matrix:\n  ${summary.join('\n  ')}`);
    await amo.stop();
  });

  function runtimeAt(state: RuntimeState, at: string): GasRuntime {
    return new GasRuntime({ state, clock: new FakeClock(at), routes });
  }

  async function matrix(
    name: string,
    state: RuntimeState,
    at: string,
    phase: (rt: GasRuntime) => unknown,
  ): Promise<void> {
    // N: the service calls of the phase when nothing goes wrong
    const probe = runtimeAt(state, at);
    phase(probe);
    const n = probe.executions.at(-1)?.calls ?? 0;
    await probe.close();
    expect(n).toBeGreaterThan(20);
    const counts: Record<Outcome, number> = {
      recovered: 0,
      'recovered, saying the interrupted publish was redone': 0,
      'previous kept with a status': 0,
    };
    let expected: CliRow[] | null = null;
    for (let k = 1; k <= n; k++) {
      const rt = runtimeAt(state, at);
      const before = sheetRows(
        rt.spreadsheet.sheets.some((s) => s.name === 'Неделя') ? sheetValues(rt, 'Неделя') : [],
      );
      rt.killPlan.push(k);
      try {
        phase(rt);
      } catch {
        // "Exceeded maximum execution time": Apps Script stops the script there
      }
      expect(rt.executions.at(-1)?.outcome).toBe('killed');
      // the scheduler's next ticks, an hour apart
      for (let i = 0; i < 4; i++) {
        rt.clock.advance?.(3600_000);
        rt.run('schedulerTick', [{}], 'timeTrigger');
        const rec = JSON.parse(rt.properties.document['sync.records'] ?? '[]') as Array<{
          outcome: string;
        }>;
        if (rec[0]?.outcome === 'complete' && !rt.properties.document['publish.pending']) break;
      }
      const rows = storeRows(rt.spreadsheet);
      const week = rt.spreadsheet.sheets.some((s) => s.name === 'Неделя')
        ? sheetValues(rt, 'Неделя')
        : [];
      if (rows && week.length) {
        const until = unpackRows(rows).manifest.until;
        const want = await truthOf(amo, until);
        const got = storeView(store(rt));
        expect([k, got.leads]).toEqual([k, want.leads]);
        expect([k, got.tasks]).toEqual([k, want.tasks]);
        expect([k, got.events]).toEqual([k, want.events]);
        expected ??= await oracleWeek(amo, rating, new Date(until * 1000).toISOString());
        expect([k, sheetRows(week)]).toEqual([k, expected]);
        const line = String((week[3]?.[0] as string | undefined) ?? '');
        if (line) {
          // a kill between the first and the last sheet: the next run says so and writes all again
          expect(line).toContain('Предыдущая запись листов прервалась');
          counts['recovered, saying the interrupted publish was redone']++;
        } else counts.recovered++;
      } else {
        // not recovered: the previous rating stays, and the status says why
        expect(sheetRows(week)).toEqual(before);
        expect(String((week[3]?.[0] as string | undefined) ?? '')).toMatch(/⚠/);
        counts['previous kept with a status']++;
      }
      await rt.close();
    }
    summary.push(`${name}: ${n} service calls killed one by one → ${JSON.stringify(counts)}`);
  }

  test('of a first sync', async () => {
    await matrix('first sync', fresh, '2026-03-16T06:00:00Z', (rt) =>
      rt.run('syncAmo', [], 'timeTrigger'),
    );
  });

  test('of a daily sync', async () => {
    await matrix('daily sync', published, '2026-03-17T05:00:00Z', (rt) =>
      rt.run('syncAmo', [], 'timeTrigger'),
    );
  });

  test('of a daily refresh (sync, compute, publish)', async () => {
    await matrix('daily refresh', published, '2026-03-17T05:00:00Z', (rt) =>
      rt.run('schedulerTick', [{}], 'timeTrigger'),
    );
  });
});
