/**
 * The tables under the rating that the refresh during the day and the forecast add
 * (docs/rules.md §3.3.3, §4.7.1): Сегодня on Неделя — today's points so far per manager — and
 * the forecast on Месяц and Квартал. Pure: grids for src/sheets/rating-layout.ts.
 */
import type { Forecast, ForecastRow, Rating, TodayPoints } from '../engine';
import { LEADER_LABELS } from '../i18n/figure-labels';
import { liveText } from '../i18n/live-labels';
import { t, type Language } from '../i18n/messages';
import type { ExtraTable } from './rating-layout';

function hhmm(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('ru-RU', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(ms));
}

function ddmm(day: string): string {
  return `${day.slice(8, 10)}.${day.slice(5, 7)}`;
}

/** Сегодня: every rated manager's points since midnight, most first. */
export function todayTable(lang: Language, today: TodayPoints, timeZone: string): ExtraTable {
  return {
    title: liveText(lang, 'todayTitle', { day: ddmm(today.day), time: hhmm(today.to, timeZone) }),
    note: liveText(lang, 'todayNote'),
    header: {
      manager: LEADER_LABELS[lang].manager,
      points: liveText(lang, 'todayPoints'),
      plan: liveText(lang, 'todayEvents'),
    },
    rows: today.rows.map((r) => ({ manager: r.name, points: r.points, plan: r.events })),
    total: { manager: t(lang, 'total'), points: today.total },
  };
}

/** The forecast of a running month or quarter; a line instead while there is nothing to project. */
export function forecastTable(
  lang: Language,
  rating: Rating,
  f: { rows: ForecastRow[]; total: Forecast | null },
): ExtraTable {
  const days = f.total ?? f.rows[0]?.forecast;
  const base = {
    title: liveText(lang, 'forecastTitle', {
      elapsed: days?.elapsedDays ?? 0,
      total: days?.totalDays ?? 0,
    }),
    note: liveText(lang, 'forecastNote'),
    header: {
      manager: LEADER_LABELS[lang].manager,
      points: liveText(lang, 'forecastPoints'),
      plan: LEADER_LABELS[lang].plan,
      planPct: liveText(lang, 'forecastPct'),
    },
  };
  if (rating.period.final || !f.total)
    return {
      ...base,
      title: liveText(lang, 'forecastTitle', { elapsed: 0, total: days?.totalDays ?? 0 }),
      rows: [],
      footer: liveText(lang, 'forecastNone'),
    };
  return {
    ...base,
    // the plan % at the period's end at this pace reads like the pace: green, yellow, red
    judged: 'planPct',
    rows: f.rows.map((r) => ({
      manager: r.name,
      points: r.forecast.points,
      plan: r.plan ?? '',
      planPct: r.forecast.planPercent ?? '',
    })),
    total: {
      manager: t(lang, 'total'),
      points: f.total.points,
      plan: rating.totals.plan ?? '',
      planPct: f.total.planPercent ?? '',
    },
  };
}
