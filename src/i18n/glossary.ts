/**
 * One name for each figure (docs/rules.md §2.6, §5.1), used by the sheets, the sidebar, the plans
 * dialog and the posts: a head who reads «Закрыто в отказ» on the sheet reads the same words in the
 * norms section and in Telegram. Where amoCRM names the thing itself (its tasks, its deals, the
 * «Встреча» task type) the name is amoCRM's; the counts of the funnel read as counts («Встреч
 * назначено», «Встреч проведено»), not as a stage's name beside a count.
 */
import type { Figure } from '../engine';
import type { Language } from './messages';

export type DetailColumn = Figure | 'lostShare';
export type FigureGroup = 'portfolio' | 'funnel' | 'tasks';

const ru: Record<DetailColumn, string> = {
  totalLeads: 'Всего сделок',
  inWork: 'В работе',
  newLeads: 'Новых сделок',
  meetingsScheduled: 'Встреч назначено',
  meetingsHeld: 'Встреч проведено',
  contractsSigned: 'Договор подписан',
  advancesPaid: 'Аванс внесён',
  won: 'Успешно закрыто',
  lost: 'Закрыто в отказ',
  lostShare: 'Доля отказов',
  totalTasks: 'Всего задач',
  overdueTasks: 'Просрочено задач',
  leadsWithoutTasks: 'Сделок без задач',
};

const en: Record<DetailColumn, string> = {
  totalLeads: 'Total deals',
  inWork: 'In work',
  newLeads: 'New deals',
  meetingsScheduled: 'Meetings scheduled',
  meetingsHeld: 'Meetings held',
  contractsSigned: 'Contract signed',
  advancesPaid: 'Advance paid',
  won: 'Won',
  lost: 'Lost',
  lostShare: 'Lost share',
  totalTasks: 'Total tasks',
  overdueTasks: 'Overdue tasks',
  leadsWithoutTasks: 'Deals without tasks',
};

/** Each figure's name, as a column header and a label. */
export const FIGURE_NAMES: Readonly<Record<Language, Readonly<Record<DetailColumn, string>>>> = {
  ru,
  en,
};

/** The name inside a sentence: «закрыто в отказ: 3», "lost: 3". */
export function figureNameInText(lang: Language, key: DetailColumn): string {
  const name = FIGURE_NAMES[lang][key];
  return name.charAt(0).toLowerCase() + name.slice(1);
}

export const GROUP_NAMES: Readonly<Record<Language, Readonly<Record<FigureGroup, string>>>> = {
  ru: { portfolio: 'Портфель', funnel: 'Воронка', tasks: 'Задачи' },
  en: { portfolio: 'Portfolio', funnel: 'Funnel', tasks: 'Tasks' },
};

/**
 * Names the sheets wrote before the glossary: История's header is read by name, so a sheet
 * written by an earlier version still reads (lower-cased).
 */
export const FORMER_NAMES: ReadonlyArray<[string, DetailColumn]> = [
  ['встреча назначена', 'meetingsScheduled'],
  ['meeting scheduled', 'meetingsScheduled'],
  ['просроченных задач', 'overdueTasks'],
  ['новых заявок', 'newLeads'],
  ['аванс внесен', 'advancesPaid'],
  ['leads without tasks', 'leadsWithoutTasks'],
];
