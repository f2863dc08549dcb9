/**
 * ScriptApp: installable triggers with Apps Script's rules — 20 per user per script, clock
 * triggers built from a frequency (`everyMinutes` only 1/5/10/15/30), `atHour` needing
 * `everyDays`/`everyWeeks`, one-off `after`/`at`. [CTB] [TRIG-I] [Q] §1.2
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Host } from './host';
import { isDate } from './host';
import { isValidTimeZone, zonedParts, zonedToUtc } from './zoned-time';

export const AuthMode = {
  NONE: 'NONE',
  LIMITED: 'LIMITED',
  FULL: 'FULL',
  CUSTOM_FUNCTION: 'CUSTOM_FUNCTION',
} as const;
export const EventType = {
  CLOCK: 'CLOCK',
  ON_OPEN: 'ON_OPEN',
  ON_EDIT: 'ON_EDIT',
  ON_CHANGE: 'ON_CHANGE',
  ON_FORM_SUBMIT: 'ON_FORM_SUBMIT',
} as const;
export const TriggerSource = { SPREADSHEETS: 'SPREADSHEETS', CLOCK: 'CLOCK' } as const;
export const WeekDay = {
  MONDAY: 'MONDAY',
  TUESDAY: 'TUESDAY',
  WEDNESDAY: 'WEDNESDAY',
  THURSDAY: 'THURSDAY',
  FRIDAY: 'FRIDAY',
  SATURDAY: 'SATURDAY',
  SUNDAY: 'SUNDAY',
} as const;
const WEEKDAY_NUM: Record<string, number> = {
  MONDAY: 1,
  TUESDAY: 2,
  WEDNESDAY: 3,
  THURSDAY: 4,
  FRIDAY: 5,
  SATURDAY: 6,
  SUNDAY: 7,
};

export const MAX_TRIGGERS = 20;

export interface ClockSchedule {
  minutes?: number;
  hours?: number;
  days?: number;
  weeks?: number;
  atHour?: number;
  nearMinute?: number;
  weekDay?: string;
  monthDay?: number;
  timeZone: string;
  /** one-off */
  at?: number;
}

export interface TriggerState {
  id: string;
  handler: string;
  eventType: string;
  source: string;
  user: string;
  createdAt: number;
  schedule?: ClockSchedule;
  nextRun?: number;
  /** a one-off clock trigger that has fired stays listed until deleted */
  spent?: boolean;
}

/** Minute within the hour at which a daily/weekly trigger runs: fixed per trigger, like Google's. */
function minuteOf(t: TriggerState): number {
  if (t.schedule?.nearMinute !== undefined) return t.schedule.nearMinute;
  let h = 0;
  for (const ch of t.id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h % 60;
}

export function nextRunAfter(t: TriggerState, after: number): number | undefined {
  const s = t.schedule;
  if (!s) return undefined;
  if (s.at !== undefined) return t.spent ? undefined : s.at;
  if (s.minutes) return after + s.minutes * 60000 - (after % (s.minutes * 60000));
  if (s.hours) return after + s.hours * 3600000 - (after % (s.hours * 3600000));
  const tz = s.timeZone;
  const hour = s.atHour ?? 0;
  const minute = minuteOf(t);
  const p = zonedParts(after, tz);
  for (let i = 0; i < 800; i++) {
    const day = new Date(Date.UTC(p.year, p.month - 1, p.day + i));
    const y = day.getUTCFullYear();
    const m = day.getUTCMonth() + 1;
    const d = day.getUTCDate();
    const at = zonedToUtc(tz, y, m, d, hour, minute);
    if (at <= after) continue;
    const wd = ((day.getUTCDay() + 6) % 7) + 1;
    if (s.weekDay && WEEKDAY_NUM[s.weekDay] !== wd) continue;
    if (s.monthDay && s.monthDay !== d) continue;
    if (s.days && s.days > 1) {
      const created = zonedParts(t.createdAt, tz);
      const dayIndex = Math.round(
        (Date.UTC(y, m - 1, d) - Date.UTC(created.year, created.month - 1, created.day)) / 86400000,
      );
      if (dayIndex % s.days !== 0) continue;
    }
    return at;
  }
  return undefined;
}

export class TriggerView {
  readonly gasType = 'Trigger';
  constructor(readonly _t: TriggerState) {}
  getHandlerFunction(): string {
    return this._t.handler;
  }
  getUniqueId(): string {
    return this._t.id;
  }
  getEventType(): string {
    return this._t.eventType;
  }
  getTriggerSource(): string {
    return this._t.source;
  }
  getTriggerSourceId(): string | null {
    return null;
  }
}

export interface TriggerRegistry {
  list: TriggerState[];
  nextId: number;
  /**
   * each user's trigger runtime in the quota's current window: the window opens with the first
   * trigger run and resets 24 hours later [Q] §1.1 (absent in states saved before it was kept)
   */
  runtime?: Record<string, { windowStart: number; usedMs: number }>;
}

class ClockTriggerBuilderView {
  readonly gasType = 'ClockTriggerBuilder';
  private readonly _s: ClockSchedule;
  constructor(
    private readonly _app: ScriptAppView,
    private readonly _handler: string,
  ) {
    this._s = { timeZone: _app._host.manifest.timeZone ?? 'America/New_York' };
  }
  everyMinutes(n: number): this {
    if (![1, 5, 10, 15, 30].includes(n))
      this._app._host.fail(
        `The value you passed to everyMinutes (${n}) is invalid. Valid values are 1, 5, 10, 15, or 30.`,
      );
    this._s.minutes = n;
    return this;
  }
  everyHours(n: number): this {
    if (![1, 2, 4, 6, 8, 12].includes(n))
      this._app._host.fail(
        `The value you passed to everyHours (${n}) is invalid. Valid values are 1, 2, 4, 6, 8, or 12.`,
      );
    this._s.hours = n;
    return this;
  }
  everyDays(n: number): this {
    this._s.days = n;
    return this;
  }
  everyWeeks(n: number): this {
    this._s.weeks = n;
    return this;
  }
  atHour(h: number): this {
    if (!Number.isInteger(h) || h < 0 || h > 23)
      this._app._host.fail('The hour must be between 0 and 23.');
    this._s.atHour = h;
    return this;
  }
  nearMinute(m: number): this {
    this._s.nearMinute = Math.min(59, Math.max(0, Math.round(m)));
    return this;
  }
  onWeekDay(d: string): this {
    if (!WEEKDAY_NUM[String(d)]) this._app._host.fail('Invalid argument: day');
    this._s.weekDay = String(d);
    return this;
  }
  onMonthDay(d: number): this {
    this._s.monthDay = d;
    return this;
  }
  inTimezone(tz: string): this {
    if (!isValidTimeZone(tz)) this._app._host.fail(`Invalid argument: timezone`);
    this._s.timeZone = tz;
    return this;
  }
  after(ms: number): this {
    this._s.at = this._app._host.clock.now() + Math.max(0, ms);
    return this;
  }
  at(date: Date): this {
    if (!isDate(date))
      this._app._host.fail(
        "The parameters don't match the method signature for ScriptApp.ClockTriggerBuilder.at.",
      );
    this._s.at = date.getTime();
    return this;
  }
  atDate(y: number, m: number, d: number): this {
    this._s.at = zonedToUtc(this._s.timeZone, y, m, d, 0, 0);
    return this;
  }
  create(): TriggerView {
    const s = this._s;
    const set = (...xs: Array<number | string | undefined>) =>
      xs.some((x) => x !== undefined && x !== 0 && x !== '');
    const repeating = set(s.minutes, s.hours, s.days, s.weeks, s.weekDay, s.monthDay);
    if (s.atHour !== undefined && !set(s.days, s.weeks, s.weekDay, s.monthDay)) {
      this._app._host.fail(
        'atHour requires a daily or weekly frequency: add everyDays(n) or everyWeeks(n).',
      );
    }
    if (!repeating && s.at === undefined)
      this._app._host.fail(
        'The clock trigger needs a frequency or a time: use everyMinutes, everyHours, everyDays, everyWeeks, after or at.',
      );
    return this._app._create(this._handler, EventType.CLOCK, TriggerSource.CLOCK, { ...s });
  }
}

class SpreadsheetTriggerBuilderView {
  readonly gasType = 'SpreadsheetTriggerBuilder';
  constructor(
    private readonly _app: ScriptAppView,
    private readonly _handler: string,
  ) {}
  onOpen(): { create(): TriggerView } {
    return this._kind(EventType.ON_OPEN);
  }
  onEdit(): { create(): TriggerView } {
    return this._kind(EventType.ON_EDIT);
  }
  onChange(): { create(): TriggerView } {
    return this._kind(EventType.ON_CHANGE);
  }
  onFormSubmit(): { create(): TriggerView } {
    return this._kind(EventType.ON_FORM_SUBMIT);
  }
  private _kind(type: string) {
    return { create: () => this._app._create(this._handler, type, TriggerSource.SPREADSHEETS) };
  }
}

class TriggerBuilderView {
  readonly gasType = 'TriggerBuilder';
  constructor(
    private readonly _app: ScriptAppView,
    private readonly _handler: string,
  ) {}
  timeBased(): ClockTriggerBuilderView {
    return new ClockTriggerBuilderView(this._app, this._handler);
  }
  forSpreadsheet(_ss: unknown): SpreadsheetTriggerBuilderView {
    return new SpreadsheetTriggerBuilderView(this._app, this._handler);
  }
}

class StateTokenBuilderView {
  readonly gasType = 'StateTokenBuilder';
  private readonly _args: Record<string, string> = {};
  private _method = '';
  private _timeout = 60;
  constructor(private readonly _host: Host) {}
  withMethod(m: string): this {
    this._method = m;
    return this;
  }
  withArgument(k: string, v: string): this {
    this._args[k] = v;
    return this;
  }
  withTimeout(s: number): this {
    this._timeout = s;
    return this;
  }
  /** Signed, so a forged or altered token never reaches the callback (Google encrypts it). */
  createToken(): string {
    const payload = Buffer.from(
      JSON.stringify({
        m: this._method,
        a: this._args,
        e: this._host.clock.now() + Math.min(this._timeout, 3600) * 1000,
      }),
    ).toString('base64url');
    return `${payload}.${signState(payload)}`;
  }
}

const STATE_SECRET = randomBytes(32);

function signState(payload: string): string {
  return createHmac('sha256', STATE_SECRET).update(payload).digest('base64url');
}

/** A state token's method and arguments, or null when it is missing, forged or expired. */
export function readStateToken(
  token: string | undefined,
  now: number,
): { method: string; args: Record<string, string> } | null {
  if (!token) return null;
  const [payload = '', sig = ''] = token.split('.');
  const expected = signState(payload);
  if (sig.length !== expected.length || !timingSafeEqual(Buffer.from(sig), Buffer.from(expected)))
    return null;
  try {
    const p = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      m: string;
      a: Record<string, string>;
      e: number;
    };
    return p.e >= now ? { method: p.m, args: p.a } : null;
  } catch {
    return null;
  }
}

export class ScriptAppView {
  readonly gasType = 'ScriptApp';
  readonly AuthMode = AuthMode;
  readonly EventType = EventType;
  readonly TriggerSource = TriggerSource;
  readonly WeekDay = WeekDay;
  readonly AuthorizationStatus = { REQUIRED: 'REQUIRED', NOT_REQUIRED: 'NOT_REQUIRED' };
  constructor(
    readonly _host: Host,
    private readonly _registry: () => TriggerRegistry,
    private readonly _scriptId: string,
  ) {}
  /** read on every use: loading a saved state replaces the registry */
  private get _reg(): TriggerRegistry {
    return this._registry();
  }
  _create(
    handler: string,
    eventType: string,
    source: string,
    schedule?: ClockSchedule,
  ): TriggerView {
    const user = this._host.current().user;
    if (this._reg.list.filter((t) => t.user === user).length >= MAX_TRIGGERS) {
      this._host.fail(
        'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
      );
    }
    const t: TriggerState = {
      id: String(1000000 + this._reg.nextId++),
      handler,
      eventType,
      source,
      user,
      createdAt: this._host.clock.now(),
      schedule,
    };
    t.nextRun = nextRunAfter(t, t.createdAt);
    this._reg.list.push(t);
    return new TriggerView(t);
  }
  newTrigger(functionName: string): TriggerBuilderView {
    return new TriggerBuilderView(this, String(functionName));
  }
  /** Only the current user's triggers. [TRIG-I] */
  getProjectTriggers(): TriggerView[] {
    const user = this._host.current().user;
    return this._reg.list.filter((t) => t.user === user).map((t) => new TriggerView(t));
  }
  getUserTriggers(_doc: unknown): TriggerView[] {
    return this.getProjectTriggers();
  }
  deleteTrigger(trigger: TriggerView): void {
    this._reg.list = this._reg.list.filter((t) => t.id !== trigger._t.id);
  }
  getScriptId(): string {
    return this._scriptId;
  }
  getOAuthToken(): string {
    return 'ya29.local-runtime-token';
  }
  getService(): { getUrl(): string } {
    return { getUrl: () => `https://script.google.com/macros/s/${this._scriptId}/exec` };
  }
  newStateToken(): StateTokenBuilderView {
    return new StateTokenBuilderView(this._host);
  }
  getAuthorizationInfo(_mode: string): {
    getAuthorizationStatus(): string;
    getAuthorizationUrl(): string | null;
  } {
    return { getAuthorizationStatus: () => 'NOT_REQUIRED', getAuthorizationUrl: () => null };
  }
}
