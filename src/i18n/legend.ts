/** The legend under each rating sheet: what the colours mean with today's norms and points (docs/rules.md §5.1). */
import { type Norms, type PointsVersion, SCORED_FIGURES } from '../engine';
import { FIGURE_NAMES, figureNameInText } from './glossary';
import type { Language } from './messages';
import { dayLabel } from './period-labels';

export interface LegendLine {
  text: string;
  swatch?: 'green' | 'yellow' | 'red';
}

const pct = (x: number) => `${Math.round(x * 100)} %`;

/** A norm a manager's row breaks: the figure, its value and the norm's limit. */
export interface Breach {
  key: 'overdueTasks' | 'lost' | 'lostShare' | 'leadsWithoutTasks';
  value: number;
  limit: number;
}

/** The note on a manager's name when a norm is broken: which norms, by the columns' names. */
export function breachNote(lang: Language, breaches: readonly Breach[]): string {
  const ru = lang === 'ru';
  const shown = (b: Breach, x: number) => (b.key === 'lostShare' ? pct(x) : String(x));
  const items = breaches.map((b) =>
    ru
      ? `${FIGURE_NAMES.ru[b.key]} — ${shown(b, b.value)} (норма: не больше ${shown(b, b.limit)})`
      : `${FIGURE_NAMES.en[b.key]}: ${shown(b, b.value)} (norm: at most ${shown(b, b.limit)})`,
  );
  return (ru ? 'Нарушена норма: ' : 'Norm broken: ') + items.join('; ') + '.';
}
const num = (lang: Language, x: number) =>
  x.toLocaleString(lang === 'ru' ? 'ru-RU' : 'en-US', { maximumFractionDigits: 2 });

export function legendLines(
  lang: Language,
  norms: Norms,
  thresholds: { green: number; yellow: number },
  points: PointsVersion | null,
  /** the sheet shows plans for some figures: their cells are coloured too */
  figurePlans = false,
): { title: string; lines: LegendLine[] } {
  const ru = lang === 'ru';
  const red: string[] = [];
  const limit = (x: number | null | undefined) => x !== null && x !== undefined;
  if (limit(norms.maxOverdueTasks))
    red.push(
      ru
        ? `${figureNameInText('ru', 'overdueTasks')} больше ${norms.maxOverdueTasks}`
        : `more than ${norms.maxOverdueTasks} overdue tasks`,
    );
  if (limit(norms.maxLost))
    red.push(
      ru
        ? `${figureNameInText('ru', 'lost')} больше ${norms.maxLost}`
        : `more than ${norms.maxLost} lost deals`,
    );
  if (limit(norms.maxLostShare))
    red.push(
      ru
        ? `${figureNameInText('ru', 'lostShare')} больше ${pct(norms.maxLostShare ?? 0)} закрытых сделок (столбец «${FIGURE_NAMES.ru.lostShare}»)`
        : `lost share above ${pct(norms.maxLostShare ?? 0)} of closed deals (the "Lost share" column)`,
    );
  if (limit(norms.maxLeadsWithoutTasks))
    red.push(
      ru
        ? `${figureNameInText('ru', 'leadsWithoutTasks')} больше ${norms.maxLeadsWithoutTasks}`
        : `more than ${norms.maxLeadsWithoutTasks} deals without tasks`,
    );
  const lines: LegendLine[] = [
    {
      swatch: 'green',
      text: ru
        ? `Зелёный — темп не ниже ${pct(thresholds.green)} плана.`
        : `Green: pace at or above ${pct(thresholds.green)} of the plan.`,
    },
    {
      swatch: 'yellow',
      text: ru
        ? `Жёлтый — темп не ниже ${pct(thresholds.yellow)} плана. Темп — баллы ÷ план, пропорциональный прошедшим рабочим дням; закрытый период (неделя, итоги) окрашен по «План %» — выполнению всего плана.`
        : `Yellow: pace at or above ${pct(thresholds.yellow)} of the plan. Pace is points ÷ the plan prorated to the working days elapsed; a closed period (the week, a final) is coloured by "Plan %", the whole plan.`,
    },
    {
      swatch: 'red',
      text: ru
        ? `Красный темп (или «План %» закрытого периода) — ниже ${pct(thresholds.yellow)} плана.`
        : `Red pace (or "Plan %" of a closed period): below ${pct(thresholds.yellow)} of the plan.`,
    },
    {
      swatch: 'red',
      text: red.length
        ? (ru ? 'Красный — нарушена норма: ' : 'Red: a norm is broken: ') +
          red.join('; ') +
          (ru
            ? '. Имя менеджера тогда тоже красное, а в примечании к имени сказано, какая норма.'
            : ". The manager's name is red too, and its note says which norm.")
        : ru
          ? 'Красный — нормы не заданы.'
          : 'Red: no norms are set.',
    },
  ];
  if (figurePlans)
    lines.push({
      text: ru
        ? 'Показатель с планом (столбцы «Планы по показателям») окрашен так же — по своему темпу; план, выполнение и темп — в примечании к ячейке.'
        : 'A figure with a plan (the "Plans per figure" columns) is coloured the same way, by its own pace; the plan, completion and pace are in the cell\'s note.',
    });
  if (points) {
    const labels = FIGURE_NAMES[lang];
    const values = SCORED_FIGURES.map(
      (f) => `${labels[f].toLowerCase()} ${num(lang, points.values[f])}`,
    ).join(', ');
    const since =
      points.from > '1971'
        ? ru
          ? ` (с ${dayLabel(lang, points.from)})`
          : ` (since ${dayLabel(lang, points.from)})`
        : '';
    lines.push({ text: (ru ? 'Баллы за этап: ' : 'Points per stage: ') + values + since + '.' });
  }
  return { title: ru ? 'Как читать таблицу' : 'How to read the table', lines };
}
