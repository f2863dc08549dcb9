/** Texts of the «Разбор» sheet. */
import type { Language } from './messages';

export interface ExplainLabels {
  title: string;
  note: string;
  head: string[];
  /** the note on the «Когда» header */
  whenNote: string;
  /** a task's cell: 'Задача #7 · сделка «Окна»' */
  task: (id: number, lead: string | null) => string;
  skipped: string;
  /** the line after a figure's items when the source listed only the first of them */
  more: (count: number) => string;
  /** the «Период» cell of each period's rows */
  period: { week: string; month: string; quarter: string };
}

const EXPLAIN_LABELS: Record<Language, ExplainLabels> = {
  ru: {
    title: 'Разбор рейтинга',
    note: 'Сделки и задачи за каждым числом листов «Неделя», «Месяц» и «Квартал» — в том числе просроченные задачи и сделки без задач, из-за которых ячейки красные. Название сделки — ссылка на неё в amoCRM. «В работе», «Всего сделок» и «Всего задач» смотрите в самой amoCRM. Лист можно отфильтровать по периоду и менеджеру.',
    head: ['Период', 'Место', 'Менеджер', 'Показатель', 'Сделка или задача', 'Когда', 'Баллы'],
    whenNote: 'Когда сделка дошла до этапа или задача выполнена; у просроченной задачи — её срок.',
    task: (id, lead) => (lead ? `Задача #${id} · сделка «${lead}»` : `Задача #${id}`),
    skipped: 'этап пропущен',
    more: (count) => `… и ещё ${count}`,
    period: { week: 'Неделя', month: 'Месяц', quarter: 'Квартал' },
  },
  en: {
    title: 'Rating breakdown',
    note: 'The deals and tasks behind every number of the "Week", "Month" and "Quarter" sheets — including the overdue tasks and the deals without tasks that turn cells red. A deal\'s name links to it in amoCRM. "In work", "Total deals" and "Total tasks" are best seen in amoCRM itself. Filter the sheet by period and manager.',
    head: ['Period', 'Place', 'Manager', 'Figure', 'Deal or task', 'When', 'Points'],
    whenNote:
      'When the deal reached the stage or the task was completed; for an overdue task, its deadline.',
    task: (id, lead) => (lead ? `Task #${id} · deal "${lead}"` : `Task #${id}`),
    skipped: 'stage skipped',
    more: (count) => `… and ${count} more`,
    period: { week: 'Week', month: 'Month', quarter: 'Quarter' },
  },
};

export function explainLabels(lang: Language): ExplainLabels {
  return EXPLAIN_LABELS[lang];
}
