/**
 * The local Apps Script runtime: loads the built bundle (dist/Code.js) into a node:vm context that
 * holds only what Apps Script's V8 has, plus in-memory services that behave — and fail — as the
 * real ones do. Executions (a menu click, a trigger, a sidebar call) are explicit, so locks,
 * UI availability, the execution time limit and call counts follow Apps Script's rules.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import vm from 'node:vm';
import { RealClock, type Clock } from './clock';
import { copyForTransport, TransportError } from './client-transport';
import { UI_KINDS, type Execution, type ExecutionKind, type Host, type Manifest } from './host';
import { CacheServiceView } from './cache';
import { HtmlServiceView } from './html-service';
import { LockServiceView, type LockTable } from './lock';
import { LoggerView, makeConsole, type LogEntry } from './logger';
import { newSpreadsheetState, type SpreadsheetState } from './model';
import { PropertiesServiceView, type PropertyStores } from './properties';
import {
  AuthMode,
  nextRunAfter,
  readStateToken,
  ScriptAppView,
  type TriggerRegistry,
  type TriggerState,
} from './script-app';
import { SessionView } from './session';
import { SpreadsheetAppView } from './spreadsheet/app';
import { ChartType, ChartsPosition } from './spreadsheet/chart';
import { SpreadsheetDocument } from './spreadsheet/document';
import type { Toast } from './spreadsheet/spreadsheet';
import { SpreadsheetView } from './spreadsheet/spreadsheet';
import { newUiRecord, type UiRecord } from './spreadsheet/ui';
import { wrap } from './surface';
import { SyncHttp } from './sync-http';
import { UrlFetchAppView, type FetchLogEntry, type HostRoute } from './url-fetch';
import { UtilitiesView } from './utilities';
import { zonedParts } from './zoned-time';

/** Apps Script's limits on one execution. [Q] §1.1, [TRIG-S] */
export const EXECUTION_LIMIT_MS = 6 * 60 * 1000;
export const SIMPLE_TRIGGER_LIMIT_MS = 30 * 1000;

export interface RuntimeState {
  version: 1;
  spreadsheet: SpreadsheetState;
  properties: PropertyStores;
  triggers: TriggerRegistry;
}

export interface RuntimeOptions {
  /** folder with Code.js, appsscript.json and the HTML pages (default: <repo>/dist) */
  distDir?: string;
  clock?: Clock;
  routes?: HostRoute[];
  /** the Google account running executions */
  user?: string;
  state?: RuntimeState;
  /** virtual time one HTTP request costs on the clock ('real' = measured) */
  fetchLatencyMs?: number | 'real';
  /** print the bundle's logs to stdout as they happen */
  echoLogs?: boolean;
  /** how long one HTTP request may take before UrlFetchApp throws "Timeout" (Apps Script: about 60 s) */
  fetchTimeoutMs?: number;
}

export interface TriggerFailure {
  at: number;
  trigger: string;
  handler: string;
  message: string;
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

const EXCEEDED = 'Exceeded maximum execution time';

export class GasRuntime {
  readonly clock: Clock;
  readonly manifest: Manifest;
  readonly distDir: string;
  readonly ui: UiRecord = newUiRecord();
  readonly toasts: Toast[] = [];
  readonly logs: LogEntry[] = [];
  readonly fetchLog: FetchLogEntry[] = [];
  readonly triggerFailures: TriggerFailure[] = [];
  routes: HostRoute[];
  user: string;
  private calls = new Map<string, number>();
  private readonly context: vm.Context;
  private readonly realmError: ErrorConstructor;
  private readonly realmDate: DateConstructor;
  private readonly doc: SpreadsheetDocument;
  private props: PropertyStores;
  private triggers: TriggerRegistry;
  private readonly locks: LockTable = new Map();
  private readonly stack: Execution[] = [];
  private nextExecutionId = 1;
  private http?: SyncHttp;
  private readonly code: string;
  /** the pushed code plus snippets evaluated by tests: where top-level declarations are looked up */
  private readonly sources: string[] = [];
  private readonly echo: boolean;
  private readonly fetchTimeoutMs: number;

  constructor(opts: RuntimeOptions = {}) {
    this.distDir = resolve(opts.distDir ?? join(__dirname, '..', '..', 'dist'));
    const codePath = join(this.distDir, 'Code.js');
    if (!existsSync(codePath))
      throw new Error(`${codePath} not found: run \`npm run build\` first`);
    this.code = readFileSync(codePath, 'utf8');
    this.manifest = JSON.parse(
      readFileSync(join(this.distDir, 'appsscript.json'), 'utf8'),
    ) as Manifest;
    this.clock = opts.clock ?? new RealClock();
    this.routes = opts.routes ?? [];
    this.user = opts.user ?? 'head@sales.example';
    this.echo = opts.echoLogs ?? false;
    this.fetchTimeoutMs = opts.fetchTimeoutMs ?? 60000;
    const state = opts.state ? structuredClone<RuntimeState>(opts.state) : undefined;
    this.props = state?.properties ?? { script: {}, user: {}, document: {} };
    this.triggers = state?.triggers ?? { list: [], nextId: 1 };
    const host = this.makeHost();
    this.doc = new SpreadsheetDocument(
      host,
      state?.spreadsheet ?? newSpreadsheetState('Рейтинг менеджеров', this.manifest.timeZone),
    );

    this.context = vm.createContext({}, { name: 'Apps Script V8' });
    this.realmError = vm.runInContext('Error', this.context) as ErrorConstructor;
    this.realmDate = vm.runInContext('Date', this.context) as DateConstructor;
    this.installClockDate();
    this.installServices(host, opts.fetchLatencyMs ?? 'real');
    vm.runInContext(this.code, this.context, { filename: 'Code.js' });
    this.sources.push(this.code);
  }

  // ---------------------------------------------------------------- host
  private makeHost(): Host {
    const host: Host = {
      clock: this.clock,
      manifest: this.manifest,
      fail: (message: string): never => {
        const e = new this.realmError(message);
        e.name = 'Exception';
        throw e;
      },
      makeDate: (ms: number) => new this.realmDate(ms),
      current: () => {
        const e = this.stack[this.stack.length - 1];
        if (!e)
          throw new Error('No execution is running: call the bundle through GasRuntime.run()');
        return e;
      },
      requireScope: (service: string, method: string, scopes: string[]) => {
        const exec = this.stack[this.stack.length - 1];
        if (
          exec?.kind === 'simpleTrigger' &&
          (service === 'UrlFetchApp' || service === 'ScriptApp' || method.startsWith('show'))
        ) {
          // Simple triggers cannot use services that need authorisation. [TRIG-S]
          host.fail(
            `You do not have permission to call ${service}.${method}. Required permissions: ${scopes[0]}`,
          );
        }
        const declared = this.manifest.oauthScopes;
        if (declared && !scopes.some((s) => declared.includes(s))) {
          host.fail(
            `You do not have permission to call ${service}.${method}. Required permissions: ${scopes[0]}`,
          );
        }
      },
      count: (key: string) => {
        this.calls.set(key, (this.calls.get(key) ?? 0) + 1);
        const exec = this.stack[this.stack.length - 1];
        if (exec && (exec.killed || this.clock.now() - exec.startedAt > exec.limitMs)) {
          exec.killed = true;
          host.fail(EXCEEDED);
        }
      },
      log: (level: string, message: string) => {
        const exec = this.stack[this.stack.length - 1];
        this.logs.push({ at: this.clock.now(), level, message, execution: exec?.id ?? 0 });
        if (this.echo) console.log(`[gas ${level}] ${message}`);
      },
    };
    return host;
  }

  /** `new Date()` and `Date.now()` inside the bundle read the runtime's clock. */
  private installClockDate(): void {
    const install = vm.runInContext(
      `(function (now) {
        const D = Date;
        function Date_(...args) {
          if (!new.target) return new D(now()).toString();
          return args.length === 0 ? Reflect.construct(D, [now()], new.target) : Reflect.construct(D, args, new.target);
        }
        Object.setPrototypeOf(Date_, D);
        Date_.prototype = D.prototype;
        Date_.now = function now_() { return now(); };
        Object.defineProperty(Date_, 'name', { value: 'Date' });
        Object.defineProperty(globalThis, 'Date', { value: Date_, writable: true, configurable: true, enumerable: false });
      })`,
      this.context,
    ) as (now: () => number) => void;
    install(() => this.clock.now());
  }

  private installServices(host: Host, latency: number | 'real'): void {
    const g = this.context as Record<string, unknown>;
    const define = (name: string, value: unknown) => {
      g[name] = value;
    };
    const compile = (code: string) => {
      const fn = vm.runInContext(`(function (__data, __esc) { ${code} })`, this.context) as (
        d: object,
        e: (s: unknown) => string,
      ) => string;
      const esc = (s: unknown) =>
        String(s)
          .replace(/&/g, '&amp;')
          .replace(/</g, '&lt;')
          .replace(/>/g, '&gt;')
          .replace(/"/g, '&quot;')
          .replace(/'/g, '&#39;');
      return (data: object) => fn(data, esc);
    };
    define('SpreadsheetApp', wrap(host, new SpreadsheetAppView(this.doc, this.ui, this.toasts)));
    define('PropertiesService', wrap(host, new PropertiesServiceView(host, () => this.props)));
    define('CacheService', wrap(host, new CacheServiceView(host)));
    define('LockService', wrap(host, new LockServiceView(host, this.locks)));
    define(
      'ScriptApp',
      wrap(host, new ScriptAppView(host, () => this.triggers, 'local-script-id')),
    );
    define(
      'UrlFetchApp',
      wrap(
        host,
        new UrlFetchAppView(
          host,
          () => (this.http ??= new SyncHttp()),
          () => this.routes,
          this.fetchLog,
          latency,
          this.fetchTimeoutMs,
          `gas-${randomUUID()}`,
        ),
      ),
    );
    define('Utilities', wrap(host, new UtilitiesView(host)));
    define('Session', wrap(host, new SessionView(host)));
    define('HtmlService', wrap(host, new HtmlServiceView(host, this.distDir, compile)));
    define('Logger', wrap(host, new LoggerView(host)));
    define('console', makeConsole(host));
    define('Charts', { ChartType, Position: ChartsPosition });
  }

  // ---------------------------------------------------------------- executions
  /** Starts an execution; locks it takes are held until `end()`. For interleaving two executions in a test. */
  begin(kind: ExecutionKind, functionName = '(test)'): ExecutionHandle {
    const exec: Execution = {
      id: this.nextExecutionId++,
      kind,
      functionName,
      startedAt: this.clock.now(),
      limitMs: kind === 'simpleTrigger' ? SIMPLE_TRIGGER_LIMIT_MS : EXECUTION_LIMIT_MS,
      user: this.user,
    };
    return new ExecutionHandle(this, exec);
  }

  /** @internal */ _enter(e: Execution): void {
    this.stack.push(e);
  }
  /** @internal */ _leave(e: Execution): void {
    const i = this.stack.lastIndexOf(e);
    if (i >= 0) this.stack.splice(i, 1);
  }
  /** @internal */ _endExecution(e: Execution): void {
    for (const [k, owner] of this.locks) if (owner === e.id) this.locks.delete(k);
  }

  /** @internal */ _invoke(functionName: string, args: unknown[]): unknown {
    const fn = this.resolveFunction(functionName);
    const exec = this.stack[this.stack.length - 1];
    try {
      const result = fn(...args);
      // Apps Script terminates a script at its time limit: catching the error changes nothing
      if (exec?.killed) throw new ExecutionTimeout(EXCEEDED, functionName);
      return result;
    } catch (e) {
      if (e instanceof ExecutionTimeout) throw e;
      if (exec?.killed) throw new ExecutionTimeout(EXCEEDED, functionName);
      const message =
        typeof e === 'object' && e !== null && 'message' in e
          ? String((e as Error).message)
          : String(e);
      if (message === EXCEEDED) throw new ExecutionTimeout(message, functionName);
      throw new GasError(message, functionName);
    }
  }

  private resolveFunction(name: string): (...a: unknown[]) => unknown {
    let target: unknown = this.context;
    for (const part of name.split('.'))
      target = target && (target as Record<string, unknown>)[part];
    if (typeof target !== 'function')
      throw new GasError(`Script function not found: ${name}`, name);
    return target as (...a: unknown[]) => unknown;
  }

  /** Runs one function as one execution of the given kind. */
  run(functionName: string, args: unknown[] = [], kind: ExecutionKind = 'editor'): unknown {
    const h = this.begin(kind, functionName);
    try {
      return h.call(functionName, ...args);
    } finally {
      h.end();
    }
  }

  /** Opening the spreadsheet: the simple trigger onOpen runs in AuthMode.LIMITED. [TRIG-S] [AUTHMODE] */
  open(): void {
    if (typeof (this.context as Record<string, unknown>).onOpen !== 'function') return;
    const source = wrap(this.makeHostForEvents(), new SpreadsheetView(this.doc, this.toasts));
    this.run(
      'onOpen',
      [
        {
          authMode: AuthMode.LIMITED,
          source,
          user: { email: this.user, nickname: this.user.split('@')[0] },
        },
      ],
      'simpleTrigger',
    );
  }

  private makeHostForEvents(): Host {
    return this.doc.host;
  }

  /** A user clicks a menu item: the function named by the item runs with full authorisation. */
  clickMenu(menuCaption: string, itemCaption: string): unknown {
    const menu = this.ui.menus.find((m) => m.caption === menuCaption);
    if (!menu)
      throw new Error(
        `No menu "${menuCaption}" (menus: ${this.ui.menus.map((m) => m.caption).join(', ') || 'none'})`,
      );
    const item = menu.items.find((i) => i.caption === itemCaption);
    if (!item?.functionName) throw new Error(`No item "${itemCaption}" in menu "${menuCaption}"`);
    return this.run(item.functionName, [], 'menu');
  }

  /**
   * google.script.run from a sidebar or dialog: only top-level functions whose names do not end
   * in `_`; arguments and the result must be transport-safe. A Date in the result makes the
   * call fail without calling either handler — reported here as an error. [RUN] [HTML-COMM]
   */
  callFromClient(functionName: string, ...args: unknown[]): unknown {
    const declared = new RegExp(`^[ \\t]*function ${functionName}\\(`, 'm');
    if (functionName.endsWith('_') || !this.sources.some((src) => declared.test(src))) {
      throw new GasError(`Script function not found: ${functionName}`, functionName);
    }
    let copied: unknown[];
    try {
      copied = args.map((a, i) => copyForTransport(a, String(i)));
    } catch (e) {
      throw new GasError((e as Error).message, functionName);
    }
    const result = this.run(functionName, copied, 'client');
    try {
      return copyForTransport(result, 'return value');
    } catch (e) {
      if (e instanceof TransportError)
        throw new GasError(
          `${e.message} (the page receives neither success nor failure)`,
          functionName,
        );
      throw e;
    }
  }

  /**
   * The browser comes back to https://script.google.com/macros/d/ID/usercallback?state=…&code=…:
   * Apps Script checks the state token and runs the function it names with the request. A missing,
   * forged or expired token never reaches the function. [apps-script.md §8]
   */
  userCallback(query: Record<string, string>): { html: string } | { error: string } {
    const state = readStateToken(query.state, this.clock.now());
    if (!state) return { error: 'The state token is invalid or has expired. Please try again.' };
    const parameter = { ...query, ...state.args };
    const out = this.run(
      state.method,
      [
        {
          parameter,
          parameters: Object.fromEntries(Object.entries(parameter).map(([k, v]) => [k, [v]])),
        },
      ],
      'client',
    ) as {
      getContent?: () => string;
    } | null;
    return { html: typeof out?.getContent === 'function' ? out.getContent() : '' };
  }

  // ---------------------------------------------------------------- triggers and time
  triggerList(): readonly TriggerState[] {
    return this.triggers.list;
  }

  /** Fires every clock trigger that is due now, each as its own execution with its event object. */
  runDueTriggers(): number {
    let fired = 0;
    for (const t of [...this.triggers.list]) {
      if (t.nextRun === undefined || t.nextRun > this.clock.now()) continue;
      this.fire(t);
      fired++;
    }
    return fired;
  }

  private fire(t: TriggerState): void {
    const at = t.nextRun ?? this.clock.now();
    const tz = t.schedule?.timeZone ?? this.manifest.timeZone ?? 'UTC';
    const z = zonedParts(at, tz);
    const event = {
      authMode: AuthMode.FULL,
      triggerUid: t.id,
      year: z.year,
      month: z.month,
      'day-of-month': z.day,
      'day-of-week': z.weekday,
      'week-of-year': isoWeek(z.year, z.month, z.day),
      hour: z.hour,
      minute: z.minute,
      second: z.second,
      timezone: tz,
    };
    if (t.schedule?.at !== undefined) t.spent = true;
    t.nextRun = nextRunAfter(t, Math.max(at, this.clock.now()));
    try {
      this.run(t.handler, [event], 'timeTrigger');
    } catch (e) {
      this.triggerFailures.push({
        at: this.clock.now(),
        trigger: t.id,
        handler: t.handler,
        message: (e as Error).message,
      });
    }
  }

  /** Lives through time until `until`, firing clock triggers when they are due (FakeClock only). */
  advanceTo(until: number | string | Date): void {
    const end = new Date(until).getTime();
    const clock = this.clock as Clock & { set?: (t: number) => void };
    if (!clock.set) throw new Error('advanceTo needs a FakeClock');
    for (;;) {
      const due = this.triggers.list
        .filter((t) => t.nextRun !== undefined && t.nextRun <= end)
        .sort((a, b) => a.nextRun! - b.nextRun!)[0];
      if (!due) break;
      if (due.nextRun! > this.clock.now()) clock.set(due.nextRun!);
      this.fire(due);
    }
    if (end > this.clock.now()) clock.set(end);
  }

  // ---------------------------------------------------------------- inspection
  get spreadsheet(): SpreadsheetState {
    return this.doc.state;
  }
  get properties(): PropertyStores {
    return this.props;
  }
  callCounts(): Record<string, number> {
    return Object.fromEntries([...this.calls.entries()].sort());
  }
  /** Calls of one service (prefix before the dot), e.g. 'Range' or 'UrlFetchApp'. */
  countOf(prefix: string): number {
    let n = 0;
    for (const [k, v] of this.calls) if (k === prefix || k.startsWith(`${prefix}.`)) n += v;
    return n;
  }
  resetCounts(): void {
    this.calls = new Map();
  }
  /** The bundle's global names (for checking what the script can see). */
  globalNames(): string[] {
    return vm.runInContext('Object.getOwnPropertyNames(globalThis)', this.context) as string[];
  }
  /** Evaluates an expression in the script's global scope (tests only). */
  evaluate(expression: string): unknown {
    this.sources.push(expression);
    return vm.runInContext(expression, this.context);
  }

  // ---------------------------------------------------------------- persistence
  saveState(): RuntimeState {
    return structuredClone({
      version: 1,
      spreadsheet: this.doc.state,
      properties: this.props,
      triggers: this.triggers,
    });
  }
  loadState(state: RuntimeState): void {
    const s = structuredClone(state);
    this.doc.state = s.spreadsheet;
    this.props = s.properties;
    this.triggers = s.triggers;
  }

  async close(): Promise<void> {
    await this.http?.close();
    this.http = undefined;
  }
}

export class ExecutionHandle {
  private ended = false;
  constructor(
    private readonly rt: GasRuntime,
    readonly execution: Execution,
  ) {}
  get hasUi(): boolean {
    return UI_KINDS.has(this.execution.kind);
  }
  call(functionName: string, ...args: unknown[]): unknown {
    if (this.ended) throw new Error('This execution has ended');
    this.rt._enter(this.execution);
    try {
      return this.rt._invoke(functionName, args);
    } finally {
      this.rt._leave(this.execution);
    }
  }
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.rt._endExecution(this.execution);
  }
}

function isoWeek(y: number, m: number, d: number): number {
  const date = new Date(Date.UTC(y, m - 1, d));
  date.setUTCDate(date.getUTCDate() + 4 - (date.getUTCDay() || 7));
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  return Math.ceil(((date.getTime() - yearStart) / 86400000 + 1) / 7);
}
