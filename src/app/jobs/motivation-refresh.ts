/**
 * Movers, streaks, records and teams added to the ratings a refresh publishes (docs/rules.md
 * §3.6, §3.7), and the status line's words about ranked managers who are in no team.
 */
import { motivationOf, type RatingEngine, type RatingSet, type TeamsMode } from '../../engine';
import type { Language } from '../../i18n/messages';
import { unteamedWarning } from '../../i18n/motivation-texts';

/** names listed on the status line; the rest are counted */
const UNTEAMED_SHOWN = 5;

export function withMotivation(
  engine: RatingEngine,
  ratings: RatingSet,
  mode: TeamsMode | undefined,
  lang: Language,
): RatingSet & { unteamedWarning: string } {
  const motivation = motivationOf(engine, ratings, mode ?? 'points');
  const unteamed = new Map<number, string>();
  for (const t of Object.values(motivation.teams))
    for (const u of t?.unteamed ?? []) unteamed.set(u.userId, u.name);
  const names = [...unteamed.values()].sort((a, b) => a.localeCompare(b, 'ru'));
  return {
    ...ratings,
    motivation,
    unteamedWarning: names.length
      ? unteamedWarning(lang, names.slice(0, UNTEAMED_SHOWN), names.length - UNTEAMED_SHOWN)
      : '',
  };
}
