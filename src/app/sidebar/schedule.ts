/**
 * The sidebar's «Расписание»: the refresh hour and the schedule on or off. The hour is saved
 * with the settings (checked by their schema, under the settings lock, refused when someone else
 * changed the hour since the page loaded it); the trigger belongs to the person turning it on.
 */
import { t } from '../../i18n/messages';
import { currentLanguage } from '../../settings/language';
import { changeSettings, fieldConflicts } from '../../settings/settings-write';
import { checkSettings } from '../../settings/validate';
import { formatLocal } from '../zone';
import {
  canScheduleHere,
  nextRefreshAt,
  scheduleIsOn,
  scheduleOff,
  scheduleOn,
} from '../jobs/scheduler';
import { settingsOrDefaults } from '../../settings/settings-store';

export interface ScheduleResult {
  ok: boolean;
  on: boolean;
  message: string;
  /** when the schedule is on: the next daily refresh, as the account's clock shows it */
  nextRefresh?: { at: string; local: string; dueNow: boolean };
}

/** `hourVersion`: the version of the hour as the page loaded it (settings/versions.ts). */
export function setSchedule(on: unknown, hour: unknown, hourVersion?: unknown): ScheduleResult {
  const lang = currentLanguage();
  const no = (message: string): ScheduleResult => ({ ok: false, on: scheduleIsOn(), message });
  if (on === true && !canScheduleHere()) return no(t(lang, 'scheduleNotEditor'));
  const base: Record<string, string> =
    typeof hourVersion === 'string' ? { scheduleHour: hourVersion } : {};
  const saved = changeSettings<string | null>(lang, (loaded) => {
    if (!loaded.ok) return { write: null, value: loaded.reason };
    const { changed, conflicts } = fieldConflicts(loaded.settings, { scheduleHour: hour }, base);
    if (conflicts.length) return { write: null, value: t(lang, 'settingsChanged') };
    if (!changed.length) return { write: null, value: null }; // the hour stays as stored
    const checked = checkSettings({ ...loaded.settings, scheduleHour: hour }, lang);
    if (!checked.ok) return { write: null, value: checked.errors[0]?.message ?? '' };
    return { write: checked.settings, value: null };
  });
  if (!saved.locked) return no(t(lang, 'settingsBusy'));
  if (saved.value !== null) return no(saved.value);
  if (on !== true) {
    scheduleOff();
    return { ok: true, on: false, message: t(lang, 'scheduleOff') };
  }
  scheduleOn();
  // the hour as stored now (this call's, or the one kept when it did not change)
  const next = nextRefreshAt(settingsOrDefaults().scheduleHour);
  return {
    ok: true,
    on: true,
    message: t(lang, 'scheduleOn'),
    nextRefresh: {
      at: new Date(next.at).toISOString(),
      local: formatLocal(next.at, next.timeZone),
      dueNow: next.dueNow,
    },
  };
}
