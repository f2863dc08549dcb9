/**
 * One clock trigger, hourly (the Editor add-on limit), whose handler decides what is due: the
 * daily refresh once the configured local hour has come, continuing an unfinished sync, and
 * publishing again after an interrupted or deferred publish. Idempotent: a second tick on the
 * same day finds nothing to do. [docs/rules.md §4.7; docs/services.md §3.1, §5.3]
 */
import { findSheet } from '../../workbook/our-sheets';
import { canWrite } from '../../sheets/protection';
import { settingsOrDefaults } from '../../settings/settings-store';
import { publishPending } from './publish';
import { loadBot } from '../../telegram/bot-store';
import type { PostingReport } from '../../telegram/poster';
import { postDue } from './posting';
import { withJobLock } from './job-lock';
import { cadenceNow, LIVE_LAST_KEY, readRuns, recordRun } from './live';
import { cadenceFor, nextLiveHour } from './live-plan';
import { liveDue, type RunKind } from './live-plan';
import {
  ACCOUNT_TZ_KEY,
  DAILY_DONE_KEY,
  DEFERRED_KEY,
  POSTING_BUDGET_MS,
  refresh,
  trackTelegram,
  type RefreshResult,
} from './refresh';

export const TICK_HANDLER = 'schedulerTick';

/** Whether the person turning the schedule on could write the rating from their trigger. */
export function canScheduleHere(): boolean {
  return (['week', 'month', 'quarter'] as const).every((role) => {
    const sh = findSheet(role);
    return !sh || canWrite(sh);
  });
}

export function scheduleOn(): void {
  scheduleOff();
  ScriptApp.newTrigger(TICK_HANDLER).timeBased().everyHours(1).create();
}

export function scheduleOff(): void {
  for (const tr of ScriptApp.getProjectTriggers())
    if (tr.getHandlerFunction() === TICK_HANDLER) ScriptApp.deleteTrigger(tr);
}

export function scheduleIsOn(): boolean {
  return ScriptApp.getProjectTriggers().some((tr) => tr.getHandlerFunction() === TICK_HANDLER);
}

/**
 * When the schedule's next daily refresh is due, by the same rule as `tick`: already due today
 * (the hour has come, today's refresh not done) → the next hourly tick, at the latest an hour
 * from now; otherwise the next time the local clock shows the hour. [docs/rules.md §4.7]
 */
export function nextRefreshAt(
  hour: number,
  now = Date.now(),
): { at: number; dueNow: boolean; timeZone: string } {
  const props = PropertiesService.getDocumentProperties();
  const tz = props.getProperty(ACCOUNT_TZ_KEY) ?? Session.getScriptTimeZone();
  const today = Utilities.formatDate(new Date(now), tz, 'yyyy-MM-dd');
  const localHour = Number(Utilities.formatDate(new Date(now), tz, 'H'));
  const doneToday = props.getProperty(DAILY_DONE_KEY) === today;
  if (localHour >= hour && !doneToday) return { at: now + HOUR_MS, dueNow: true, timeZone: tz };
  // quarter-hour steps: zones are offset from UTC by whole quarters, and a day may have 23–25 hours
  const step = 15 * 60 * 1000;
  for (let t = Math.ceil((now + 1) / step) * step; t < now + 2 * DAY_MS; t += step)
    if (
      Utilities.formatDate(new Date(t), tz, 'H:mm') === `${hour}:00` &&
      !(doneToday && Utilities.formatDate(new Date(t), tz, 'yyyy-MM-dd') === today)
    )
      return { at: t, dueNow: false, timeZone: tz };
  return { at: now + DAY_MS, dueNow: false, timeZone: tz }; // a zone that skips the hour (a DST gap) every day
}

/**
 * The next refresh during the day as the status bar shows it: the local hour whose tick will
 * run it (the cadence as the record stands, told to nobody), or 'none' when none is left today;
 * null when the setting or the schedule is off.
 */
export function nextLiveRefresh(
  live: { on: boolean; from: number; to: number },
  now = Date.now(),
): { hour: number | null } | null {
  if (!live.on) return null;
  const props = PropertiesService.getDocumentProperties();
  const tz = props.getProperty(ACCOUNT_TZ_KEY) ?? Session.getScriptTimeZone();
  const hour = Number(Utilities.formatDate(new Date(now), tz, 'H'));
  const hourKey = Utilities.formatDate(new Date(now), tz, 'yyyy-MM-dd HH');
  const step = cadenceFor(readRuns(), live).step;
  return { hour: nextLiveHour(live, step, hour, props.getProperty(LIVE_LAST_KEY) === hourKey) };
}

const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;

export interface TickReport {
  ran: Array<'refresh' | 'live' | 'post'>;
  refresh?: RefreshResult;
  posting?: PostingReport;
}

/**
 * One tick: the daily refresh (or the continuation of an unfinished one) when due; else, with
 * «обновлять в течение дня» on, a live refresh at the hours of the window and cadence (no posts);
 * then the posts whose hour has come. Every tick's duration is recorded: the trigger budget is
 * kept from what the ticks really cost (docs/rules.md §4.7.1).
 */
export function tick(now = Date.now()): TickReport {
  const startedAt = Date.now();
  let kind: RunKind = 'idle';
  try {
    const r = tickOnce(now);
    kind = r.kind;
    return r.report;
  } finally {
    recordRun({ at: startedAt, ms: Date.now() - startedAt, kind });
  }
}

function tickOnce(now: number): { report: TickReport; kind: RunKind } {
  const props = PropertiesService.getDocumentProperties();
  const settings = settingsOrDefaults();
  const tz = props.getProperty(ACCOUNT_TZ_KEY) ?? Session.getScriptTimeZone();
  const today = Utilities.formatDate(new Date(now), tz, 'yyyy-MM-dd');
  const hour = Number(Utilities.formatDate(new Date(now), tz, 'H'));
  const unfinished =
    findSheet('staging') !== null || publishPending() || props.getProperty(DEFERRED_KEY) !== null;
  const dailyDue = hour >= settings.scheduleHour && props.getProperty(DAILY_DONE_KEY) !== today;
  const report: TickReport = { ran: [] };
  let kind: RunKind = 'idle';
  if (unfinished || dailyDue) {
    const result = refresh(() => undefined, now);
    report.ran.push('refresh');
    report.refresh = result;
    kind = 'daily';
    if (result.outcome === 'published') return { report, kind }; // the refresh posted what was due
  } else {
    const hourKey = `${today} ${String(hour).padStart(2, '0')}`;
    const cadence = cadenceNow(settings.live, settings.language, tz);
    const due = liveDue({
      window: settings.live,
      localHour: hour,
      hourKey,
      lastLiveHourKey: props.getProperty(LIVE_LAST_KEY),
      cadence,
      runs: readRuns(),
      now,
    });
    if (due) {
      // marked first: a refresh that fails is not retried within the hour (the next hour is close)
      props.setProperty(LIVE_LAST_KEY, hourKey);
      const result = refresh(() => undefined, now, { live: true });
      report.ran.push('live');
      report.refresh = result;
      kind = 'live';
    }
  }
  // the posting hour may come after the refresh hour, or Telegram asked to wait: post now
  if (loadBot()) {
    const posted = withJobLock(() => postDue(now + POSTING_BUDGET_MS, now));
    if (posted.ran) {
      report.ran.push('post');
      report.posting = posted.value;
      trackTelegram();
    }
  }
  return { report, kind };
}
