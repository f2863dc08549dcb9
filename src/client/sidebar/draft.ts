/**
 * The settings as the sidebar holds them while they are edited: the number inputs' fields hold
 * what was typed (a number, or text that does not parse yet), so they are not settings yet.
 * Saved settings are a draft as they stand; a draft is settings only once the settings schema
 * accepts it (checkSettings — the check the server applies when it saves).
 */
import type { RatingSettings, Settings, TelegramSettings } from '../../settings/schema';
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
