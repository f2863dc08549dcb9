/**
 * The local Apps Script runtime: loads the built bundle (dist/Code.js) and runs each execution (a
 * menu click, a trigger, a sidebar call) in a fresh node:vm context holding only what Apps
 * Script's V8 has, plus in-memory services that behave — and fail — as the real ones do. Only the
 * spreadsheet, properties, cache and triggers carry over from one execution to the next, as in
 * Google. Locks, UI availability, scopes, the method table, protections, the execution time limit
 * (CPU charged), the heap high-water mark and call counts follow Apps Script's rules.
 */
import { allowedValues, validationAt } from './spreadsheet/data-validation';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import vm from 'node:vm';
import { editRefusal, type Sharing } from './access';
import { RealClock, type Clock } from './clock';
import { copyForTransport, TransportError } from './client-transport';
import {
  DEFAULT_CPU_FACTOR,
  EXCEEDED,
  EXECUTION_LIMIT_MS,
  ExecutionHandle,
  ExecutionTimeout,
  GasError,
  MEMORY,
  RuntimeRuleError,
  SIMPLE_TRIGGER_LIMIT_MS,
  type ExecutionRecord,
  type TriggerFailure,
} from './execution';
import type { Execution, ExecutionKind, Host, Manifest } from './host';
import { callKind, DEFAULT_LATENCY_MS, type LatencyTable } from './latency';
import type { LockTable } from './lock';
import type { LogEntry } from './logger';
import { Meter } from './meter';
import { METHOD_TABLE, permissionMessage } from './methods';
import { a1Of, newSpreadsheetState, type SpreadsheetState } from './model';
import type { PropertyStores } from './properties';
import { AuthMode, readStateToken, type TriggerRegistry, type TriggerState } from './script-app';
import { makeServices } from './services';
import { BigQueryEngine, BigQueryState } from '../bigquery/service';
import { SpreadsheetDocument } from './spreadsheet/document';
import type { Toast } from './spreadsheet/spreadsheet';
import { SpreadsheetView } from './spreadsheet/spreadsheet';
import { newUiRecord, type UiRecord } from './spreadsheet/ui';
import type { RuntimeState } from './state';
import { wrap } from './surface';
import { SyncHttp } from './sync-http';
import { TRIGGER_RUNTIME_CONSUMER_MS, TriggerClock } from './triggers';
import type { FetchLogEntry, HostRoute } from './url-fetch';

export {
  DEFAULT_CPU_FACTOR,
  EXECUTION_LIMIT_MS,
  ExecutionHandle,
  ExecutionTimeout,
  GasError,
  RuntimeRuleError,
  SIMPLE_TRIGGER_LIMIT_MS,
};
export type { ExecutionRecord, RuntimeState, TriggerFailure };

export interface RuntimeOptions {
  /** folder with Code.js, appsscript.json and the HTML pages (default: <repo>/dist) */
  distDir?: string;
  clock?: Clock;
  routes?: HostRoute[];
  /** the Google account clicking menus and using the sidebar (default: the owner) */
  user?: string;
  /** the spreadsheet's owner and the people it is shared with */
  sharing?: Partial<Sharing>;
  state?: RuntimeState;
  /** virtual time one HTTP request costs on the clock ('real' = measured) */
  fetchLatencyMs?: number | 'real';
  /** print the bundle's logs to stdout as they happen */
  echoLogs?: boolean;
  /** how long one HTTP request may take before UrlFetchApp throws "Timeout" (Apps Script: about 60 s) */
  fetchTimeoutMs?: number;
  /** the script's CPU time is charged to a simulated clock × this (default 2; 0 charges nothing) */
  cpuFactor?: number;
  /**
   * the trigger owner's daily total trigger runtime (ms): 90 min, a consumer account's, unless
   * given (TRIGGER_RUNTIME_WORKSPACE_MS for Workspace); null: not enforced [Q] §1.1
   */
  triggerRuntimeQuotaMs?: number | null;
  /** measure each execution's heap high-water mark (a collection at start and now and then) */
  measureHeap?: boolean;
  /** an execution holding more heap than this dies with "Exceeded memory limit" */
  heapCeilingMiB?: number;
  /**
   * the BigQuery stand-in to use (shared by runtimes that replay one state, each in a project of
   * its own); the runtime then leaves it open at close
   */
  bigQuery?: BigQueryState;
  /**
   * what each kind of service call costs on a simulated clock (ms; default DEFAULT_LATENCY_MS,
   * dev/gas/latency.ts); NO_LATENCY charges nothing. A real clock lives the real calls.
   */
  serviceLatency?: Partial<LatencyTable>;
}

/** Code.js compiled once per content: every runtime of a test run shares it. */
const scripts = new Map<string, vm.Script>();
function compiled(code: string): vm.Script {
  let s = scripts.get(code);
  if (!s) {
    s = new vm.Script(code, { filename: 'Code.js' });
    scripts.clear();
    scripts.set(code, s);
  }
  return s;
}

export class GasRuntime {
  readonly clock: Clock;
  readonly manifest: Manifest;
  readonly distDir: string;
  readonly ui: UiRecord = newUiRecord();
  readonly toasts: Toast[] = [];
  readonly logs: LogEntry[] = [];
  readonly fetchLog: FetchLogEntry[] = [];
  readonly triggerFailures: TriggerFailure[] = [];
  readonly triggerRuntimeQuotaMs: number | null;
  readonly executions: ExecutionRecord[] = [];
  /** methods called that the runtime's table does not know (each failed its run) */
  readonly unknownMethods = new Set<string>();
  routes: HostRoute[];
  user: string;
  /** the next executions are killed at these service-call numbers (fault injection) */
  readonly killPlan: number[] = [];
  /** sees every service call as it is entered, with the clock's time (benchmarks, diagnostics) */
  callObserver: ((key: string, at: number) => void) | null = null;
  private readonly latency: LatencyTable;
  private readonly latencyOfKey = new Map<string, number>();
  /**
   * Another execution running at the same moment as this one: when the running execution enters
   * the method named `at` (e.g. 'UrlFetchApp.fetch'), `run` is called once, before the method
   * proceeds — as a second person's call landing while the first waits on the network. What `run`
   * starts is a separate execution with its own locks: a lock the first one holds makes it wait
   * its full timeout (the first cannot release while suspended), never pass.
   */
  readonly meanwhile: Array<{ at: string; run: () => void }> = [];
  private calls = new Map<string, number>();
  private readonly script: vm.Script;
  private readonly extraSources: string[] = [];
  private readonly doc: SpreadsheetDocument;
  private props: PropertyStores;
  private triggers: TriggerRegistry;
  private sharingState: Sharing;
  private readonly locks: LockTable = new Map();
  private readonly stack: Execution[] = [];
  private nextExecutionId = 1;
  private http?: SyncHttp;
  private readonly code: string;
  private readonly echo: boolean;
  private readonly cpuFactor: number;
  /** measure each execution's heap high-water mark (may be switched on for one run) */
  measureHeap: boolean;
  private readonly heapCeiling: number | null;
  private readonly globals: Record<string, unknown>;
  private readonly triggerClock: TriggerClock;

  constructor(opts: RuntimeOptions = {}) {
    this.distDir = resolve(opts.distDir ?? join(__dirname, '..', '..', 'dist'));
    const codePath = join(this.distDir, 'Code.js');
    if (!existsSync(codePath))
      throw new Error(`${codePath} not found: run \`npm run build\` first`);
    this.code = readFileSync(codePath, 'utf8');
    this.script = compiled(this.code);
    this.manifest = JSON.parse(
      readFileSync(join(this.distDir, 'appsscript.json'), 'utf8'),
    ) as Manifest;
    this.clock = opts.clock ?? new RealClock();
    this.routes = opts.routes ?? [];
    const owner = opts.sharing?.owner ?? opts.user ?? 'head@sales.example';
    this.user = opts.user ?? owner;
    this.echo = opts.echoLogs ?? false;
    this.cpuFactor = opts.cpuFactor ?? DEFAULT_CPU_FACTOR;
    this.triggerRuntimeQuotaMs =
      opts.triggerRuntimeQuotaMs === undefined
        ? TRIGGER_RUNTIME_CONSUMER_MS
        : opts.triggerRuntimeQuotaMs;
    this.measureHeap = opts.measureHeap ?? false;
    this.heapCeiling = opts.heapCeilingMiB ? opts.heapCeilingMiB * 1024 * 1024 : null;
    this.sharedBigQuery = opts.bigQuery;
    this.latency = { ...DEFAULT_LATENCY_MS, ...opts.serviceLatency };
    const state = opts.state ? structuredClone<RuntimeState>(opts.state) : undefined;
    this.props = state?.properties ?? { script: {}, user: {}, document: {} };
    this.triggers = state?.triggers ?? { list: [], nextId: 1 };
    this.sharingState = state?.sharing ?? {
      owner,
      editors: opts.sharing?.editors ?? [],
      viewers: opts.sharing?.viewers ?? [],
    };
    const host = this.makeHost();
    this.doc = new SpreadsheetDocument(
      host,
      state?.spreadsheet ?? newSpreadsheetState('Рейтинг менеджеров', this.manifest.timeZone),
    );
    this.globals = makeServices({
      host,
      doc: this.doc,
      ui: this.ui,
      toasts: this.toasts,
      properties: () => this.props,
      triggers: () => this.triggers,
      locks: this.locks,
      http: () => (this.http ??= new SyncHttp()),
      routes: () => this.routes,
      fetchLog: this.fetchLog,
      fetchLatencyMs: opts.fetchLatencyMs ?? 'real',
      fetchTimeoutMs: opts.fetchTimeoutMs ?? 60000,
      distDir: this.distDir,
      context: () => this.context,
      bigquery: () =>
        (this.bigQueryState ??= opts.bigQuery ?? new BigQueryState(new BigQueryEngine())),
    });
    this.triggerClock = new TriggerClock(this, () => this.triggers);
  }

  // ---------------------------------------------------------------- host
  private current(): Execution | undefined {
    return this.stack[this.stack.length - 1];
  }

  private makeHost(): Host {
    const host: Host = {
      clock: this.clock,
      manifest: this.manifest,
      fail: (message: string): never => {
        const Err = this.current()?.realm.Error ?? Error;
        const e = new Err(message);
        e.name = 'Exception';
        throw e;
      },
      makeDate: (ms: number) => {
        const D = this.current()?.realm.Date ?? Date;
        return new D(ms);
      },
      current: () => {
        const e = this.current();
        if (!e)
          throw new Error('No execution is running: call the bundle through GasRuntime.run()');
        return e;
      },
      enter: (key: string) => this.enterMethod(host, key),
      exit: () => this.current()?.meter.serviceDone(),
      count: (key: string) => this.calls.set(key, (this.calls.get(key) ?? 0) + 1),
      log: (level: string, message: string) => {
        const exec = this.current();
        this.logs.push({ at: this.clock.now(), level, message, execution: exec?.id ?? 0 });
        if (this.echo) console.log(`[gas ${level}] ${message}`);
      },
      assertCanEdit: (sheetId, area) => {
        const exec = this.current();
        if (!exec) return;
        const sheet =
          sheetId === null ? null : (this.doc.state.sheets.find((s) => s.id === sheetId) ?? null);
        const refusal = editRefusal(this.sharingState, exec.user, sheet, area);
        if (refusal) host.fail(refusal);
      },
      fileEditors: () => [...new Set([this.sharingState.owner, ...this.sharingState.editors])],
      isOwner: (user) => user === this.sharingState.owner,
      sharing: () => this.sharingState,
    };
    return host;
  }

  /** Every service call: counted, checked against the table, metered; the time limit applies. */
  private enterMethod(host: Host, key: string): void {
    this.calls.set(key, (this.calls.get(key) ?? 0) + 1);
    const exec = this.current();
    if (!exec) return;
    exec.calls++;
    exec.meter.where = key;
    const withinMemory = exec.meter.scriptRan();
    this.chargeLatency(exec, key);
    this.callObserver?.(key, this.clock.now());
    if (
      exec.killed ||
      this.clock.now() - exec.startedAt > exec.limitMs ||
      exec.calls === exec.killAtCall
    ) {
      exec.killed = true;
      host.fail(EXCEEDED);
    }
    if (!withinMemory) {
      exec.fatal = MEMORY;
      host.fail(MEMORY);
    }
    const hook = this.meanwhile.findIndex((m) => m.at === key);
    if (hook >= 0) {
      const [m] = this.meanwhile.splice(hook, 1);
      const context = this.context;
      try {
        m?.run();
      } finally {
        this.context = context;
      }
    }
    const rule = METHOD_TABLE.get(key);
    if (!rule) {
      this.unknownMethods.add(key);
      exec.fatal = `${key} is not in the runtime's method table (dev/gas/methods.ts): look up its reference page — Authorization scopes, the contexts it works in, its limits — and add a row before the product calls it.`;
      host.fail(exec.fatal);
    }
    if (rule.refusedIn.includes(exec.kind)) {
      if (key === 'SpreadsheetApp.getUi' || key.startsWith('Ui.'))
        host.fail(
          `Cannot call ${key === 'SpreadsheetApp.getUi' ? 'SpreadsheetApp.getUi()' : key} from this context.`,
        );
      host.fail(
        exec.kind === 'addonNone'
          ? 'Authorization is required to perform that action.'
          : permissionMessage(key, rule),
      );
    }
    const declared = this.manifest.oauthScopes;
    if (declared && rule.scopes.length && !rule.scopes.some((s) => declared.includes(s)))
      host.fail(permissionMessage(key, rule));
  }

  /**
   * The call's round trip to Google, on a simulated clock: charged as it starts, so a call that
   * would end past the time limit is where the execution dies.
   */
  private chargeLatency(exec: Execution, key: string): void {
    let ms = this.latencyOfKey.get(key);
    if (ms === undefined) this.latencyOfKey.set(key, (ms = this.latency[callKind(key)]));
    if (ms <= 0 || !this.clock.advance) return;
    this.clock.advance(ms);
    exec.serviceMs += ms;
  }

  /** the context of the running execution (templates evaluate in it) */
  private context: vm.Context | null = null;

  /** A fresh global scope: V8 builtins, the services, the bundle and any test snippets. */
  private newContext(): { context: vm.Context; realm: Execution['realm'] } {
    const context = vm.createContext({}, { name: 'Apps Script V8' });
    const realm = {
      Error: vm.runInContext('Error', context) as ErrorConstructor,
      Date: vm.runInContext('Date', context) as DateConstructor,
    };
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
      context,
    ) as (now: () => number) => void;
    install(() => Math.floor(this.clock.now()));
    const g = context as Record<string, unknown>;
    for (const [name, value] of Object.entries(this.globals)) g[name] = value;
    this.script.runInContext(context);
    for (const src of this.extraSources) vm.runInContext(src, context);
    return { context, realm };
  }

  // ---------------------------------------------------------------- executions
  /** Starts an execution; locks it takes are held until `end()`. For interleaving two executions in a test. */
  begin(kind: ExecutionKind, functionName = '(test)', user = this.user): ExecutionHandle {
    const { context, realm } = this.newContext();
    const charge = (ms: number) => {
      if (this.cpuFactor > 0 && this.clock.advance) this.clock.advance(ms);
    };
    const exec: Execution = {
      id: this.nextExecutionId++,
      kind,
      functionName,
      startedAt: this.clock.now(),
      limitMs:
        kind === 'simpleTrigger' || kind === 'addonNone'
          ? SIMPLE_TRIGGER_LIMIT_MS
          : EXECUTION_LIMIT_MS,
      user,
      calls: 0,
      killAtCall: this.killPlan.shift(),
      serviceMs: 0,
      realm,
      meter: new Meter(this.cpuFactor, charge, this.heapCeiling, this.measureHeap),
    };
    return new ExecutionHandle(this, exec, context);
  }

  /** @internal */ _enter(e: Execution, context: vm.Context): void {
    if (!this.stack.includes(e)) e.meter.start();
    this.stack.push(e);
    this.context = context;
  }
  /** @internal */ _leave(e: Execution): void {
    const i = this.stack.lastIndexOf(e);
    if (i >= 0) this.stack.splice(i, 1);
    this.context = null;
  }
  /** @internal */ _endExecution(e: Execution, outcome: ExecutionRecord['outcome']): void {
    for (const [k, owner] of this.locks) if (owner === e.id) this.locks.delete(k);
    this.executions.push({
      id: e.id,
      kind: e.kind,
      functionName: e.functionName,
      user: e.user,
      startedAt: e.startedAt,
      endedAt: this.clock.now(),
      calls: e.calls,
      serviceMs: e.serviceMs,
      outcome,
      ...e.meter.finish(),
      ...(this.measureHeap ? { peaks: e.meter.peaks.slice(0, 40) } : {}),
    });
    if (this.executions.length > 5000) this.executions.splice(0, 2500);
  }

  /** @internal */ _invoke(
    context: vm.Context,
    exec: Execution,
    functionName: string,
    args: unknown[],
  ): unknown {
    const fn = this.resolveFunction(context, functionName);
    try {
      const result = fn(...args);
      if (exec.fatal) throw new RuntimeRuleError(exec.fatal);
      // Apps Script terminates a script at its time limit: catching the error changes nothing
      if (exec.killed) throw new ExecutionTimeout(EXCEEDED, functionName);
      return result;
    } catch (e) {
      if (exec.fatal === MEMORY) throw new GasError(MEMORY, functionName);
      if (exec.fatal) throw new RuntimeRuleError(exec.fatal);
      if (e instanceof ExecutionTimeout) throw e;
      if (exec.killed) throw new ExecutionTimeout(EXCEEDED, functionName);
      const message =
        typeof e === 'object' && e !== null && 'message' in e
          ? String((e as Error).message)
          : String(e);
      if (message === EXCEEDED) throw new ExecutionTimeout(message, functionName);
      throw new GasError(message, functionName);
    }
  }

  private resolveFunction(context: vm.Context, name: string): (...a: unknown[]) => unknown {
    let target: unknown = context;
    for (const part of name.split('.'))
      target = target && (target as Record<string, unknown>)[part];
    if (typeof target !== 'function')
      throw new GasError(`Script function not found: ${name}`, name);
    return target as (...a: unknown[]) => unknown;
  }

  /**
   * Runs one function as one execution of the given kind. The editor's Run button passes no
   * arguments and shows no return value [docs/services.md §1.7b]: an 'editor' run takes none and
   * returns undefined.
   */
  run(
    functionName: string,
    args: unknown[] = [],
    kind: ExecutionKind = 'editor',
    user = this.user,
  ): unknown {
    if (kind === 'editor' && args.length)
      throw new Error(
        `The script editor's Run passes no arguments: run ${functionName} as a 'client' or 'menu' execution`,
      );
    const h = this.begin(kind, functionName, user);
    let outcome: ExecutionRecord['outcome'] = 'ok';
    try {
      const result = h.call(functionName, ...args);
      return kind === 'editor' ? undefined : result;
    } catch (e) {
      outcome =
        e instanceof ExecutionTimeout
          ? h.execution.killAtCall !== undefined && h.execution.calls >= h.execution.killAtCall
            ? 'killed'
            : 'timeout'
          : e instanceof GasError && e.message === MEMORY
            ? 'memory'
            : 'error';
      throw e;
    } finally {
      h.end(outcome);
    }
  }

  /** Opening the spreadsheet: the simple trigger onOpen (AuthMode.LIMITED, or NONE for an add-on not yet used). [TRIG-S] [AUTHMODE] */
  open(authMode: 'LIMITED' | 'NONE' = 'LIMITED'): void {
    const source = wrap(this.doc.host, new SpreadsheetView(this.doc, this.toasts));
    this.run(
      'onOpen',
      [
        {
          authMode: AuthMode[authMode],
          source,
          user: { email: this.user, nickname: this.user.split('@')[0] },
        },
      ],
      authMode === 'NONE' ? 'addonNone' : 'simpleTrigger',
    );
  }

  /** A user clicks a menu item: the function named by the item runs with full authorisation. */
  clickMenu(menuCaption: string, itemCaption: string, user = this.user): unknown {
    const menu = this.ui.menus.find((m) => m.caption === menuCaption);
    if (!menu)
      throw new Error(
        `No menu "${menuCaption}" (menus: ${this.ui.menus.map((m) => m.caption).join(', ') || 'none'})`,
      );
    const item = menu.items.find((i) => i.caption === itemCaption);
    if (!item?.functionName) throw new Error(`No item "${itemCaption}" in menu "${menuCaption}"`);
    return this.run(item.functionName, [], 'menu', user);
  }

  /**
   * google.script.run from a sidebar or dialog, on the server side: only top-level functions whose
   * names do not end in `_`; arguments must be transport-safe; a return value holding a Date, a Map
   * or a function reaches the page as null. [RUN] [HTML-COMM] (docs/services.md §4.2)
   */
  callFromClient(functionName: string, ...args: unknown[]): unknown {
    const declared = new RegExp(`^[ \\t]*function ${functionName}\\(`, 'm');
    if (
      functionName.endsWith('_') ||
      ![this.code, ...this.extraSources].some((src) => declared.test(src))
    )
      throw new GasError(`Script function not found: ${functionName}`, functionName);
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
      if (e instanceof TransportError) return null;
      throw e;
    }
  }

  /**
   * The browser comes back to https://script.google.com/macros/d/ID/usercallback?state=…&code=…:
   * Apps Script checks the state token and runs the function it names with the request. A missing,
   * forged or expired token never reaches the function. [docs/services.md §8]
   */
  userCallback(query: Record<string, string>): { html: string } | { error: string } {
    const state = readStateToken(query.state, this.clock.now());
    if (!state) return { error: 'The state token is invalid or has expired. Please try again.' };
    const parameter = { ...query, ...state.args };
    const parameters = Object.fromEntries(Object.entries(parameter).map(([k, v]) => [k, [v]]));
    const out = this.run(state.method, [{ parameter, parameters }], 'callback') as {
      getContent?: () => string;
    } | null;
    return { html: typeof out?.getContent === 'function' ? out.getContent() : '' };
  }

  /**
   * A person types into a cell in the Sheets UI (no script): the file's sharing and the
   * protections decide. Returns null when the edit went in, or the message Sheets shows.
   */
  userEdit(
    user: string,
    sheetName: string,
    row: number,
    col: number,
    value: string,
  ): string | null {
    const sheet = this.doc.state.sheets.find((s) => s.name === sheetName);
    if (!sheet) return `No sheet ${sheetName}`;
    if (this.sharingState.viewers.includes(user) && user !== this.sharingState.owner)
      return 'You can only view this spreadsheet.';
    const refusal = editRefusal(this.sharingState, user, sheet, {
      row,
      col,
      numRows: 1,
      numCols: 1,
    });
    if (refusal) return refusal;
    // a person's entry is checked against the cell's validation, a script's never is
    const rule = validationAt(sheet, row, col);
    if (
      rule &&
      !rule.allowInvalid &&
      value !== '' &&
      !allowedValues(this.doc, rule).includes(value)
    )
      return `The data you entered in cell ${a1Of({ row, col, numRows: 1, numCols: 1 })} violates the data validation rules set on this cell.`;
    const cells = (sheet.rows[row - 1] ??= []);
    cells[col - 1] = { ...(cells[col - 1] ?? {}), v: value };
    return null;
  }

  /** What google.script.run offers a page: top-level function declarations not ending in `_`. */
  publishedFunctions(): string[] {
    if (this.published?.sources === this.extraSources.length) return this.published.names;
    const builtins = new Set(
      vm.runInContext('Object.getOwnPropertyNames(globalThis)', vm.createContext({})) as string[],
    );
    const { context } = this.newContext();
    const g = context as Record<string, unknown>;
    const names = Object.getOwnPropertyNames(g)
      .filter((n) => !builtins.has(n) && !(n in this.globals) && n !== 'Date' && n !== '__gas')
      .filter((n) => typeof g[n] === 'function' && !n.endsWith('_'))
      .sort();
    this.published = { sources: this.extraSources.length, names };
    return names;
  }
  private published: { sources: number; names: string[] } | null = null;

  get sharing(): Sharing {
    return this.sharingState;
  }

  // ---------------------------------------------------------------- triggers and time
  triggerList(): readonly TriggerState[] {
    return this.triggers.list;
  }

  /** Fires every clock trigger that is due now, each as its own execution with its event object. */
  runDueTriggers(): number {
    return this.triggerClock.runDue();
  }

  /** The user's trigger runtime used in the quota's current window (ms) [Q] §1.1. */
  triggerRuntimeUsed(user = this.user): number {
    return this.triggerClock.usageOf(user).usedMs;
  }

  /** Lives through time until `until`, firing clock triggers when they are due (FakeClock only). */
  advanceTo(until: number | string | Date): void {
    this.triggerClock.advanceTo(until);
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
  /** The bundle's global names (what a fresh execution's script sees). */
  globalNames(): string[] {
    return vm.runInContext(
      'Object.getOwnPropertyNames(globalThis)',
      this.newContext().context,
    ) as string[];
  }
  /**
   * Adds a snippet to the script's global scope, as if it were part of the pushed code (tests
   * only): every later execution sees it. Returns its value in a fresh context.
   */
  evaluate(expression: string): unknown {
    this.extraSources.push(expression);
    return vm.runInContext(expression, this.newContext().context);
  }

  // ---------------------------------------------------------------- persistence
  saveState(): RuntimeState {
    return structuredClone({
      version: 1 as const,
      spreadsheet: this.doc.state,
      properties: this.props,
      triggers: this.triggers,
      sharing: this.sharingState,
    });
  }
  loadState(state: RuntimeState): void {
    const s = structuredClone(state);
    this.doc.state = s.spreadsheet;
    this.props = s.properties;
    this.triggers = s.triggers;
    this.sharingState = s.sharing;
  }

  /** the BigQuery stand-in (started on the first BigQuery call of a variant's bundle) */
  bigQueryState: BigQueryState | undefined;
  /** a stand-in given by the caller: it outlives this runtime */
  private readonly sharedBigQuery: BigQueryState | undefined;

  async close(): Promise<void> {
    await this.http?.close();
    this.http = undefined;
    if (this.bigQueryState !== this.sharedBigQuery) await this.bigQueryState?.engine.close();
    this.bigQueryState = undefined;
  }
}
