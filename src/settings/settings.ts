/**
 * The product's settings (everything but the amoCRM secrets): what the rating counts, plans and
 * norms, the schedule and the language. Defaults come from the case; what depends on the account
 * (pipelines, stage mapping) is filled from amoCRM's pipelines by the stage names of the case.
 */
import type { AmoPipeline } from '../amocrm/api-types';
import { CASE_POINTS, defaultEngineSettings, type EngineSettings } from '../engine/engine-settings';

export interface Settings {
  version: 1;
  rating: EngineSettings;
  /** local hour (account time zone) of the daily refresh */
  scheduleHour: number;
  language: 'ru' | 'en';
  /** the account's pipelines and stages are mapped automatically until the sales head changes them */
  autoMapped: boolean;
}

export function defaultSettings(): Settings {
  return {
    version: 1,
    rating: defaultEngineSettings(),
    scheduleHour: 7,
    language: 'ru',
    autoMapped: true,
  };
}

const STAGE_NAMES = {
  meetingsScheduled: ['встреча назначена', 'meeting scheduled'],
  meetingsHeld: ['встреча проведена', 'meeting held'],
  contractsSigned: ['договор подписан', 'contract signed'],
  advancesPaid: ['аванс внесен', 'аванс внесён', 'advance paid'],
} as const;

/** Maps the case's stages by name in the main pipeline (used until someone maps them by hand). */
export function autoMap(settings: Settings, pipelines: AmoPipeline[]): Settings {
  if (!settings.autoMapped || !pipelines.length) return settings;
  const main = pipelines.find((p) => p.is_main) ?? pipelines[0];
  const stages = {
    meetingsScheduled: [],
    meetingsHeld: [],
    contractsSigned: [],
    advancesPaid: [],
  } as EngineSettings['stages'];
  for (const [fig, names] of Object.entries(STAGE_NAMES) as Array<
    [keyof typeof STAGE_NAMES, readonly string[]]
  >) {
    const st = main._embedded.statuses.find((s) => names.includes(s.name.trim().toLowerCase()));
    if (st) stages[fig] = [{ pipelineId: main.id, statusId: st.id }];
  }
  return { ...settings, rating: { ...settings.rating, pipelineIds: [main.id], stages } };
}

export { CASE_POINTS };
