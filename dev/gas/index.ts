/** The local Apps Script runtime: what tests, the demo and benchmarks import. */
export {
  GasRuntime,
  GasError,
  ExecutionTimeout,
  ExecutionHandle,
  RuntimeRuleError,
  EXECUTION_LIMIT_MS,
  SIMPLE_TRIGGER_LIMIT_MS,
  DEFAULT_CPU_FACTOR,
} from './runtime';
export type { ExecutionRecord, RuntimeOptions, RuntimeState, TriggerFailure } from './runtime';
export type { Sharing } from './access';
export { FakeClock, RealClock, type Clock } from './clock';
export {
  CALL_KINDS,
  callKind,
  DEFAULT_LATENCY_MS,
  NO_LATENCY,
  type CallKind,
  type LatencyTable,
} from './latency';
export type { HostRoute, FetchLogEntry } from './url-fetch';
export { spreadsheetToHtml } from './export-html';
export { spreadsheetToWorkbook, writeXlsx } from './export-xlsx';
export type { SpreadsheetState, SheetState, CellState } from './model';
