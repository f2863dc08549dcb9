/**
 * The words of the refresh during the day, the Сегодня block and the forecast
 * (docs/rules.md §3.3.3, §4.7.1), in the product's two languages. `{name}` is filled from params.
 */
import type { Language } from './messages';

const ru = {
  todayTitle: 'Сегодня, {day}, с 00:00 до {time}',
  todayNote:
    'Баллы за сегодня с полуночи до момента данных: этапы и задачи, засчитанные сегодня, по сегодняшней таблице баллов. Обновляется в течение дня; завтра начнётся с нуля.',
  todayPoints: 'Баллы',
  todayEvents: 'Событий',
  forecastTitle: 'Прогноз на конец периода ({elapsed} из {total} рабочих дней прошло)',
  forecastNote:
    'Баллы к концу периода при нынешнем темпе: баллы ÷ прошедшие рабочие дни × рабочие дни периода. Сегодняшний день в прошедшие не входит.',
  forecastPoints: 'Прогноз',
  forecastPct: 'Прогноз %',
  forecastNone: 'Прогноз появится, когда пройдёт первый рабочий день периода.',
  postForecast: '🔮 Прогноз на конец месяца: {points}',
  postForecastPlan: 'прогноз {pct} плана',
  liveSlower:
    'Обновление в течение дня идёт реже: раз в {step} ч вместо каждого часа. Иначе за сутки запуски по расписанию заняли бы около {projected} мин из {budget} мин, которые Google даёт на них в день.',
  liveStopped:
    'Обновление в течение дня приостановлено: даже одно лишнее обновление в день заняло бы около {projected} мин из {budget} мин, которые Google даёт на запуски по расписанию. Ежедневное обновление и публикации идут как прежде.',
} as const;

type Texts = { readonly [K in keyof typeof ru]: string };

const en: Texts = {
  todayTitle: 'Today, {day}, from 00:00 to {time}',
  todayNote:
    "Today's points from midnight to the data's moment: stages and tasks credited today, with today's point values. Refreshed during the day; tomorrow starts from zero.",
  todayPoints: 'Points',
  todayEvents: 'Events',
  forecastTitle: 'Forecast for the end of the period ({elapsed} of {total} working days passed)',
  forecastNote:
    'Points at the end of the period at the current pace: points ÷ working days passed × working days in the period. Today is not counted as passed.',
  forecastPoints: 'Forecast',
  forecastPct: 'Forecast %',
  forecastNone: "The forecast appears once the period's first working day is over.",
  postForecast: '🔮 Forecast for the end of the month: {points}',
  postForecastPlan: 'forecast {pct} of plan',
  liveSlower:
    'Refreshing during the day runs less often: every {step} hours instead of every hour. Otherwise the scheduled runs would take about {projected} min a day of the {budget} min Google allows them.',
  liveStopped:
    'Refreshing during the day is paused: even one more refresh a day would take about {projected} min of the {budget} min Google allows scheduled runs. The daily refresh and the posts go on as before.',
};

export type LiveTextKey = keyof typeof ru;

export function liveText(
  lang: Language,
  key: LiveTextKey,
  params: Record<string, string | number> = {},
): string {
  const table: Texts = lang === 'en' ? en : ru;
  return table[key].replace(/\{(\w+)\}/g, (m, name: string) =>
    name in params ? String(params[name]) : m,
  );
}
