/**
 * The post lines of movers, streaks and teams (docs/rules.md §3.6, §3.7, §7): used sparingly —
 * at most one line of movers and one of streaks, in the Monday post, and one line per team under
 * a rating's team total. Names are one clean line, shortened and escaped like the rows' names.
 */
import type { Rating, RatingSet, Teams } from '../engine';
import type { Language } from '../i18n/messages';
import { moversLine, streaksLine, teamLine } from '../i18n/motivation-texts';
import { roundStreaks } from '../engine';
import { cleanName, POST_NAME_MAX, shortName } from '../shapes/user-names';
import { escapeHtml } from './html';

const name = (n: string) => escapeHtml(shortName(cleanName(n), POST_NAME_MAX));

/** streaks named on the one line: the longest ones */
const STREAKS_NAMED = 2;

/** The teams of a rating of the set (matched by the rating itself), or null. */
function teamsOf(ratings: RatingSet, r: Rating): Teams | null {
  const t = ratings.motivation?.teams;
  if (!t) return null;
  if (r === ratings.week) return t.week;
  if (r === ratings.month) return t.month;
  if (r === ratings.previousMonth) return t.previousMonth;
  if (r === ratings.quarter) return t.quarter;
  if (r === ratings.previousQuarter) return t.previousQuarter;
  if (r === ratings.lastQuarter) return t.lastQuarter;
  return null;
}

/** One line per team, in the teams' order; a closed period shows plan %, a running one pace. */
export function teamLines(lang: Language, ratings: RatingSet, r: Rating): string[] {
  const teams = teamsOf(ratings, r);
  if (!teams) return [];
  return teams.rows.map((t) =>
    teamLine(
      lang,
      {
        name: name(t.name),
        points: t.points,
        perMember: t.perMember,
        share: r.period.final ? t.planPercent : t.pace,
        members: t.memberIds.length,
      },
      teams.rankedBy === 'perMember',
    ),
  );
}

/** The Monday post's movers line and streaks line (none when there is nothing to say). */
export function mondayLines(lang: Language, ratings: RatingSet): string[] {
  const m = ratings.motivation;
  if (!m) return [];
  const out: string[] = [];
  const mover = (x: typeof m.movers.week) => (x ? { ...x, name: name(x.name) } : null);
  if (m.movers.week || m.movers.month)
    out.push(moversLine(lang, mover(m.movers.week), mover(m.movers.month)));
  const round = roundStreaks(m.streaks).slice(0, STREAKS_NAMED);
  if (round.length)
    out.push(
      streaksLine(
        lang,
        round.map((s) => ({ ...s, name: name(s.name) })),
      ),
    );
  return out;
}
