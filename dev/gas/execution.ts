/**
 * One execution as Apps Script has it: its limits, how it ended, the errors a script run can end
 * in, and the handle a test holds to interleave two executions.
 */
import type vm from 'node:vm';
import { UI_KINDS, type Execution, type ExecutionKind } from './host';
import type { MeterReport } from './meter';
import type { GasRuntime } from './runtime';

/** Apps Script's limits on one execution. [Q] §1.1, [TRIG-S] */
export const EXECUTION_LIMIT_MS = 6 * 60 * 1000;
export const SIMPLE_TRIGGER_LIMIT_MS = 30 * 1000;
/** Apps Script's V8 is not faster than Node: its CPU time is charged at this factor [§1.7a] */
export const DEFAULT_CPU_FACTOR = 2;

export interface TriggerFailure {
  at: number;
  trigger: string;
  handler: string;
  message: string;
}

export interface ExecutionRecord extends MeterReport {
  id: number;
  kind: ExecutionKind;
  functionName: string;
  user: string;
  startedAt: number;
  endedAt: number;
  calls: number;
  /** service-call latency charged to the clock (ms; dev/gas/latency.ts) */
  serviceMs: number;
  outcome: 'ok' | 'error' | 'timeout' | 'killed' | 'memory';
  /** the heap's new high-water marks and the service call they were seen at (measureHeap) */
  peaks?: Array<{ at: string; mib: number }>;
}

/** An error thrown inside the bundle, with the message Apps Script would show. */
export class GasError extends Error {
  constructor(
    message: string,
    readonly functionName: string,
  ) {
    super(message);
    this.name = 'GasError';
  }
}

export class ExecutionTimeout extends GasError {}

/** The runtime's own rules were broken (an Apps Script method nobody looked up): fix the table. */
export class RuntimeRuleError extends Error {}

export const EXCEEDED = 'Exceeded maximum execution time';
export const MEMORY = 'Exceeded memory limit';

export class ExecutionHandle {
  private ended = false;
  constructor(
    private readonly rt: GasRuntime,
    readonly execution: Execution,
    private readonly context: vm.Context,
  ) {}
  get hasUi(): boolean {
    return UI_KINDS.has(this.execution.kind);
  }
  call(functionName: string, ...args: unknown[]): unknown {
    if (this.ended) throw new Error('This execution has ended');
    this.rt._enter(this.execution, this.context);
    try {
      return this.rt._invoke(this.context, this.execution, functionName, args);
    } finally {
      this.rt._leave(this.execution);
    }
  }
  end(outcome: ExecutionRecord['outcome'] = 'ok'): void {
    if (this.ended) return;
    this.ended = true;
    this.rt._endExecution(this.execution, outcome);
  }
}
