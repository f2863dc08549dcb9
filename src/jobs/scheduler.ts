/**
 * One clock trigger, hourly (the Editor add-on limit), whose handler decides what is due: the
 * daily refresh once the configured local hour has come, continuing an unfinished sync, and
 * publishing again after an interrupted or deferred publish. Idempotent: a second tick on the
 * same day finds nothing to do. [PRODUCT.md §4; apps-script.md §3.1, §5.3]
 */
import { findSheet } from '../sheets/our-sheets';
import { canWrite } from '../sheets/protection';
import { settingsOrDefaults } from '../settings/settings-store';
import { publishPending } from './publish';
import { ACCOUNT_TZ_KEY, DEFERRED_KEY, refresh, type RefreshResult } from './refresh';

export const TICK_HANDLER = 'schedulerTick';
const DONE_KEY = 'schedule.lastDailyRefresh';

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

export interface TickReport {
  ran: Array<'refresh'>;
  refresh?: RefreshResult;
}

export function tick(now = Date.now()): TickReport {
  const props = PropertiesService.getDocumentProperties();
  const settings = settingsOrDefaults();
  const tz = props.getProperty(ACCOUNT_TZ_KEY) ?? Session.getScriptTimeZone();
  const today = Utilities.formatDate(new Date(now), tz, 'yyyy-MM-dd');
  const hour = Number(Utilities.formatDate(new Date(now), tz, 'H'));
  const unfinished =
    findSheet('staging') !== null || publishPending() || props.getProperty(DEFERRED_KEY) !== null;
  const dailyDue = hour >= settings.scheduleHour && props.getProperty(DONE_KEY) !== today;
  if (!unfinished && !dailyDue) return { ran: [] };
  const result = refresh(() => undefined, now);
  if (result.outcome === 'published' && dailyDue) props.setProperty(DONE_KEY, today);
  return { ran: ['refresh'], refresh: result };
}
