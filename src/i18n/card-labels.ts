/** Texts of «Карточка менеджера» (docs/rules.md §5.4). */
import type { Language } from './messages';

export interface CardLabels {
  sheet: string;
  dataSheet: string;
  title: string;
  manager: string;
  hint: (asOf: string) => string;
  help: string;
  periodsHead: [string, string, string, string];
  period: { week: string; month: string; quarter: string };
  trendHead: [string, string, string];
  figuresHead: [string, string, string];
  actionsHead: string;
  leader: string;
  /** '22,0 балла до 1-го места': points to one decimal, as the sheets show them */
  toNext: (points: number, place: number) => string;
  noPlan: string;
  overdueTask: (id: number, lead: string | null, due: string) => string;
  leadWithoutTask: (lead: string) => string;
  more: (n: number, sheet: string) => string;
  nothingToDo: string;
  chartTitle: string;
  dataHead: string[];
  notRated: string;
}

const plural = (n: number, one: string, few: string, many: string) => {
  const m10 = n % 10;
  const m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
  return many;
};

/** Points to one decimal with the word's form: a fraction takes «балла», a whole number its plural. */
function ruPoints(x: number): string {
  const r = Math.round(x * 10) / 10;
  const text = r.toFixed(1).replace('.', ',');
  return `${text} ${Number.isInteger(r) ? plural(r, 'балл', 'балла', 'баллов') : 'балла'}`;
}

const CARD_LABELS: Record<Language, CardLabels> = {
  ru: {
    sheet: 'Карточка менеджера',
    dataSheet: 'Карточка (данные)',
    title: 'Карточка менеджера',
    manager: 'Менеджер',
    hint: (asOf) => `Выберите менеджера в списке — карточка пересчитается сама. Данные на ${asOf}.`,
    help: 'Выберите менеджера из списка',
    periodsHead: ['Период', 'Место', 'Баллы', 'До места выше'],
    period: { week: 'Неделя', month: 'Месяц', quarter: 'Квартал' },
    trendHead: ['Неделя', 'Баллы', 'Место'],
    figuresHead: ['Показатель за месяц', 'У менеджера', 'Медиана отдела'],
    actionsHead: 'Требует действий сейчас (ссылки на amoCRM)',
    leader: 'первое место',
    toNext: (points, place) => `${ruPoints(points)} до ${place}-го места`,
    noPlan: 'нет плана',
    overdueTask: (id, lead, due) =>
      `Просрочена задача #${id}${lead ? ` · сделка «${lead}»` : ''}${due ? ` · срок ${due}` : ''}`,
    leadWithoutTask: (lead) => `Нет задачи · сделка «${lead}»`,
    more: (n, sheet) =>
      `и ещё ${n} ${plural(n, 'пункт', 'пункта', 'пунктов')} — на листе «${sheet}»`,
    nothingToDo: 'Просроченных задач и сделок без задач нет',
    chartTitle: 'Баллы по неделям',
    dataHead: [
      'Менеджер',
      'Место: неделя',
      'Баллы: неделя',
      'Место: месяц',
      'Баллы: месяц',
      'Место: квартал',
      'Баллы: квартал',
      'До места выше: неделя',
      'До места выше: месяц',
      'До места выше: квартал',
    ],
    notRated: '—',
  },
  en: {
    sheet: 'Manager card',
    dataSheet: 'Card (data)',
    title: 'Manager card',
    manager: 'Manager',
    hint: (asOf) =>
      `Pick a manager from the list — the card recalculates by itself. Data as of ${asOf}.`,
    help: 'Pick a manager from the list',
    periodsHead: ['Period', 'Place', 'Points', 'To the place above'],
    period: { week: 'Week', month: 'Month', quarter: 'Quarter' },
    trendHead: ['Week', 'Points', 'Place'],
    figuresHead: ['Figure this month', 'Manager', 'Department median'],
    actionsHead: 'Needs action now (links to amoCRM)',
    leader: 'first place',
    toNext: (points, place) =>
      `${(Math.round(points * 10) / 10).toFixed(1)} ${points === 1 ? 'point' : 'points'} to place ${place}`,
    noPlan: 'no plan',
    overdueTask: (id, lead, due) =>
      `Overdue task #${id}${lead ? ` · deal "${lead}"` : ''}${due ? ` · due ${due}` : ''}`,
    leadWithoutTask: (lead) => `No task · deal "${lead}"`,
    more: (n, sheet) => `and ${n} more on the "${sheet}" sheet`,
    nothingToDo: 'No overdue tasks and no deals without tasks',
    chartTitle: 'Points by week',
    dataHead: [
      'Manager',
      'Place: week',
      'Points: week',
      'Place: month',
      'Points: month',
      'Place: quarter',
      'Points: quarter',
      'To the place above: week',
      'To the place above: month',
      'To the place above: quarter',
    ],
    notRated: '—',
  },
};

export function cardLabels(lang: Language): CardLabels {
  return CARD_LABELS[lang];
}
