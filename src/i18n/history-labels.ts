/** The history sheet's columns, by the names a person reads in either language. */
import type { Language } from './messages';

export const HISTORY_COLUMNS = [
  'day',
  'userId',
  'manager',
  'inWork',
  'openTasks',
  'overdueTasks',
  'leadsWithoutTasks',
  'newLeads',
  'meetingsScheduled',
  'meetingsHeld',
  'contractsSigned',
  'advancesPaid',
  'won',
  'lost',
] as const;
export type HistoryColumn = (typeof HISTORY_COLUMNS)[number];

const LABELS: Record<Language, Record<HistoryColumn, string>> = {
  ru: {
    day: 'Дата',
    userId: 'ID',
    manager: 'Менеджер',
    inWork: 'В работе',
    openTasks: 'Открытых задач',
    overdueTasks: 'Просрочено задач',
    leadsWithoutTasks: 'Сделок без задач',
    newLeads: 'Новых сделок',
    meetingsScheduled: 'Встреча назначена',
    meetingsHeld: 'Встреч проведено',
    contractsSigned: 'Договор подписан',
    advancesPaid: 'Аванс внесён',
    won: 'Успешно закрыто',
    lost: 'Закрыто в отказ',
  },
  en: {
    day: 'Date',
    userId: 'ID',
    manager: 'Manager',
    inWork: 'In work',
    openTasks: 'Open tasks',
    overdueTasks: 'Overdue tasks',
    leadsWithoutTasks: 'Deals without tasks',
    newLeads: 'New deals',
    meetingsScheduled: 'Meeting scheduled',
    meetingsHeld: 'Meetings held',
    contractsSigned: 'Contract signed',
    advancesPaid: 'Advance paid',
    won: 'Won',
    lost: 'Lost',
  },
};

/** Older spellings still read: the sheet may have been written by an earlier version. */
const ALIASES: Array<[string, HistoryColumn]> = [
  ['просроченных задач', 'overdueTasks'],
  ['новых заявок', 'newLeads'],
  ['аванс внесен', 'advancesPaid'],
  ['leads without tasks', 'leadsWithoutTasks'],
];

/** lower-cased label → column, for both languages */
export function historyHeaders(): Map<string, HistoryColumn> {
  const m = new Map<string, HistoryColumn>();
  for (const lang of ['ru', 'en'] as const)
    for (const k of HISTORY_COLUMNS) m.set(LABELS[lang][k].toLowerCase(), k);
  for (const [label, k] of ALIASES) m.set(label, k);
  return m;
}
export function historyLabel(lang: Language, k: HistoryColumn): string {
  return LABELS[lang][k];
}
