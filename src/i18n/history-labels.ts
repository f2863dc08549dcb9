/** The history sheet's columns, by the names a person reads in either language. */
import { FLOW_FIGURES } from '../engine';
import { FIGURE_NAMES, FORMER_NAMES } from './glossary';
import { LANGUAGES, type Language } from './messages';

/**
 * The columns in the order a new sheet gets them: the day and the manager's name first, the
 * amoCRM user id (what the rows are keyed by, so a renamed user keeps their history) last. A
 * sheet written in another order is still read by its header names.
 */
export const HISTORY_COLUMNS = [
  'day',
  'manager',
  'inWork',
  'openTasks',
  'overdueTasks',
  'leadsWithoutTasks',
  ...FLOW_FIGURES,
  'userId',
] as const;
export type HistoryColumn = (typeof HISTORY_COLUMNS)[number];

const OWN: Record<Language, Record<'day' | 'userId' | 'manager' | 'openTasks', string>> = {
  ru: { day: 'Дата', userId: 'ID', manager: 'Менеджер', openTasks: 'Открытых задач' },
  en: { day: 'Date', userId: 'ID', manager: 'Manager', openTasks: 'Open tasks' },
};

/** The note on the id column's header: why a head sees a number there. */
export const HISTORY_ID_NOTE: Record<Language, string> = {
  ru: 'ID пользователя в amoCRM: по нему строки остаются за менеджером, даже если его имя изменится.',
  en: "The user's id in amoCRM: the rows stay with the manager even if the name changes.",
};

const isColumn = (k: string): k is HistoryColumn =>
  (HISTORY_COLUMNS as readonly string[]).includes(k);

export function historyLabel(lang: Language, k: HistoryColumn): string {
  const own = OWN[lang];
  return k === 'day' || k === 'userId' || k === 'manager' || k === 'openTasks'
    ? own[k]
    : FIGURE_NAMES[lang][k];
}

/** lower-cased label → column, for both languages */
export function historyHeaders(): Map<string, HistoryColumn> {
  const m = new Map<string, HistoryColumn>();
  for (const lang of LANGUAGES)
    for (const k of HISTORY_COLUMNS) m.set(historyLabel(lang, k).toLowerCase(), k);
  // a sheet written by an earlier version: its header still reads
  for (const [label, k] of FORMER_NAMES) if (isColumn(k)) m.set(label, k);
  return m;
}
