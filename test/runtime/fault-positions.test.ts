/**
 * Each fault kind of the emulator at each request position of a sync — the first request, the
 * users, the middle (deals), the last (events) — on a daily refresh and on a first sync: the
 * refresh either absorbs it (retries) and publishes the right rating, or publishes nothing and
 * says why, the previous rating intact. Never a published rating with missing users; and once the
 * fault is gone the next run publishes what the account holds. Facts: docs/services.md §A5.
 */
import { control } from '../../dev/emulator/processes';
import { FakeClock, GasRuntime, type RuntimeState } from '../../dev/gas';
import { sheetRows, type CliRow } from '../support/cli-truth';
import { oracleWeek } from '../support/oracle-week';
import {
  publishedSample,
  sheetValues,
  type startFixtureEmulator,
} from '../support/fixture-account';

jest.setTimeout(300_000);

const KINDS = ['500', '502', 'timeout', 'truncated', '429', '402', '401', 'blocked'] as const;
const POSITIONS = {
  first: '/api/v4/account$',
  users: '/api/v4/users$',
  middle: '/api/v4/leads$',
  last: '/api/v4/events$',
} as const;

describe('fault kinds at request positions', () => {
  let amo: Awaited<ReturnType<typeof startFixtureEmulator>>;
  let routes: GasRuntime['routes'];
  let fresh: RuntimeState;
  let published: RuntimeState;
  let monday: CliRow[];
  let tuesday: CliRow[];
  const outcomes: Record<string, number> = {};

  beforeAll(async () => {
    let rating: object;
    ({ amo, routes, fresh, published, rating } = await publishedSample());
    monday = await oracleWeek(amo, rating, '2026-03-16T06:00:00Z');
    tuesday = await oracleWeek(amo, rating, '2026-03-17T04:00:00Z');
  });
  afterAll(async () => {
    console.log(`fault positions: ${JSON.stringify(outcomes)}`);
    await amo.stop();
  });

  async function run(state: RuntimeState, at: string, kind: string, only: string, want: CliRow[]) {
    const rt = new GasRuntime({ state, clock: new FakeClock(at), routes, fetchTimeoutMs: 1000 });
    try {
      const before = rt.spreadsheet.sheets.some((s) => s.name === 'Неделя')
        ? sheetRows(sheetValues(rt, 'Неделя'))
        : [];
      await control(amo.url, 'faults/clear', {});
      await control(amo.url, 'faults', { kind, only, ms: 5000 });
      rt.run('schedulerTick', [{}], 'timeTrigger');
      const week = rt.spreadsheet.sheets.some((s) => s.name === 'Неделя')
        ? sheetValues(rt, 'Неделя')
        : [];
      const rows = sheetRows(week);
      // never a manager shown as a deleted user because the users were not read
      expect(rows.filter((r) => /Пользователь #\d+/.test(r.name))).toEqual([]);
      const rec = (
        JSON.parse(rt.properties.document['sync.records'] ?? '[]') as Array<{
          outcome: string;
          error?: string;
        }>
      )[0];
      let outcome: string;
      if (rec?.outcome === 'complete') {
        expect(rows).toEqual(want); // absorbed: the right rating
        outcome = 'absorbed, published';
      } else {
        expect(rows).toEqual(before); // nothing half-read published
        if (before.length) expect(String(week[3]?.[0])).toMatch(/⚠/);
        expect(rec?.error ?? '').not.toBe('');
        outcome = `not published: ${rec?.outcome}`;
      }
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      // the fault gone: the next runs recover
      await control(amo.url, 'faults/clear', {});
      await control(amo.url, 'unblock', {});
      for (let i = 0; i < 3 && rec?.outcome !== 'complete'; i++) {
        rt.clock.advance?.(3600_000);
        rt.run('schedulerTick', [{}], 'timeTrigger');
        const last = (
          JSON.parse(rt.properties.document['sync.records'] ?? '[]') as Array<{
            outcome: string;
          }>
        )[0];
        if (last?.outcome === 'complete') break;
      }
      if (['401', '402'].includes(kind)) return; // the head must act first (a status says so)
      expect(sheetRows(sheetValues(rt, 'Неделя'))).toEqual(want);
    } finally {
      await rt.close();
    }
  }

  describe.each(Object.entries(POSITIONS))('at the %s request', (_position, only) => {
    test.each(KINDS)('%s on a daily refresh', async (kind) => {
      await run(published, '2026-03-17T04:00:00Z', kind, only, tuesday);
    });
  });

  test.each(KINDS)('%s on the users of a first sync', async (kind) => {
    await run(fresh, '2026-03-16T06:00:00Z', kind, POSITIONS.users, monday);
  });
});
