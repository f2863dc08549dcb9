/** Helpers for runtime tests: run a snippet of script code as one Apps Script execution. */
import { GasRuntime, NO_LATENCY, type RuntimeOptions } from '../../dev/gas';
import type { ExecutionKind } from '../../dev/gas/host';

let n = 0;

/**
 * A runtime for tests of the services themselves: neither script CPU time (cpuFactor 0) nor
 * service-call latency is charged to the clock, so a FakeClock moves only when the script
 * sleeps, waits or fetches.
 */
export function newRuntime(opts: RuntimeOptions = {}): GasRuntime {
  return new GasRuntime({ cpuFactor: 0, serviceLatency: NO_LATENCY, ...opts });
}

/**
 * Defines `body` as a global function in the script's realm (as if it were part of the pushed
 * code) and runs it as one execution of `kind`.
 */
export function runScript(
  rt: GasRuntime,
  body: string,
  kind: ExecutionKind = 'menu',
  user = rt.user,
): unknown {
  const name = `__probe${++n}`;
  rt.evaluate(`function ${name}() { ${body} }`);
  return rt.run(name, [], kind, user);
}

export function defineScript(rt: GasRuntime, body: string): string {
  const name = `__probe${++n}`;
  rt.evaluate(`function ${name}() { ${body} }`);
  return name;
}
