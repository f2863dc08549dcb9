/**
 * The team table under a rating table (docs/rules.md §3.7, §5.1): one row per amoCRM user group
 * with ranked managers — place, team, points, plan, plan %, pace, members (and points per member
 * when teams are ranked by it) — in the leaderboard's columns, so a team's numbers stand under
 * the managers' numbers they add up. A closed period leaves the pace blank, as its table does.
 */
import type { Teams } from '../engine';
import type { Language } from '../i18n/messages';
import { TEAM_TABLE } from '../i18n/motivation-texts';

/** The leaderboard columns a team row fills (the sheet layout maps them to its columns). */
export type TeamColumn =
  'place' | 'manager' | 'points' | 'plan' | 'planPct' | 'pace' | 'change' | 'firstDetail';

const FMT = { int: '#,##0', points: '#,##0.0', percent: '0%', text: '@' } as const;

export interface TeamTableRow {
  cells: Partial<Record<TeamColumn, unknown>>;
  formats: Partial<Record<TeamColumn, string>>;
  kind: 'title' | 'header' | 'team' | 'note';
}

/** The table's rows, cells keyed by the leaderboard column they stand in. */
export function teamTableRows(teams: Teams, lang: Language, closed: boolean): TeamTableRow[] {
  const L = TEAM_TABLE[lang];
  const perMember = teams.rankedBy === 'perMember';
  const out: TeamTableRow[] = [
    { cells: { place: perMember ? L.titlePerMember : L.title }, formats: {}, kind: 'title' },
    {
      cells: {
        place: L.head.place,
        manager: L.head.team,
        points: L.head.points,
        plan: L.head.plan,
        planPct: L.head.planPct,
        pace: closed ? '' : L.head.pace,
        change: L.head.members,
        firstDetail: perMember ? L.head.perMember : '',
      },
      formats: {},
      kind: 'header',
    },
  ];
  for (const t of teams.rows)
    out.push({
      cells: {
        place: t.place,
        manager: t.name,
        points: t.points,
        plan: t.plan ?? '',
        planPct: t.planPercent ?? '',
        pace: closed ? '' : (t.pace ?? ''),
        change: t.memberIds.length,
        firstDetail: perMember ? t.perMember : '',
      },
      formats: {
        place: '0',
        points: FMT.points,
        plan: FMT.int,
        planPct: FMT.percent,
        pace: FMT.percent,
        change: '0',
        firstDetail: FMT.points,
      },
      kind: 'team',
    });
  if (teams.unteamed.length)
    out.push({
      cells: { place: L.unteamed(teams.unteamed.map((u) => u.name).join(', ')) },
      formats: {},
      kind: 'note',
    });
  return out;
}
