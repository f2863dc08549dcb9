/**
 * Time-driven triggers firing on the runtime's clock: each as its own execution, run as the
 * person who created it, with the event object Apps Script passes. [TRIG-I] [CTB]
 */
import { AuthMode, nextRunAfter, type TriggerRegistry, type TriggerState } from './script-app';
import type { Clock } from './clock';
import { zonedParts } from './zoned-time';

/**
 * Apps Script's daily total runtime of time-driven triggers per user: 90 min on a consumer
 * account, 6 h on Workspace [Q] §1.1. Past it, every trigger run fails at its start with this
 * message in the executions log and the failure e-mail, until the window's 24 hours are over.
 */
export const TRIGGER_RUNTIME_CONSUMER_MS = 90 * 60 * 1000;
export const TRIGGER_RUNTIME_WORKSPACE_MS = 6 * 3600 * 1000;
export const TRIGGER_QUOTA_MESSAGE = 'Service using too much computer time for one day';
const QUOTA_WINDOW_MS = 24 * 3600 * 1000;

interface Runner {
  readonly clock: Clock;
  /** the trigger owner's daily trigger runtime (ms); null: not enforced */
  readonly triggerRuntimeQuotaMs: number | null;
  readonly manifest: { timeZone?: string };
  readonly triggerFailures: Array<{
    at: number;
    trigger: string;
    handler: string;
    message: string;
  }>;
  run(functionName: string, args: unknown[], kind: 'timeTrigger', user: string): unknown;
}

function isoWeek(y: number, m: number, d: number): number {
  const date = new Date(Date.UTC(y, m - 1, d));
  date.setUTCDate(date.getUTCDate() + 4 - (date.getUTCDay() || 7));
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  return Math.ceil(((date.getTime() - yearStart) / 86400000 + 1) / 7);
}

export class TriggerClock {
  constructor(
    private readonly rt: Runner,
    private readonly registry: () => TriggerRegistry,
  ) {}

  /** Fires every clock trigger that is due now. */
  runDue(): number {
    let fired = 0;
    for (const t of [...this.registry().list]) {
      if (t.nextRun === undefined || t.nextRun > this.rt.clock.now()) continue;
      this.fire(t);
      fired++;
    }
    return fired;
  }

  private fire(t: TriggerState): void {
    const clock = this.rt.clock;
    const at = t.nextRun ?? clock.now();
    const tz = t.schedule?.timeZone ?? this.rt.manifest.timeZone ?? 'UTC';
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
    t.nextRun = nextRunAfter(t, Math.max(at, clock.now()));
    const usage = this.usageOf(t.user);
    const quota = this.rt.triggerRuntimeQuotaMs;
    if (quota !== null && usage.usedMs >= quota) {
      // the run never starts: it is logged as failed at its start, as Google's e-mail lists it
      this.rt.triggerFailures.push({
        at: clock.now(),
        trigger: t.id,
        handler: t.handler,
        message: TRIGGER_QUOTA_MESSAGE,
      });
      return;
    }
    const started = clock.now();
    try {
      this.rt.run(t.handler, [event], 'timeTrigger', t.user);
    } catch (e) {
      this.rt.triggerFailures.push({
        at: clock.now(),
        trigger: t.id,
        handler: t.handler,
        message: (e as Error).message,
      });
    } finally {
      usage.usedMs += clock.now() - started;
    }
  }

  /** The user's trigger runtime in the current quota window (a new window after 24 hours). */
  usageOf(user: string): { windowStart: number; usedMs: number } {
    const reg = this.registry();
    const all = (reg.runtime ??= {});
    const now = this.rt.clock.now();
    let u = all[user];
    if (!u || now >= u.windowStart + QUOTA_WINDOW_MS)
      all[user] = u = { windowStart: now, usedMs: 0 };
    return u;
  }

  /** Lives through time until `until`, firing clock triggers when they are due (FakeClock only). */
  advanceTo(until: number | string | Date): void {
    const end = new Date(until).getTime();
    const clock = this.rt.clock as Clock & { set?: (t: number) => void };
    if (!clock.set) throw new Error('advanceTo needs a FakeClock');
    for (;;) {
      const due = this.registry()
        .list.filter((t) => t.nextRun !== undefined && t.nextRun <= end)
        .sort((a, b) => (a.nextRun ?? 0) - (b.nextRun ?? 0))[0];
      if (!due) break;
      if ((due.nextRun ?? 0) > clock.now()) clock.set(due.nextRun ?? 0);
      this.fire(due);
    }
    if (end > clock.now()) clock.set(end);
  }
}
