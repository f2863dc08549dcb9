/**
 * The settings as the sidebar holds them while they are edited: the number inputs' fields hold
 * what was typed (a number, or text that does not parse yet), so they are not settings yet.
 * Saved settings are a draft as they stand; a draft is settings only once the settings schema
 * accepts it (checkSettings — the check the server applies when it saves).
 */
import { MAPPED_STAGES, perKey } from '../../engine';
import { valueAt } from '../../settings/field-paths';
import type { RatingSettings, Settings, TelegramSettings } from '../../settings/schema';
import type { FieldError } from '../../settings/validate';
import type { Typed } from '../common/fields';

/** a group of number inputs, each field as typed */
type TypedFields<T extends Record<string, number | null>> = { [K in keyof T]: Typed<T[K]> };

export type DraftRating = Omit<RatingSettings, 'norms' | 'thresholds' | 'bottomWatch'> & {
  norms: TypedFields<RatingSettings['norms']>;
  thresholds: TypedFields<RatingSettings['thresholds']>;
  bottomWatch: TypedFields<RatingSettings['bottomWatch']>;
};

export type DraftTelegram = Omit<TelegramSettings, 'publicTopN'> & {
  publicTopN: Typed<TelegramSettings['publicTopN']>;
};

export type Draft = Omit<Settings, 'rating' | 'telegram'> & {
  rating: DraftRating;
  telegram: DraftTelegram;
};

/**
 * Whether every field of a group as typed is a number: after the schema has accepted the group,
 * this lets the page use it as the numbers it then is.
 */
export function allNumbers<K extends string>(
  keys: readonly K[],
  typed: Record<K, Typed<number>>,
): typed is Record<K, number> {
  return keys.every((k) => typeof typed[k] === 'number');
}

/** The stage mapping of unticked pipelines, by pipeline id (kept by the page, not saved). */
export type ParkedStages = ReadonlyMap<number, RatingSettings['stages']>;

/**
 * Ticks or unticks a pipeline in the draft: unticking takes its stages out of the mapping (the
 * schema refuses a stage of an unselected pipeline) and parks them; ticking it again brings them
 * back. Returns the parked mappings after the change.
 */
export function tickPipeline(
  draft: Pick<Draft, 'rating'>,
  id: number,
  on: boolean,
  parked: ParkedStages,
): ParkedStages {
  const r = draft.rating;
  const rest = new Map(parked);
  if (on) {
    if (!r.pipelineIds.includes(id)) r.pipelineIds = [...r.pipelineIds, id];
    const back = parked.get(id);
    if (back)
      for (const f of MAPPED_STAGES)
        r.stages[f] = [...r.stages[f].filter((ref) => ref.pipelineId !== id), ...back[f]];
    rest.delete(id);
    return rest;
  }
  r.pipelineIds = r.pipelineIds.filter((p) => p !== id);
  const own = perKey(MAPPED_STAGES, (f) => r.stages[f].filter((ref) => ref.pipelineId === id));
  if (MAPPED_STAGES.some((f) => own[f].length)) rest.set(id, own);
  for (const f of MAPPED_STAGES) r.stages[f] = r.stages[f].filter((ref) => ref.pipelineId !== id);
  return rest;
}

/** 'rating.stages.won[0]' as valueAt reads it: 'rating.stages.won.0' */
function dotted(field: string): string {
  return field.replace(/\[(\d+)\]/g, '.$1');
}

/**
 * The server's field errors still true after the draft changed from `before` to `after`: an
 * error goes once its field no longer holds what was refused (one about the whole save, field
 * '', stays until the next save).
 */
export function errorsStillTrue(
  errors: FieldError[],
  before: unknown,
  after: unknown,
): FieldError[] {
  const same = (e: FieldError) =>
    e.field === '' ||
    JSON.stringify(valueAt(before, dotted(e.field))) ===
      JSON.stringify(valueAt(after, dotted(e.field)));
  return errors.every(same) ? errors : errors.filter(same);
}
