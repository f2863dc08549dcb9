/**
 * Publishing one refresh: every sheet from one RatingSet, so all carry the same "data as of". A
 * marker is set before the first write and cleared after the last: a run killed in between
 * leaves it, and the next run warns and publishes again before anything else.
 */
import type {
  FinalsBook,
  ForecastRow,
  Forecast,
  RatingSet,
  PointsVersion,
  Rating,
  RatingSlot,
  TodayPoints,
} from '../../engine';
import { forecastTable, todayTable } from '../../sheets/live-blocks';
import { DEFAULT_SHEET_NAME } from '../../i18n/default-sheet';
import { t, type Language } from '../../i18n/messages';
import { zoneLabel } from '../../i18n/period-labels';
import { appendHistory } from '../../sheets/history-sheet';
import { addQuarter, hallQuarters, writeRecords } from '../../sheets/hall-of-fame';
import { bestTeamOfQuarter, recordsAfter, tableExtras } from './motivation-publish';
import { layoutExplain, type ExplainSources } from '../../sheets/explain-layout';
import { removeExplainSheet, writeExplainSheet } from '../../sheets/explain-sheet';
import type { CardLayout, CardNames } from '../../sheets/card-layout';
import { writeCardSheets } from '../../sheets/card-sheet';
import { findSheet, type SheetRole } from '../../workbook/our-sheets';
import { canWrite } from '../../sheets/protection';
import { layoutSheet, managerLabel, type TableBlock } from '../../sheets/rating-layout';
import { writeRatingSheet, writeWarning } from '../../sheets/rating-sheet';
import { warnAll } from '../../sheets/status-line';
import type { Settings } from '../../settings/schema';
import { writeFinals } from '../../storage/finals-store';
import { dropOutbox, writeOutbox, type Outbox } from '../../storage/outbox';
import { formatLocal } from '../zone';

export const PUBLISH_KEY = 'publish.pending';

export class NotEditor extends Error {
  constructor() {
    super('not an editor of the protected rating sheets');
    this.name = 'NotEditor';
  }
}

export function sheetNames(
  lang: Language,
): Record<
  Exclude<SheetRole, 'store' | 'staging' | 'outbox' | 'finals' | 'card' | 'cardData'>,
  string
> {
  return {
    week: t(lang, 'sheetWeek'),
    month: t(lang, 'sheetMonth'),
    quarter: t(lang, 'sheetQuarter'),
    history: t(lang, 'sheetHistory'),
    hall: t(lang, 'sheetHall'),
    explain: t(lang, 'sheetExplain'),
  };
}

export function publishPending(): boolean {
  return PropertiesService.getDocumentProperties().getProperty(PUBLISH_KEY) !== null;
}

export interface PublishInput {
  ratings: RatingSet;
  settings: Settings;
  /** the moment the data is as of (the sync's start), ms */
  asOf: number;
  /** minutes east of UTC of the account's zone at asOf */
  offsetMinutes: number;
  warning: string;
  userNames: Map<number, string>;
  explain: ExplainSources;
  /** the day's Telegram posts (null: none to send; 'keep': the ones already made stay) */
  outbox: Outbox | null | 'keep';
  /** the kept finals with those published now for the first time (null: unchanged) */
  finals: FinalsBook | null;
  /** today's points so far (null: the refresh during the day is off) and the forecasts */
  live?: {
    today: TodayPoints | null;
    month: { rows: ForecastRow[]; total: Forecast | null };
    quarter: { rows: ForecastRow[]; total: Forecast | null };
  };
  /** «Карточка менеджера», laid out once the sheets' names are known (null: not written) */
  card?: ((names: CardNames) => CardLayout) | null;
}

/** The point values in force on a day. */
function pointsOn(versions: readonly PointsVersion[], day: string): PointsVersion | null {
  let found: PointsVersion | null = null;
  for (const v of [...versions].sort((a, b) => (a.from < b.from ? -1 : 1)))
    if (v.from <= day) found = v;
  return found;
}

/** Every rating sheet, the explain sheet, the history's new rows and the hall of fame. */
export function publish(input: PublishInput): void {
  const { ratings, settings } = input;
  const lang = settings.language;
  const names = sheetNames(lang);
  for (const role of [
    'week',
    'month',
    'quarter',
    'explain',
    'history',
    'hall',
    'card',
    'cardData',
  ] as const) {
    const sh = findSheet(role);
    if (sh && !canWrite(sh)) throw new NotEditor();
  }

  // everything is computed before the first write; each sheet is written saying the write is
  // under way, and the status line is set on all of them only once all are written
  const pending = t(lang, 'publishInProgress');
  const header = (title: string) => ({
    title,
    zone: zoneLabel(lang, ratings.timeZone, input.offsetMinutes),
    dataAsOf: formatLocal(input.asOf, ratings.timeZone),
    warning: pending,
  });
  const ctx = {
    lang,
    settings: settings.rating,
    points: pointsOn(settings.rating.points, ratings.today),
  };
  const block = (title: string, rating: Rating, slot: RatingSlot): TableBlock => ({
    title,
    rating,
    ...tableExtras(ratings, slot, lang),
  });
  const month: TableBlock[] = [block(t(lang, 'titleMonth'), ratings.month, 'month')];
  if (ratings.previousMonth)
    month.push(block(t(lang, 'titlePrevMonth'), ratings.previousMonth, 'previousMonth'));
  const quarter: TableBlock[] = [block(t(lang, 'titleQuarter'), ratings.quarter, 'quarter')];
  if (ratings.previousQuarter)
    quarter.push(block(t(lang, 'titlePrevQuarter'), ratings.previousQuarter, 'previousQuarter'));
  const live = input.live;
  const tz = ratings.timeZone;
  const sheets = [
    {
      role: 'week' as const,
      layout: layoutSheet(
        header(t(lang, 'titleWeek')),
        [block(t(lang, 'titleWeek'), ratings.week, 'week')],
        ctx,
        live?.today ? [todayTable(lang, live.today, tz)] : [],
      ),
    },
    {
      role: 'month' as const,
      layout: layoutSheet(
        header(t(lang, 'titleMonth')),
        month,
        ctx,
        live ? [forecastTable(lang, ratings.month, live.month)] : [],
      ),
    },
    {
      role: 'quarter' as const,
      layout: layoutSheet(
        header(t(lang, 'titleQuarter')),
        quarter,
        ctx,
        live ? [forecastTable(lang, ratings.quarter, live.quarter)] : [],
      ),
    },
  ];
  const explain = settings.explainSheet
    ? layoutExplain(
        { week: ratings.week, month: ratings.month, quarter: ratings.quarter },
        input.explain,
        lang,
      )
    : null;
  const hallDue =
    ratings.lastQuarter.rows.some((r) => r.points > 0) &&
    !hallQuarters().has(ratings.lastQuarter.period.label);
  const records = recordsAfter(ratings);

  const props = PropertiesService.getDocumentProperties();
  props.setProperty(PUBLISH_KEY, JSON.stringify({ asOf: input.asOf, at: Date.now() }));
  // a kill from here on is seen on every sheet at once: those not yet written say so too
  warnAll(pending);
  const protection = { note: t(lang, 'protectionNote'), editors: settings.editors };
  const written = sheets.map((s) => ({
    role: s.role,
    ...writeRatingSheet(
      { role: s.role, name: names[s.role] },
      s.layout,
      settings.rating,
      protection,
    ),
  }));
  if (explain) writeExplainSheet(explain, names.explain);
  else removeExplainSheet();
  if (input.card) writeCardSheets(input.card, lang, protection);
  // История names a user who is gone as the rating sheets do, not by a bare id
  const historyName = (userId: number) =>
    input.userNames.get(userId) ?? managerLabel({ name: '', userId, userState: 'deleted' }, lang);
  appendHistory(ratings.snapshot.rows, historyName, lang, names.history);
  if (hallDue)
    addQuarter(
      ratings.lastQuarter,
      (r) => managerLabel(r, lang),
      lang,
      names.hall,
      bestTeamOfQuarter(ratings),
    );
  if (records.changed) writeRecords(records.records, lang, names.hall);
  // the posts say what the sheets say: they are replaced with them, before the marker goes
  if (input.outbox === 'keep') {
    // a refresh during the day: the daily refresh's posts stay as they were made
  } else if (input.outbox) writeOutbox(input.outbox);
  else dropOutbox();
  // kept with the sheets, before the marker goes: a final is kept once it is published
  if (input.finals) writeFinals(input.finals, input.asOf);
  tidySpreadsheet();
  // all sheets are written: the line each one shows from now on
  for (const w of written) {
    const rewritten = w.rewritten ? t(lang, 'sheetRewritten', { sheet: names[w.role] }) : '';
    writeWarning(w.sheet, [input.warning, rewritten].filter(Boolean).join(' '));
  }
  props.deleteProperty(PUBLISH_KEY);
}

/** The file opens on the week; the blank default sheet of a new spreadsheet goes. */
function tidySpreadsheet(): void {
  const ss = SpreadsheetApp.getActive();
  const week = findSheet('week');
  if (week) ss.setActiveSheet(week);
  for (const sh of ss.getSheets()) {
    if (sh.getLastRow() !== 0 || sh.getLastColumn() !== 0) continue;
    if (sh.getDeveloperMetadata().length) continue;
    if (!DEFAULT_SHEET_NAME.test(sh.getName())) continue;
    if (ss.getSheets().length > 1) ss.deleteSheet(sh);
  }
}
