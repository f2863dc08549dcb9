/**
 * The kill matrix the kill-matrix*.test.ts files share: a phase (a first sync, a daily sync, a
 * daily refresh) replayed from a saved state with the execution killed at its k-th service call,
 * then the scheduler left to recover. Every case must end with the store equal to the emulator's
 * own account and the published week equal to the reference recount on that account — or with a
 * clear status and the previous rating intact. The files split the calls between them so jest
 * runs them side by side; each file starts its own emulator and set-up.
 */
import { FakeClock, GasRuntime, type RuntimeState } from '../../dev/gas';
import { unpackRows } from '../../src/storage/store-codec';
import { sheetRows, type CliRow } from './cli-truth';
import { truthOf } from './dump-truth';
import { publishedSample, sheetValues, type startFixtureEmulator } from './fixture-account';
import { oracleWeek } from './oracle-week';
import { storeRows } from './store-node';
import { store, storeView } from './sync-harness';

export type Outcome =
  | 'recovered'
  | 'recovered, saying the interrupted publish was redone'
  | 'previous kept with a status';

export interface KillMatrix {
  amo: Awaited<ReturnType<typeof startFixtureEmulator>>;
  fresh: RuntimeState; // connected, nothing synced (Monday 16 March, 09:00 Moscow)
  published: RuntimeState; // after the Monday refresh
  /**
   * Kills the phase at each of its service calls in `part` ([i, parts]: the i-th of `parts`
   * equal runs of calls 1 … N; [1, 1] for all of them) and checks the recovery of each.
   */
  run(
    name: string,
    state: RuntimeState,
    at: string,
    phase: (rt: GasRuntime) => unknown,
    part?: [number, number],
  ): Promise<void>;
  /** what each run did, one line each: printed after the file's tests */
  summary: string[];
  stop(): Promise<void>;
}

export async function killMatrix(): Promise<KillMatrix> {
  const { amo, routes, fresh, published, rating } = await publishedSample();
  const summary: string[] = [];
  // the emulator's account does not change under a sync: its truth at an instant is read once
  const truths = new Map<number, ReturnType<typeof truthOf>>();
  const truthAt = (until: number) => {
    const known = truths.get(until) ?? truthOf(amo, until);
    truths.set(until, known);
    return known;
  };
  const runtimeAt = (state: RuntimeState, at: string) =>
    new GasRuntime({ state, clock: new FakeClock(at), routes });

  async function run(
    name: string,
    state: RuntimeState,
    at: string,
    phase: (rt: GasRuntime) => unknown,
    [part, parts]: [number, number] = [1, 1],
  ): Promise<void> {
    // N: the service calls of the phase when nothing goes wrong
    const probe = runtimeAt(state, at);
    phase(probe);
    const n = probe.executions.at(-1)?.calls ?? 0;
    await probe.close();
    expect(n).toBeGreaterThan(20);
    const first = Math.floor(((part - 1) * n) / parts) + 1;
    const last = Math.floor((part * n) / parts);
    const counts: Record<Outcome, number> = {
      recovered: 0,
      'recovered, saying the interrupted publish was redone': 0,
      'previous kept with a status': 0,
    };
    let expected: CliRow[] | null = null;
    for (let k = first; k <= last; k++) {
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
        const want = await truthAt(until);
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
    const which = parts === 1 ? `${n}` : `${first}…${last} of ${n}`;
    summary.push(`${name}: ${which} service calls killed one by one → ${JSON.stringify(counts)}`);
  }

  return { amo, fresh, published, run, summary, stop: () => amo.stop() };
}
