/** Texts of the «Разбор» sheet. */
import type { Language } from './messages';

export interface ExplainLabels {
  title: string;
  note: string;
  head: string[];
  task: string;
  skipped: string;
}

const EXPLAIN_LABELS: Record<Language, ExplainLabels> = {
  ru: {
    title: 'Разбор рейтинга за неделю',
    note: 'Сделки и задачи за каждым числом листа «Неделя», со ссылкой на сделку в amoCRM и баллами. «В работе», «Всего сделок» и «Всего задач» смотрите в самой amoCRM. Лист можно отфильтровать по менеджеру.',
    head: ['Место', 'Менеджер', 'Показатель', 'Сделка или задача', 'Ссылка', 'Когда', 'Баллы'],
    task: 'Задача',
    skipped: 'этап пропущен',
  },
  en: {
    title: 'Rating breakdown for the week',
    note: 'The deals and tasks behind every number of the "Week" sheet, with a link to the deal in amoCRM and its points. "In work", "Total deals" and "Total tasks" are best seen in amoCRM itself. Filter the sheet by manager.',
    head: ['Place', 'Manager', 'Figure', 'Deal or task', 'Link', 'When', 'Points'],
    task: 'Task',
    skipped: 'stage skipped',
  },
};

export function explainLabels(lang: Language): ExplainLabels {
  return EXPLAIN_LABELS[lang];
}
