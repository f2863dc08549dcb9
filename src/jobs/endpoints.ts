/** The job entry points: the single clock trigger's handler, and a sync on its own. */
import { FETCH_BUDGET_MS, runSync } from '../amocrm/sync';
import type { SyncRecord } from '../amocrm/sync-record';
import { t } from '../i18n/messages';
import { currentLanguage } from '../settings/language';
import { loadSettings, writeSettings } from '../settings/settings-store';
import { checkSettings } from '../settings/validate';
import { withJobLock } from './job-lock';
import { canScheduleHere, scheduleIsOn, scheduleOff, scheduleOn, tick } from './scheduler';

/** The single clock trigger's handler: decides what is due. */
export function schedulerTick(_e?: GoogleAppsScript.Events.TimeDriven): void {
  tick();
}

/** Pulls what changed in amoCRM (or continues an unfinished sync), under the job lock. */
export function syncAmo(): SyncRecord | { outcome: 'skipped'; message: string } {
  const startedAt = Date.now();
  const r = withJobLock(() => runSync({ deadline: startedAt + FETCH_BUDGET_MS }).record);
  return r.ran ? r.value : { outcome: 'skipped', message: t(currentLanguage(), 'busy') };
}

export interface ScheduleResult {
  ok: boolean;
  on: boolean;
  message: string;
}

/**
 * The sidebar's «Расписание»: the refresh hour and the schedule on or off. The hour is saved
 * with the settings (checked by their schema); the trigger belongs to the person turning it on.
 */
export function setSchedule(on: unknown, hour: unknown): ScheduleResult {
  const lang = currentLanguage();
  const loaded = loadSettings(lang);
  if (!loaded.ok) return { ok: false, on: scheduleIsOn(), message: loaded.reason };
  const checked = checkSettings({ ...loaded.settings, scheduleHour: hour }, lang);
  if (!checked.ok)
    return { ok: false, on: scheduleIsOn(), message: checked.errors[0]?.message ?? '' };
  if (on === true && !canScheduleHere())
    return { ok: false, on: scheduleIsOn(), message: t(lang, 'scheduleNotEditor') };
  writeSettings(checked.settings);
  if (on === true) scheduleOn();
  else scheduleOff();
  return {
    ok: true,
    on: on === true,
    message: t(lang, on === true ? 'scheduleOn' : 'scheduleOff'),
  };
}
