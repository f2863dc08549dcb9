/**
 * Words of movers, streaks, records and teams (docs/rules.md §3.6, §3.7) on the rating sheets,
 * in Зал славы and in the posts. Names come in already escaped where a post needs it.
 */
import type { Language } from './messages';
import { dayRange, formatNumber, percent, points, ruPlural, weeks } from './post-texts';

export interface MoverWords {
  name: string;
  places: number;
  measure: 'points' | 'planPercent';
  gain: number;
  before: number;
  now: number;
}

function placesWord(lang: Language, n: number): string {
  if (lang === 'en') return `${n} ${n === 1 ? 'place' : 'places'}`;
  return `${n} ${ruPlural(n, ['место', 'места', 'мест'])}`;
}

function gainWords(lang: Language, m: MoverWords): string {
  if (m.measure === 'planPercent')
    return lang === 'ru'
      ? `темп ${percent(lang, m.before)} → ${percent(lang, m.now)}`
      : `pace ${percent(lang, m.before)} → ${percent(lang, m.now)}`;
  return `+${points(lang, m.gain)}`;
}

/** «Борис: ▲2 места, +69,1 балла» */
export function moverText(lang: Language, m: MoverWords): string {
  return `${m.name}: ▲${placesWord(lang, m.places)}, ${gainWords(lang, m)}`;
}

/** The movers line of a post: the week's and the month's most improved, in one line. */
export function moversLine(
  lang: Language,
  week: MoverWords | null,
  month: MoverWords | null,
): string {
  const parts: string[] = [];
  if (week) parts.push(`${lang === 'ru' ? 'неделя' : 'week'} — ${moverText(lang, week)}`);
  if (month) parts.push(`${lang === 'ru' ? 'месяц' : 'month'} — ${moverText(lang, month)}`);
  return `📈 ${lang === 'ru' ? 'Рывок' : 'Most improved'}: ${parts.join('; ')}`;
}

/** The line under Месяц's table. */
export function moverSheetLine(lang: Language, m: MoverWords, range: string): string {
  return lang === 'ru'
    ? `📈 Рывок месяца: ${moverText(lang, m)} (против тех же дней прошлого месяца: ${range})`
    : `📈 Most improved this month: ${moverText(lang, m)} (against the same days of last month: ${range})`;
}

export interface RoundWords {
  name: string;
  kind: 'onPace' | 'top3';
  weeks: number;
}

/** «🔥 Анна — 5 недель подряд в темпе плана и в тройке»: one person's streaks together. */
export function streaksLine(lang: Language, list: readonly RoundWords[]): string {
  const where = (k: RoundWords['kind']) =>
    lang === 'ru'
      ? k === 'onPace'
        ? 'в темпе плана'
        : 'в тройке'
      : k === 'onPace'
        ? 'on pace'
        : 'in the top 3';
  const inRow = lang === 'ru' ? 'подряд' : 'in a row';
  const and = lang === 'ru' ? ' и ' : ' and ';
  const people = new Map<string, RoundWords[]>();
  for (const s of list) people.set(s.name, [...(people.get(s.name) ?? []), s]);
  const parts = [...people].map(([name, own]) => {
    const sameWeeks = own.every((s) => s.weeks === own[0]?.weeks);
    const text = sameWeeks
      ? `${weeks(lang, own[0]?.weeks ?? 0)} ${inRow} ${own.map((s) => where(s.kind)).join(and)}`
      : own.map((s) => `${weeks(lang, s.weeks)} ${inRow} ${where(s.kind)}`).join(', ');
    return `${name} — ${text}`;
  });
  return `🔥 ${parts.join('; ')}`;
}

/** One team's line: «👥 Регионы — 70,3 · 251 % (2 чел.)» */
export function teamLine(
  lang: Language,
  t: { name: string; points: number; perMember: number; share: number | null; members: number },
  perMember: boolean,
): string {
  const pts = formatNumber(lang, t.points, Math.abs(t.points) >= 100 ? 0 : 1);
  const per = perMember
    ? ` · ${formatNumber(lang, t.perMember)} ${lang === 'ru' ? 'на чел.' : 'per member'}`
    : '';
  const share = t.share === null ? '' : ` · ${percent(lang, t.share)}`;
  const n = lang === 'ru' ? `${t.members} чел.` : `${t.members}`;
  return `👥 ${t.name} — ${pts}${per}${share} (${n})`;
}

export interface TeamTableLabels {
  title: string;
  titlePerMember: string;
  head: {
    place: string;
    team: string;
    points: string;
    plan: string;
    planPct: string;
    pace: string;
    members: string;
    perMember: string;
  };
  unteamed: (names: string) => string;
}

export const TEAM_TABLE: Record<Language, TeamTableLabels> = {
  ru: {
    title: 'Команды (группы amoCRM), места по баллам',
    titlePerMember: 'Команды (группы amoCRM), места по баллам на человека',
    head: {
      place: 'Место',
      team: 'Команда',
      points: 'Баллы',
      plan: 'План',
      planPct: 'План %',
      pace: 'Темп',
      members: 'Человек',
      perMember: 'На человека',
    },
    unteamed: (names) => `Без команды (группа удалена или не найдена): ${names}`,
  },
  en: {
    title: 'Teams (amoCRM groups), ranked by points',
    titlePerMember: 'Teams (amoCRM groups), ranked by points per member',
    head: {
      place: 'Place',
      team: 'Team',
      points: 'Points',
      plan: 'Plan',
      planPct: 'Plan %',
      pace: 'Pace',
      members: 'Members',
      perMember: 'Per member',
    },
    unteamed: (names) => `In no team (group deleted or unknown): ${names}`,
  },
};

/** The status line's words about managers in no team. */
export function unteamedWarning(lang: Language, names: readonly string[], more: number): string {
  const list = names.join(', ') + (more > 0 ? ` (+${more})` : '');
  return lang === 'ru'
    ? `Команды: без команды, так как их группы amoCRM нет в списке групп аккаунта — ${list}.`
    : `Teams: in no team, as their amoCRM group is not among the account's groups — ${list}.`;
}

export interface HallRecordLabels {
  title: string;
  head: [string, string, string, string];
  week: string;
  month: string;
  bestTeam: string;
}

export const HALL_RECORDS: Record<Language, HallRecordLabels> = {
  ru: {
    title: 'Рекорды отдела',
    head: ['Рекорд', 'Баллы', 'Менеджер', 'Когда'],
    week: 'Лучшая неделя',
    month: 'Лучший месяц',
    bestTeam: 'Команда квартала',
  },
  en: {
    title: "The department's records",
    head: ['Record', 'Points', 'Manager', 'When'],
    week: 'Best week',
    month: 'Best month',
    bestTeam: 'Team of the quarter',
  },
};

export function recordWhen(lang: Language, firstDay: string, lastDay: string): string {
  return dayRange(lang, firstDay, lastDay);
}
