/**
 * A rating published on Monday 16 March 2026 from the hand-checked sample, and the week Tuesday's
 * refresh must publish by the reference recount: the start of tests that do something to the
 * published file as its owner and then let Tuesday's scheduled refresh run.
 */
import { FakeClock, GasRuntime, type RuntimeState } from '../../dev/gas';
import type { CliRow } from './cli-truth';
import { setUpRuntime, startFixtureEmulator } from './fixture-account';
import { runScript } from './gas';
import { oracleWeek } from './oracle-week';
import { readSettings } from './settings-io';

export interface PublishedMonday {
  amo: Awaited<ReturnType<typeof startFixtureEmulator>>;
  routes: GasRuntime['routes'];
  published: RuntimeState;
  /** the week Tuesday's refresh must publish (the reference recount) */
  tuesday: CliRow[];
}

export async function publishMonday(): Promise<PublishedMonday> {
  const amo = await startFixtureEmulator();
  const { rt } = setUpRuntime(amo);
  const routes = rt.routes;
  rt.run('schedulerTick', [{}], 'timeTrigger');
  const published = rt.saveState();
  const tuesday = await oracleWeek(amo, readSettings(rt).rating, '2026-03-17T04:00:00Z');
  await rt.close();
  return { amo, routes, published, tuesday };
}

/** Monday's published file; `script` runs as the owner; then Tuesday's scheduled refresh. */
export function doThenRefresh(m: PublishedMonday, script: string): GasRuntime {
  const rt = new GasRuntime({
    state: m.published,
    clock: new FakeClock('2026-03-16T08:00:00Z'),
    routes: m.routes,
  });
  runScript(rt, script);
  rt.clock.advance?.(20 * 3600_000); // Tuesday 07:00 in Moscow
  rt.run('schedulerTick', [{}], 'timeTrigger');
  return rt;
}
