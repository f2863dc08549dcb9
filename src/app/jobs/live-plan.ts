/**
 * The refresh during the day and the trigger-runtime budget (docs/rules.md §4.7.1), pure: which
 * hours refresh, what a day of them costs, and how sparse they must be to stay inside the day's
 * trigger runtime with margin. No Apps Script here: src/app/jobs/live.ts keeps the record.
 *
 * Apps Script gives time-driven triggers 90 minutes of runtime a day on a consumer account and
 * 6 hours on Workspace; past it every trigger run fails at its start ("Service using too much
 * computer time for one day") until the quota's 24 hours are over — the daily refresh and the
 * posts too. Apps Script does not say which kind of account runs the trigger (an e-mail outside
 * gmail.com may still be a consumer account), so the smaller budget is assumed.
 */

export const TRIGGER_BUDGET_MS = 90 * 60 * 1000;
/** the share of the budget the product plans to use: the rest is margin for a slow day */
export const BUDGET_SHARE = 0.8;
/** a refresh never measured yet is assumed to cost this (a 100 k-deal account's, rounded up) */
export const UNMEASURED_REFRESH_MS = 60 * 1000;
/** a tick with nothing to do (reads a few properties) */
export const UNMEASURED_IDLE_MS = 1000;
/** the record keeps the runs of the last 24 hours: the quota's window */
export const RECORD_WINDOW_MS = 24 * 3600 * 1000;

export type RunKind = 'live' | 'daily' | 'idle';

/** One tick of the trigger: when it started (ms), how long it ran (ms), what it did. */
export interface TickRun {
  at: number;
  ms: number;
  kind: RunKind;
}

export interface LiveWindow {
  on: boolean;
  from: number;
  to: number;
}

/** The local hours that refresh at a cadence of every `step`-th hour: from, from+step, … ≤ to. */
export function liveHours(w: Pick<LiveWindow, 'from' | 'to'>, step: number): number[] {
  const out: number[] = [];
  for (let h = w.from; h <= w.to; h += step) out.push(h);
  return out;
}

const mean = (xs: readonly number[]): number | null =>
  xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null;

/** The typical cost of each kind of tick: the mean of its last five runs (a slow one weighs in). */
export function typicalCosts(runs: readonly TickRun[]): Record<RunKind, number> {
  const last = (k: RunKind) =>
    mean(
      runs
        .filter((r) => r.kind === k)
        .slice(-5)
        .map((r) => r.ms),
    );
  const live = last('live');
  const daily = last('daily');
  return {
    // a live refresh is a daily one without the posts: each stands in for the other until measured
    live: live ?? daily ?? UNMEASURED_REFRESH_MS,
    daily: daily ?? live ?? UNMEASURED_REFRESH_MS,
    idle: last('idle') ?? UNMEASURED_IDLE_MS,
  };
}

/** What 24 hourly ticks cost: the daily refresh, the live ones at this cadence, the rest idle. */
export function projectedDayMs(runs: readonly TickRun[], w: LiveWindow, step: number): number {
  const cost = typicalCosts(runs);
  const live = w.on ? liveHours(w, step).length : 0;
  return cost.daily + live * cost.live + Math.max(0, 23 - live) * cost.idle;
}

export interface Cadence {
  /** refresh every `step`-th hour of the window; null: live refreshes cannot fit today */
  step: number | null;
  projectedMs: number;
  budgetMs: number;
}

/**
 * The densest cadence whose projected day stays within BUDGET_SHARE of the budget: every hour
 * if it fits, else every 2nd, 3rd … hour; none at all when even one refresh a day does not fit.
 */
export function cadenceFor(
  runs: readonly TickRun[],
  w: LiveWindow,
  budgetMs = TRIGGER_BUDGET_MS,
): Cadence {
  const limit = budgetMs * BUDGET_SHARE;
  const span = w.to - w.from + 1;
  for (let step = 1; step <= span; step++) {
    const projectedMs = projectedDayMs(runs, w, step);
    if (projectedMs <= limit) return { step, projectedMs, budgetMs };
  }
  return { step: null, projectedMs: projectedDayMs(runs, w, span + 1), budgetMs };
}

/** Runtime used within the quota's window before `now`. */
export function usedMs(runs: readonly TickRun[], now: number): number {
  return runs.filter((r) => r.at > now - RECORD_WINDOW_MS).reduce((s, r) => s + r.ms, 0);
}

/**
 * Whether a live refresh is due at a local hour: the setting is on, the hour is in the window and
 * on the cadence, this hour has not refreshed yet, and what the last 24 hours used leaves room
 * for one more refresh within the planned share (the rest of the budget stays for the daily one).
 */
export function liveDue(args: {
  window: LiveWindow;
  localHour: number;
  /** 'YYYY-MM-DD HH' of now, and of the last live refresh */
  hourKey: string;
  lastLiveHourKey: string | null;
  cadence: Cadence;
  runs: readonly TickRun[];
  now: number;
}): boolean {
  const { window: w, localHour, cadence } = args;
  if (!w.on || cadence.step === null) return false;
  if (localHour < w.from || localHour > w.to) return false;
  if ((localHour - w.from) % cadence.step !== 0) return false;
  if (args.lastLiveHourKey === args.hourKey) return false;
  const cost = typicalCosts(args.runs);
  return usedMs(args.runs, args.now) + cost.live <= cadence.budgetMs * BUDGET_SHARE;
}

/**
 * The local hour of the next refresh during the day: this hour when it is on the cadence and
 * has not refreshed yet (the coming hourly tick does it), else the next hour on the cadence, or
 * null when none is left today — the next refresh is then the daily one the status bar shows.
 */
export function nextLiveHour(
  w: LiveWindow,
  step: number | null,
  localHour: number,
  refreshedThisHour: boolean,
): number | null {
  if (!w.on || step === null) return null;
  return (
    liveHours(w, step).find((h) => h > localHour || (h === localHour && !refreshedThisHour)) ?? null
  );
}
