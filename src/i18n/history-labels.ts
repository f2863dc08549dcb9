/** The history sheet's columns, by the names a person reads in either language. */
import { FLOW_FIGURES } from '../engine';
import { DETAIL_LABELS } from './figure-labels';
import { LANGUAGES, type Language } from './messages';

export const HISTORY_COLUMNS = [
  'day',
  'userId',
  'manager',
  'inWork',
  'openTasks',
  'overdueTasks',
  'leadsWithoutTasks',
  ...FLOW_FIGURES,
] as const;
export type HistoryColumn = (typeof HISTORY_COLUMNS)[number];

const OWN: Record<Language, Record<'day' | 'userId' | 'manager' | 'openTasks', string>> = {
  ru: { day: 'Дата', userId: 'ID', manager: 'Менеджер', openTasks: 'Открытых задач' },
  en: { day: 'Date', userId: 'ID', manager: 'Manager', openTasks: 'Open tasks' },
};

/** Older spellings still read: the sheet may have been written by an earlier version. */
const ALIASES: Array<[string, HistoryColumn]> = [
  ['просроченных задач', 'overdueTasks'],
  ['новых заявок', 'newLeads'],
  ['аванс внесен', 'advancesPaid'],
  ['leads without tasks', 'leadsWithoutTasks'],
];

export function historyLabel(lang: Language, k: HistoryColumn): string {
  const own = OWN[lang];
  return k === 'day' || k === 'userId' || k === 'manager' || k === 'openTasks'
    ? own[k]
    : DETAIL_LABELS[lang][k];
}

/** lower-cased label → column, for both languages */
export function historyHeaders(): Map<string, HistoryColumn> {
  const m = new Map<string, HistoryColumn>();
  for (const lang of LANGUAGES)
    for (const k of HISTORY_COLUMNS) m.set(historyLabel(lang, k).toLowerCase(), k);
  for (const [label, k] of ALIASES) m.set(label, k);
  return m;
}
