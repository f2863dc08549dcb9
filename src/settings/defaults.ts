/**
 * Default settings (the case's points and norms) and the first mapping of the account's stages by
 * the case's stage names, used until the sales head maps them by hand.
 */
import { defaultEngineSettings } from '../engine';
import { STAGE_NAMES } from '../i18n/stage-names';
import type { AmoPipeline } from '../shapes/amocrm';
import { LIVE_OFF, SETTINGS_VERSION, type Settings } from './schema';

export function defaultSettings(): Settings {
  const r = defaultEngineSettings();
  return {
    version: SETTINGS_VERSION,
    rating: {
      ...r,
      norms: {
        maxOverdueTasks: null,
        maxLost: null,
        maxLostShare: null,
        maxLeadsWithoutTasks: null,
      },
      // Russia's production calendar as published; no absences, no ramps
      calendarDays: [],
      absences: [],
      ramps: [],
      teams: 'points',
    },
    scheduleHour: 7,
    language: 'ru',
    autoMapped: true,
    explainSheet: true,
    editors: [],
    telegram: {
      daily: true,
      monday: true,
      quarter: true,
      headDigest: true,
      workingDaysOnly: false,
      hour: 9,
      // a phone shows about ten lines without scrolling; stored settings keep their own choice
      publicTopN: 10,
      groupChatId: null,
      headChatId: null,
    },
    live: { ...LIVE_OFF },
  };
}

/** Maps the case's stages by name in the main pipeline (until someone maps them by hand). */
export function autoMap(settings: Settings, pipelines: AmoPipeline[]): Settings {
  if (!settings.autoMapped) return settings;
  const main = pipelines.find((p) => p.is_main && !p.is_archive) ?? pipelines[0];
  if (!main) return settings;
  const ref = (names: readonly string[]) => {
    const st = main._embedded.statuses.find((s) => names.includes(s.name.trim().toLowerCase()));
    return st ? [{ pipelineId: main.id, statusId: st.id }] : [];
  };
  return {
    ...settings,
    rating: {
      ...settings.rating,
      pipelineIds: [main.id],
      stages: {
        meetingsScheduled: ref(STAGE_NAMES.meetingsScheduled),
        meetingsHeld: ref(STAGE_NAMES.meetingsHeld),
        contractsSigned: ref(STAGE_NAMES.contractsSigned),
        advancesPaid: ref(STAGE_NAMES.advancesPaid),
      },
    },
  };
}
