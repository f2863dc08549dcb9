import type { Clock } from './clock';

/** How the current execution was started; decides what Apps Script allows in it. */
export type ExecutionKind =
  | 'simpleTrigger' // onOpen / onEdit: AuthMode.LIMITED, 30 s, no authorised services
  | 'timeTrigger' // installable clock trigger: FULL, no UI
  | 'menu' // a menu item clicked by a user: FULL, with UI
  | 'client' // google.script.run from a sidebar or dialog: FULL, with UI
  | 'editor'; // "Run" in the script editor: FULL, no UI

export interface Execution {
  id: number;
  kind: ExecutionKind;
  functionName: string;
  startedAt: number;
  limitMs: number;
  user: string;
  /** past its time limit: the script is dead, whatever it catches */
  killed?: boolean;
}

export const UI_KINDS: ReadonlySet<ExecutionKind> = new Set(['simpleTrigger', 'menu', 'client']);

export interface Manifest {
  timeZone?: string;
  oauthScopes?: string[];
  urlFetchWhitelist?: string[];
  runtimeVersion?: string;
}

/** What every emulated service needs from the runtime. */
export interface Host {
  clock: Clock;
  manifest: Manifest;
  /** throws an Apps Script `Exception` (an Error of the bundle's realm) */
  fail(message: string): never;
  /** a Date of the bundle's realm */
  makeDate(ms: number): Date;
  current(): Execution;
  requireScope(service: string, method: string, scopes: string[]): void;
  count(key: string): void;
  log(level: string, message: string): void;
}

export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}
