import type { Clock } from './clock';
import type { Meter } from './meter';

/** How the current execution was started; decides what Apps Script allows in it. */
export type ExecutionKind =
  | 'simpleTrigger' // onOpen / onEdit: AuthMode.LIMITED, 30 s, no authorised services
  | 'addonNone' // an Editor add-on's onOpen before it is used in the document: AuthMode.NONE
  | 'timeTrigger' // installable clock trigger: FULL, no UI, runs as the trigger's owner
  | 'menu' // a menu item clicked by a user: FULL, with UI
  | 'client' // google.script.run from a sidebar or dialog: FULL, with UI
  | 'callback' // the usercallback of a state token (OAuth): FULL, no UI
  | 'editor'; // "Run" in the script editor: FULL, no UI, no arguments, no return value

export interface Execution {
  id: number;
  kind: ExecutionKind;
  functionName: string;
  startedAt: number;
  limitMs: number;
  /** who the script runs as: the clicking user, or the trigger's owner */
  user: string;
  /** past its time limit (or killed by a test): the script is dead, whatever it catches */
  killed?: boolean;
  /** a fault of the runtime's own rules (an unknown method): fails the run, uncatchable */
  fatal?: string;
  /** service calls made so far */
  calls: number;
  /** kill the execution at this service call (a test's fault injection) */
  killAtCall?: number;
  /** service-call latency charged to the clock so far (ms) */
  serviceMs: number;
  /** the bundle's realm, for its errors and dates */
  realm: { Error: ErrorConstructor; Date: DateConstructor };
  meter: Meter;
}

export const UI_KINDS: ReadonlySet<ExecutionKind> = new Set(['simpleTrigger', 'menu', 'client']);

export interface Manifest {
  timeZone?: string;
  oauthScopes?: string[];
  urlFetchWhitelist?: string[];
  runtimeVersion?: string;
  dependencies?: {
    enabledAdvancedServices?: Array<{ userSymbol: string; serviceId: string; version: string }>;
  };
}

import type { Sharing } from './access';

/** What every emulated service needs from the runtime. */
export interface Host {
  clock: Clock;
  manifest: Manifest;
  /** throws an Apps Script `Exception` (an Error of the bundle's realm) */
  fail(message: string): never;
  /** a Date of the bundle's realm */
  makeDate(ms: number): Date;
  current(): Execution;
  /** a service method is entered (counted, checked against the method table, metered) */
  enter(key: string): void;
  /** the service method returned */
  exit(): void;
  /** a count of something that is not a method call (e.g. each request of a fetchAll) */
  count(key: string): void;
  log(level: string, message: string): void;
  /**
   * The file's sharing and protections: throws unless the current user may edit the area of the
   * sheet (area null: its structure; sheetId null: the file).
   */
  assertCanEdit(
    sheetId: number | null,
    area: { row: number; col: number; numRows: number; numCols: number } | null,
  ): void;
  /** the owner and the file's editors: what a new protection starts with (it mirrors the file) */
  fileEditors(): string[];
  /** whether the user owns the spreadsheet */
  isOwner(user: string): boolean;
  sharing(): Sharing;
}

export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}
