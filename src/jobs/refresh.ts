/**
 * The refresh: sync amoCRM, then — only when the sync completed — compute every rating, the
 * day's history rows and the hall of fame, and write the sheets in bulk. A failed or partial
 * sync leaves the last good rating in place and says so on its warning line.
 */
import { LAST_SYNC_KEY, runSync } from '../amocrm/sync';
import { readStore } from '../amocrm/store';
import type { SyncRecord } from '../amocrm/sync-record';
import { RatingEngine } from '../engine';
import { Calendar } from '../engine/calendar';
import { previousPeriod, type Period } from '../engine/periods';
import type { Rating } from '../engine/rating';
import { t, type Language } from '../i18n/messages';
import { addQuarter, hallHasQuarter } from '../sheets/hall-of-fame';
import { appendHistory, hasDay, readHistory } from '../sheets/history-sheet';
import {
  layoutSheet,
  managerLabel,
  type SheetLayout,
  type TableBlock,
} from '../sheets/rating-layout';
import { writeRatingSheet, writeWarning } from '../sheets/rating-sheet';
import { autoMap } from '../settings/settings';
import { loadSettings } from '../settings/settings-store';
import { gasOffset } from './gas-offset';

export const REFRESH_KEY = 'rating.lastRefresh';
export const ACCOUNT_TZ_KEY = 'rating.timeZone';

export interface RefreshResult {
  outcome: 'published' | 'partial' | 'failed' | 'skipped';
  sync: SyncRecord;
  message: string;
}

function sheetNames(lang: Language) {
  return {
    week: t(lang, 'sheetWeek'),
    month: t(lang, 'sheetMonth'),
    quarter: t(lang, 'sheetQuarter'),
    history: t(lang, 'sheetHistory'),
    hall: t(lang, 'sheetHall'),
  };
}

function formatLocal(ms: number, tz: string): string {
  return Utilities.formatDate(new Date(ms), tz, 'dd.MM.yyyy HH:mm');
}

export function refresh(progress: (message: string) => void = () => undefined): RefreshResult {
  const settings = loadSettings();
  const lang = settings.language;
  const names = sheetNames(lang);
  progress(t(lang, 'refreshing'));
  const sync = runSync().record;
  if (sync.outcome === 'skipped') return { outcome: 'skipped', sync, message: t(lang, 'busy') };
  if (sync.outcome !== 'complete') {
    const last = PropertiesService.getDocumentProperties().getProperty(REFRESH_KEY);
    const asOf = last ? (JSON.parse(last) as { dataAsOf: string }).dataAsOf : '—';
    const reason = sync.outcome === 'partial' ? t(lang, 'refreshPartial') : (sync.error ?? '');
    const line = `${t(lang, 'warnFailed')} (${sync.endedAt.slice(0, 16).replace('T', ' ')} UTC): ${reason} — ${t(lang, 'warnShown')} ${asOf}.`;
    for (const n of [names.week, names.month, names.quarter]) writeWarning(n, line);
    return { outcome: sync.outcome === 'partial' ? 'partial' : 'failed', sync, message: reason };
  }

  progress(t(lang, 'computing'));
  const store = readStore();
  if (!store?.data.account) return { outcome: 'failed', sync, message: 'empty store' };
  const data = store.data;
  const s = autoMap(settings, data.pipelines);
  const tz =
    data.account?._embedded?.datetime_settings?.timezone ||
    SpreadsheetApp.getActive().getSpreadsheetTimeZone();
  const engine = new RatingEngine(
    {
      account: data.account as NonNullable<typeof data.account>,
      users: data.users,
      pipelines: data.pipelines,
      leads: [...data.leads.values()],
      events: [...data.events.values()],
      tasks: [...data.tasks.values()],
    },
    s.rating,
    { utcOffset: gasOffset, fallbackTimeZone: tz },
  );
  const now = Date.now();
  const cal: Calendar = engine.calendar;

  // history: yesterday's row once, with stocks as of now (the morning after)
  let history = readHistory(names.history);
  const yesterday = Calendar.key(cal.addDays(cal.localDate(now), -1));
  const newHistory = hasDay(history, yesterday) ? [] : engine.snapshot(yesterday, now);
  history = history.concat(newHistory);

  const rating = (p: Period): Rating => engine.rating(p, now, history);
  const today = cal.localDate(now);
  const week = engine.period('week', now);
  const month = engine.period('month', now);
  const quarter = engine.period('quarter', now);
  const monthBlocks: TableBlock[] = [{ title: t(lang, 'titleMonth'), rating: rating(month) }];
  if (today.d <= 7)
    monthBlocks.push({
      title: t(lang, 'titlePrevMonth'),
      rating: rating(previousPeriod(cal, month)),
    });
  const quarterBlocks: TableBlock[] = [{ title: t(lang, 'titleQuarter'), rating: rating(quarter) }];
  const lastQuarter = previousPeriod(cal, quarter);
  const quarterJustClosed = today.d <= 7 && (today.m - 1) % 3 === 0;
  const lastQuarterRating =
    quarterJustClosed || !hallHasQuarter(names.hall, lastQuarter.label)
      ? rating(lastQuarter)
      : null;
  if (quarterJustClosed && lastQuarterRating)
    quarterBlocks.push({ title: t(lang, 'titlePrevQuarter'), rating: lastQuarterRating });
  const dataAsOf = formatLocal(now, tz);
  const header = (title: string) => ({ title, dataAsOf, warning: '', timeZone: tz });
  const layouts: Array<[string, SheetLayout]> = [
    [
      names.week,
      layoutSheet(
        header(t(lang, 'titleWeek')),
        [{ title: t(lang, 'titleWeek'), rating: rating(week) }],
        lang,
      ),
    ],
    [names.month, layoutSheet(header(t(lang, 'titleMonth')), monthBlocks, lang)],
    [names.quarter, layoutSheet(header(t(lang, 'titleQuarter')), quarterBlocks, lang)],
  ];

  // everything is computed: now write, in bulk
  const protectionNote =
    lang === 'ru'
      ? 'Рейтинг обновляется автоматически; менять его может только руководитель.'
      : 'The rating is refreshed automatically; only the sales head may change it.';
  for (const [name, layout] of layouts) writeRatingSheet(name, layout, s.rating, protectionNote);
  const userNames = new Map(data.users.map((u) => [u.id, u.name]));
  appendHistory(names.history, newHistory, userNames);
  if (lastQuarterRating && !hallHasQuarter(names.hall, lastQuarter.label)) {
    addQuarter(names.hall, lastQuarterRating, (name, state, id) =>
      managerLabel(
        { name, userState: state, userId: id } as Parameters<typeof managerLabel>[0],
        lang,
      ),
    );
  }
  const ss = SpreadsheetApp.getActive();
  const weekSheet = ss.getSheetByName(names.week);
  if (weekSheet) ss.setActiveSheet(weekSheet);
  const props = PropertiesService.getDocumentProperties();
  props.setProperties({
    [REFRESH_KEY]: JSON.stringify({
      at: new Date(now).toISOString(),
      dataAsOf,
      syncedAt: props.getProperty(LAST_SYNC_KEY),
    }),
    // the scheduler decides "today" and "the hour" in the account's zone
    [ACCOUNT_TZ_KEY]: tz,
  });
  progress(t(lang, 'refreshed'));
  return { outcome: 'published', sync, message: t(lang, 'refreshed') };
}
