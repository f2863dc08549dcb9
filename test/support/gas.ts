/** Helpers for runtime tests: run a snippet of script code as one Apps Script execution. */
import { GasRuntime, type RuntimeOptions } from '../../dev/gas';
import type { ExecutionKind } from '../../dev/gas/host';

let n = 0;

export function newRuntime(opts: RuntimeOptions = {}): GasRuntime {
  return new GasRuntime(opts);
}

/**
 * Defines `body` as a global function in the script's realm (as if it were part of the pushed
 * code) and runs it as one execution of `kind`.
 */
export function runScript(rt: GasRuntime, body: string, kind: ExecutionKind = 'editor'): unknown {
  const name = `__probe${++n}`;
  rt.evaluate(`function ${name}() { ${body} }`);
  return rt.run(name, [], kind);
}

export function defineScript(rt: GasRuntime, body: string): string {
  const name = `__probe${++n}`;
  rt.evaluate(`function ${name}() { ${body} }`);
  return name;
}
