/**
 * The notes that define each figure and the leaderboard's headers (docs/rules.md §2.6, §5.1); the
 * figures' names are in the glossary.
 */
import type { DetailColumn } from './glossary';
import type { Language } from './messages';

export interface NoteContext {
  tasksScope: 'all' | 'selectedPipelines';
  meetingsHeldFrom: 'stage' | 'tasks';
}

/** What each figure means, as the header's note says it. */
export function figureNote(lang: Language, col: DetailColumn, ctx: NoteContext): string {
  const allTasks = ctx.tasksScope === 'all';
  if (lang === 'en') {
    const tasks = allTasks
      ? "All of the manager's tasks, on any deal, contact or company — as amoCRM counts them."
      : 'Only tasks on deals of the selected pipelines (a setting).';
    const notes: Record<DetailColumn, string> = {
      totalLeads: 'Deals of the manager that were open at some moment of the period.',
      inWork: 'Open deals (not won or lost) at the end of the period; now for a running period.',
      newLeads: 'Deals created in the period.',
      meetingsScheduled: 'Deals that first reached "meeting scheduled" in the period.',
      meetingsHeld:
        ctx.meetingsHeldFrom === 'tasks'
          ? 'Completed tasks of the "Meeting" type in the period.'
          : 'Deals that first reached "meeting held" in the period.',
      contractsSigned: 'Deals that first reached "contract signed" in the period.',
      advancesPaid: 'Deals that first reached "advance paid" in the period.',
      won: 'Deals moved to won in the period.',
      lost: 'Deals moved to lost in the period.',
      lostShare: 'Lost ÷ (won + lost) in the period: the share the norm judges.',
      totalTasks: `Open tasks at the end of the period plus tasks completed in it. ${tasks}`,
      overdueTasks: `Open tasks past their deadline at the end of the period. ${tasks}`,
      leadsWithoutTasks: 'Open deals with no open task at the end of the period.',
    };
    return notes[col];
  }
  const tasks = allTasks
    ? 'Все задачи менеджера — по сделкам, контактам и компаниям, как их считает amoCRM.'
    : 'Только задачи по сделкам выбранных воронок (так задано в настройках).';
  const notes: Record<DetailColumn, string> = {
    totalLeads: 'Сделки менеджера, открытые хотя бы в какой-то момент периода.',
    inWork:
      'Открытые сделки (не успешные и не отказные) на конец периода; для текущего периода — сейчас.',
    newLeads: 'Сделки, созданные в периоде.',
    meetingsScheduled: 'Сделки, впервые дошедшие до этапа «Встреча назначена» в периоде.',
    meetingsHeld:
      ctx.meetingsHeldFrom === 'tasks'
        ? 'Выполненные в периоде задачи типа «Встреча».'
        : 'Сделки, впервые дошедшие до этапа «Встреча проведена» в периоде.',
    contractsSigned: 'Сделки, впервые дошедшие до этапа «Договор подписан» в периоде.',
    advancesPaid: 'Сделки, впервые дошедшие до этапа «Аванс внесён» в периоде.',
    won: 'Сделки, переведённые в «Успешно реализовано» в периоде.',
    lost: 'Сделки, переведённые в «Закрыто и не реализовано» в периоде.',
    lostShare: 'Отказы ÷ (успешные + отказы) за период: именно эту долю проверяет норма.',
    totalTasks: `Открытые задачи на конец периода плюс задачи, выполненные в периоде. ${tasks}`,
    overdueTasks: `Открытые задачи со сроком в прошлом на конец периода. ${tasks}`,
    leadsWithoutTasks: 'Открытые сделки без открытой задачи на конец периода.',
  };
  return notes[col];
}

export interface LeaderLabels {
  place: string;
  manager: string;
  points: string;
  plan: string;
  planPct: string;
  pace: string;
  change: string;
  pointsNote: string;
  planNote: string;
  planPctNote: string;
  paceNote: string;
  changeNote: string;
}

export const LEADER_LABELS: Record<Language, LeaderLabels> = {
  ru: {
    place: 'Место',
    manager: 'Менеджер',
    points: 'Баллы',
    plan: 'План',
    planPct: 'План %',
    pace: 'Темп',
    change: 'Изм.',
    pointsNote:
      'Сумма: показатель × баллы за этап (новая сделка, встречи, договор, аванс, успех) по таблице баллов, действовавшей в день события.',
    planNote:
      'План в баллах: месячный; для недели — пропорционально рабочим дням, для квартала — сумма месяцев; отпуск и разгон его уменьшают.',
    planPctNote:
      'Баллы ÷ план на весь период. Для закрытого периода (неделя, итоги) цвет ставится по этому столбцу.',
    paceNote:
      'Баллы ÷ план, пропорциональный прошедшим рабочим дням (отпуск и больничный не в счёт): так видно, успевает ли менеджер к концу периода. Цвет ставится по этому столбцу; у закрытого периода (неделя, итоги) темпа нет — он равен «План %».',
    changeNote: 'Изменение места относительно предыдущего периода того же вида.',
  },
  en: {
    place: 'Place',
    manager: 'Manager',
    points: 'Points',
    plan: 'Plan',
    planPct: 'Plan %',
    pace: 'Pace',
    change: 'Δ',
    pointsNote:
      'Sum of figure × points per stage, with the point values in force on the day of each event.',
    planNote:
      'Plan in points: monthly; prorated by working days for a week, summed for a quarter; absences and a ramp lower it.',
    planPctNote:
      'Points ÷ the plan for the whole period. A closed period (the week, a final) is coloured by this column.',
    paceNote:
      'Points ÷ the plan prorated to the working days elapsed (absences aside): is the manager on track for the period? The colour judges this column; a closed period (the week, a final) has no pace — it would equal "Plan %".',
    changeNote: 'Change of place against the previous period of the same kind.',
  },
};

/** The figure plans' columns (docs/rules.md §3.2.6): group header, header note, a cell's note. */
export const FIGURE_PLAN_LABELS: Record<
  Language,
  { group: string; note: (figure: string) => string }
> = {
  ru: {
    group: 'Планы по показателям',
    note: (figure) =>
      `План по показателю «${figure}» на период: месячный; для недели — пропорционально рабочим дням, для квартала — сумма месяцев. Ячейка показателя окрашена по его темпу, как баллы.`,
  },
  en: {
    group: 'Plans per figure',
    note: (figure) =>
      `The plan for "${figure}" in the period: monthly; prorated by working days for a week, summed for a quarter. The figure's cell is coloured by its pace, like the points.`,
  },
};

/** The note on a figure cell that has a plan: the plan, plan % and pace. */
export function figurePlanCellNote(
  lang: Language,
  plan: number,
  percent: number | null,
  pace: number | null,
): string {
  // as the plan column shows it (one decimal)
  const n = (x: number) =>
    x.toLocaleString(lang === 'ru' ? 'ru-RU' : 'en-US', { maximumFractionDigits: 1 });
  const p = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)} %`);
  return lang === 'ru'
    ? `План: ${n(plan)} · выполнено ${p(percent)} · темп ${p(pace)}`
    : `Plan: ${n(plan)} · done ${p(percent)} · pace ${p(pace)}`;
}
