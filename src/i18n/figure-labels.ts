/** Column headers and their notes: what each figure means (PRODUCT.md §2). */
import type { Figure } from '../engine/figures';
import type { Language } from './messages';

export const FIGURE_LABELS: Record<Language, Record<Figure, [string, string]>> = {
  ru: {
    totalLeads: ['Всего заявок', 'Сделки менеджера, открытые хотя бы в какой-то момент периода.'],
    inWork: [
      'Сделок в работе',
      'Открытые сделки (не успешные и не отказные) на конец периода; для текущего периода — сейчас.',
    ],
    newLeads: ['Новых заявок', 'Сделки, созданные в периоде.'],
    meetingsScheduled: [
      'Встреча назначена',
      'Сделки, впервые дошедшие до этапа «Встреча назначена» в периоде.',
    ],
    meetingsHeld: [
      'Встреч проведено',
      'Сделки, впервые дошедшие до этапа «Встреча проведена» (или выполненные задачи «Встреча» — по настройке).',
    ],
    contractsSigned: [
      'Договор подписан',
      'Сделки, впервые дошедшие до этапа «Договор подписан» в периоде.',
    ],
    advancesPaid: ['Аванс внесен', 'Сделки, впервые дошедшие до этапа «Аванс внесен» в периоде.'],
    won: ['Успешно закрыто', 'Сделки, переведённые в «Успешно реализовано» в периоде.'],
    lost: ['Закрыто в отказ', 'Сделки, переведённые в «Закрыто и не реализовано» в периоде.'],
    totalTasks: [
      'Всего задач',
      'Открытые задачи на конец периода плюс задачи, выполненные в периоде.',
    ],
    overdueTasks: ['Просроченных задач', 'Открытые задачи со сроком в прошлом на конец периода.'],
    leadsWithoutTasks: [
      'Сделок без задач',
      'Открытые сделки без открытой задачи на конец периода.',
    ],
  },
  en: {
    totalLeads: [
      'Total leads',
      'Leads of the manager that were open at some moment of the period.',
    ],
    inWork: [
      'Deals in work',
      'Open leads (not won or lost) at the end of the period; now for a running period.',
    ],
    newLeads: ['New leads', 'Leads created in the period.'],
    meetingsScheduled: [
      'Meeting scheduled',
      'Leads that first reached "meeting scheduled" in the period.',
    ],
    meetingsHeld: [
      'Meetings held',
      'Leads that first reached "meeting held" (or completed meeting tasks, by setting).',
    ],
    contractsSigned: [
      'Contract signed',
      'Leads that first reached "contract signed" in the period.',
    ],
    advancesPaid: ['Advance paid', 'Leads that first reached "advance paid" in the period.'],
    won: ['Won', 'Leads moved to won in the period.'],
    lost: ['Lost', 'Leads moved to lost in the period.'],
    totalTasks: ['Total tasks', 'Open tasks at the end of the period plus tasks completed in it.'],
    overdueTasks: ['Overdue tasks', 'Open tasks past their deadline at the end of the period.'],
    leadsWithoutTasks: [
      'Leads without tasks',
      'Open leads with no open task at the end of the period.',
    ],
  },
};

export const OTHER_LABELS: Record<
  Language,
  {
    place: string;
    medal: string;
    manager: string;
    points: string;
    plan: string;
    planPct: string;
    change: string;
    pointsNote: string;
    planNote: string;
    changeNote: string;
  }
> = {
  ru: {
    place: 'Место',
    medal: '',
    manager: 'Менеджер',
    points: 'Баллы',
    plan: 'План',
    planPct: 'План %',
    change: 'Изм.',
    pointsNote:
      'Сумма: показатель × баллы за этап (новая заявка, встречи, договор, аванс, успех) по таблице баллов, действовавшей в день события.',
    planNote:
      'План в баллах: месячный; для недели — пропорционально дням, для квартала — сумма месяцев.',
    changeNote: 'Изменение места относительно предыдущего периода того же вида.',
  },
  en: {
    place: 'Place',
    medal: '',
    manager: 'Manager',
    points: 'Points',
    plan: 'Plan',
    planPct: 'Plan %',
    change: 'Δ',
    pointsNote:
      'Sum of figure × points per stage, with the point values in force on the day of each event.',
    planNote: 'Plan in points: monthly; prorated by days for a week, summed for a quarter.',
    changeNote: 'Change of place against the previous period of the same kind.',
  },
};
