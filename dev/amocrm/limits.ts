/**
 * amoCRM's request limits per caller (as per IP): at most 7 requests a second, then 429; 20
 * violations within a minute get the caller blocked — every request answers a plain
 * `403 Forbidden` for 10 minutes. A 429 that named a wait holds until the wait ends: asking
 * again sooner is another violation. [docs/services.md §A5; K1, K2]
 */
export interface LimitOptions {
  rateLimit?: number;
  blockAfterViolations?: number;
  blockMs?: number;
}

export type LimitVerdict = 'ok' | 'rate' | 'blocked';

interface Caller {
  recent: number[];
  violations: number[];
  blockedUntil: number;
  /** a 429 asked the caller to wait until then (ms) */
  waitUntil: number;
}

export class CallerLimits {
  private readonly callers = new Map<string, Caller>();
  constructor(private readonly opts: LimitOptions = {}) {}

  /** Counts a request of `caller` at `time` (ms, the caller's clock). */
  check(callerId: string, time: number): LimitVerdict {
    let caller = this.callers.get(callerId);
    if (!caller)
      this.callers.set(
        callerId,
        (caller = { recent: [], violations: [], blockedUntil: 0, waitUntil: 0 }),
      );
    if (time < caller.blockedUntil) return 'blocked';
    const rate = this.opts.rateLimit ?? 7;
    while (caller.recent.length && (caller.recent[0] ?? 0) <= time - 1000) caller.recent.shift();
    caller.recent.push(time);
    if (caller.recent.length <= rate && time >= caller.waitUntil) return 'ok';
    while (caller.violations.length && (caller.violations[0] ?? 0) <= time - 60000)
      caller.violations.shift();
    caller.violations.push(time);
    if (caller.violations.length >= (this.opts.blockAfterViolations ?? 20)) {
      caller.blockedUntil = time + (this.opts.blockMs ?? 10 * 60000);
      return 'blocked';
    }
    return 'rate';
  }

  /** A 429 told the caller to wait `ms` from `time`: until then every request is a violation. */
  holdOff(callerId: string, time: number, ms: number): void {
    const caller = this.callers.get(callerId);
    if (caller) caller.waitUntil = Math.max(caller.waitUntil, time + ms);
    else
      this.callers.set(callerId, {
        recent: [],
        violations: [],
        blockedUntil: 0,
        waitUntil: time + ms,
      });
  }

  reset(): void {
    this.callers.clear();
  }
}
