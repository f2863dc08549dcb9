/**
 * The sidebar's «Расписание»: the refresh hour and the schedule on or off. The hour is saved
 * with the settings (checked by their schema); the trigger belongs to the person turning it on.
 */
import { t } from '../../i18n/messages';
import { currentLanguage } from '../../settings/language';
import { loadSettings, writeSettings } from '../../settings/settings-store';
import { checkSettings } from '../../settings/validate';
import { canScheduleHere, scheduleIsOn, scheduleOff, scheduleOn } from '../jobs/scheduler';

export interface ScheduleResult {
  ok: boolean;
  on: boolean;
  message: string;
}

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
