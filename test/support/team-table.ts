/**
 * A rating sheet's first table (the managers) and the team table under it, as the sheet shows
 * them (docs/rules.md §3.7): what the team tests compare with the emulator's own groups.
 */
import { withoutMarks } from '../oracle/sheets';

export const TOTAL = 'Итого по отделу';
export const TEAMS_TITLE = 'Команды (группы amoCRM)';

export interface SheetTeams {
  /** the team table's title, '' when the sheet has none */
  title: string;
  members: Array<{ name: string; points: number; plan: number | '' }>;
  teams: Array<{
    place: number;
    name: string;
    points: number;
    plan: number | '';
    planPct: number | '';
    members: number;
    perMember: number | '';
  }>;
}

export function readTeams(v: unknown[][]): SheetTeams {
  const members: SheetTeams['members'] = [];
  for (let i = 6; i < v.length && v[i]?.[2] !== TOTAL; i++) {
    const r = v[i] ?? [];
    members.push({
      name: withoutMarks(String(r[2])),
      points: Number(r[3]),
      plan: r[4] as number | '',
    });
  }
  const at = v.findIndex((r) => typeof r[0] === 'string' && r[0].startsWith(TEAMS_TITLE));
  const teams: SheetTeams['teams'] = [];
  for (let i = at + 2; at >= 0 && i < v.length && typeof v[i]?.[0] === 'number'; i++) {
    const r = v[i] ?? [];
    teams.push({
      place: r[0] as number,
      name: String(r[2]),
      points: r[3] as number,
      plan: r[4] as number | '',
      planPct: r[5] as number | '',
      members: r[7] as number,
      perMember: r[9] as number | '',
    });
  }
  return { title: at >= 0 ? (v[at]?.[0] as string) : '', members, teams };
}
