/**
 * The refresh, under one lock: sync amoCRM; then — only when the sync completed (or an
 * interrupted publish must be redone from the last good store) — check the settings against the
 * account, compute every rating from the data the sync already holds, and publish. Anything that
 * goes wrong leaves the last good rating in place and says so on its warning line.
 */
import { loadConnection } from '../../amocrm/connection';
import { readOddStanding, type SyncRecord } from '../../amocrm/sync-record';
import {
  forecastsOf,
  WorkCalendar,
  type CalendarEdit,
  type WorkingDay,
  cardModel,
  longStays,
  todayPoints,
  nextBook,
  ratingsOf,
  staffingFor,
  withFinals,
  type FinalsBook,
  type Rating,
  type RatingEngine,
  type RatingSet,
  trendWeeks,
} from '../../engine';
import { t, type Language } from '../../i18n/messages';
import { zoneLabel } from '../../i18n/period-labels';
import { shortName } from '../../shapes/user-names';
import type { Settings } from '../../settings/schema';
import { loadSettings } from '../../settings/settings-store';
import { readHistory } from '../../sheets/history-sheet';
import { layoutCard } from '../../sheets/card-layout';
import type { ExplainSources } from '../../sheets/explain-layout';
import { warnAll } from '../../sheets/status-line';
import { chosenStore } from '../store-choice';
import { storeFailureText } from '../store-failure';
import { BigQueryError } from '../../bigquery/bigquery-api';
import { FinalsDamaged, readFinals } from '../../storage/finals-store';
import type { Outbox } from '../../storage/outbox';
import { StoreCorrupt } from '../../storage/store-codec';
import { loadBot, loadTelegramStatus } from '../../telegram/bot-store';
import { postsFor } from '../../telegram/post-format';
import type { PostingReport } from '../../telegram/poster';
import {
  accountSource,
  bottomRows,
  isSourceFailure,
  type AccountSource,
  type FactsAtHand,
  type RecordsAtHand,
} from '../account-source';
import { lastDataAsOf, lastRefreshRecord } from '../last-refresh';
import {
  ACCESS_CODES,
  problemSeen,
  problemSolved,
  readProblems,
  type OpenProblem,
  type ProblemKind,
} from '../problems';
import { formatLocal, gasOffset } from '../zone';
import { withJobLock } from './job-lock';
import { withMotivation } from './motivation-refresh';
import { postDue } from './posting';
import { NotEditor, publish, publishPending, PUBLISH_KEY } from './publish';
import { FETCH_BUDGET_MS, runSync, STORE_FULL_CODE } from './sync';

export const ACCOUNT_TZ_KEY = 'rating.timeZone';
/** the local day whose daily refresh is done (a manual one after the hour counts too) */
export const DAILY_DONE_KEY = 'schedule.lastDailyRefresh';
/** the data is in but too little of the run is left to publish: the next tick publishes */
export const DEFERRED_KEY = 'publish.deferred';
/** publishing a big account takes a minute or more: start it only this early in a run */
export const PUBLISH_BUDGET_MS = 4 * 60 * 1000;
/** posting may wait for Telegram's rate limit only this far into a run */
export const POSTING_BUDGET_MS = 5.5 * 60 * 1000;

export type RefreshOutcome = 'published' | 'partial' | 'deferred' | 'failed' | 'skipped';

export interface RefreshResult {
  outcome: RefreshOutcome;
  sync?: SyncRecord;
  message: string;
  /** the moment the published rating is as of */
  published?: { asOf: number };
  /** what the Telegram posting that followed did */
  posting?: PostingReport;
  /** what went wrong, for the head's problems (docs/rules.md §7.1) */
  problem?: { kind: ProblemKind; text: string };
}

function props() {
  return PropertiesService.getDocumentProperties();
}

function lastAsOf(lang: Language): string {
  return lastDataAsOf() ?? t(lang, 'never');
}

/** The zone the account's clock is read in (the spreadsheet's until the first publish). */
export function accountZone(): string {
  return props().getProperty(ACCOUNT_TZ_KEY) ?? Session.getScriptTimeZone();
}

function nowText(): string {
  return formatLocal(Date.now(), accountZone());
}

/**
 * The head's problems after a refresh: a publish solves every refresh problem; a failure opens or
 * counts its own; a partial, deferred or skipped run is progress, not a problem. The Telegram
 * stop the posting left (or cleared) is followed too.
 */
function trackProblems(r: RefreshResult): void {
  // one read when all is well: the problems are looked at only when there are some
  const open = readProblems();
  if (r.outcome === 'published') {
    // a publish says nothing about Telegram or the trigger budget: those follow their own state
    for (const p of open)
      if (p.kind !== 'telegram' && p.kind !== 'liveBudget') problemSolved(p.kind);
  } else if (r.problem) {
    problemSeen(r.problem.kind, r.problem.text, accountZone());
    // a refused connection hides whatever else might be wrong behind it
    if (r.problem.kind === 'amoAccess' && open.some((p) => p.kind === 'amoSync'))
      problemSolved('amoSync');
  }
  trackTelegram(open);
}

/** A stop of the Telegram posts (docs/rules.md §7) opens a problem once; its end solves it. */
export function trackTelegram(open: readonly OpenProblem[] = readProblems()): void {
  const stopped = loadTelegramStatus();
  const told = open.find((p) => p.kind === 'telegram');
  if (!stopped) {
    if (told) problemSolved('telegram');
  } else if (told?.text !== stopped.message)
    problemSeen('telegram', stopped.message, accountZone());
}

/**
 * `live`: a refresh during the day (docs/rules.md §4.7.1) — the same sync and publish, but the
 * day's posts are neither made again nor sent, and the daily refresh is not marked done.
 */
export function refresh(
  progress: (message: string) => void = () => undefined,
  startedAt = Date.now(),
  opts: { live?: boolean } = {},
): RefreshResult {
  const locked = withJobLock(() => {
    const result = refreshUnderLock(progress, startedAt, opts.live === true);
    trackProblems(result);
    return result;
  });
  if (locked.ran) return locked.value;
  const loaded = loadSettings();
  const lang = loaded.ok ? loaded.settings.language : 'ru';
  return { outcome: 'skipped', message: t(lang, 'busy') };
}

function refreshUnderLock(
  progress: (m: string) => void,
  startedAt: number,
  live: boolean,
): RefreshResult {
  try {
    return refreshSteps(progress, startedAt, live);
  } catch (e) {
    if (!(e instanceof BigQueryError)) throw e;
    return storeFailed(e);
  }
}

/**
 * BigQuery failed (a quota, a permission, a wait past the run's end): nothing was published —
 * the facts and the items' details are all asked before the first sheet is written — so the
 * last rating stays, and every sheet says why in words.
 */
function storeFailed(e: BigQueryError): RefreshResult {
  const loaded = loadSettings();
  const lang: Language = loaded.ok ? loaded.settings.language : 'ru';
  const reason = storeFailureText(lang, e);
  const line = t(lang, 'warnFailed', { when: nowText(), reason, asOf: lastAsOf(lang) });
  warnAll(line);
  return { outcome: 'failed', message: line, problem: { kind: 'store', text: line } };
}

function refreshSteps(
  progress: (m: string) => void,
  startedAt: number,
  live: boolean,
): RefreshResult {
  const loaded = loadSettings();
  const lang: Language = loaded.ok ? loaded.settings.language : 'ru';
  const republish = publishPending() || props().getProperty(DEFERRED_KEY) !== null;
  progress(t(lang, 'refreshing'));
  const sync = runSync({ deadline: startedAt + FETCH_BUDGET_MS });

  // the records of the spreadsheet store; a store that computes the facts itself (BigQuery)
  // hands over its facts instead, and its records never come into the heap
  let source: RecordsAtHand | FactsAtHand | null = null;
  const factsAtHand = () => chosenStore().factsAtHand?.() ?? null;
  if (sync.outcome === 'complete' && sync.data && sync.manifest)
    source = factsAtHand() ?? { data: sync.data, until: sync.manifest.until };
  else if (republish) {
    try {
      const facts = factsAtHand();
      const committed = facts ? null : chosenStore().readCommitted();
      if (facts) source = facts;
      else if (committed) source = { data: committed.data, until: committed.head.until };
    } catch (e) {
      if (!(e instanceof StoreCorrupt)) throw e;
    }
  }
  if (!source) {
    const asOf = lastAsOf(lang);
    // a partial sync says why it stopped early when it was not the time budget (amoCRM's wait)
    const partialWhy =
      sync.record.errorCode === 'rate_limited' && sync.record.error
        ? sync.record.error
        : t(lang, 'refreshPartial');
    const line = sync.storeProblem
      ? t(lang, 'warnStore', { detail: sync.storeProblem, asOf })
      : t(lang, 'warnFailed', {
          when: nowText(),
          reason:
            (sync.outcome === 'partial' ? partialWhy : (sync.record.error ?? '')) +
            (sync.record.checkpointProblem
              ? ` ${t(lang, 'checkpointRestarted', { detail: sync.record.checkpointProblem })}`
              : ''),
          asOf,
        });
    warnAll(line);
    if (sync.outcome === 'partial')
      return { outcome: 'partial', sync: sync.record, message: partialWhy };
    const code = sync.record.errorCode ?? '';
    const message = sync.record.error ?? line;
    const kind: ProblemKind = ACCESS_CODES.includes(code)
      ? 'amoAccess'
      : code === STORE_FULL_CODE
        ? 'storeFull'
        : sync.storeProblem
          ? 'store'
          : 'amoSync';
    const text = kind === 'store' && sync.storeProblem ? line : message;
    return { outcome: 'failed', sync: sync.record, message, problem: { kind, text } };
  }
  if (!loaded.ok) {
    const line = t(lang, 'warnSettingsDamaged', { reason: loaded.reason, asOf: lastAsOf(lang) });
    warnAll(line);
    return {
      outcome: 'failed',
      sync: sync.record,
      message: line,
      problem: { kind: 'settings', text: loaded.reason },
    };
  }
  if (Date.now() - startedAt > PUBLISH_BUDGET_MS) {
    props().setProperty(DEFERRED_KEY, String(source.until));
    return { outcome: 'deferred', sync: sync.record, message: t(lang, 'refreshDeferred') };
  }

  progress(t(lang, 'computing'));
  const result = compute(source, loaded.settings, lang, republish, live);
  if ('failed' in result) {
    warnAll(result.failed);
    return {
      outcome: 'failed',
      sync: sync.record,
      message: result.failed,
      problem: { kind: result.kind, text: result.failed },
    };
  }
  progress(t(lang, 'publishing'));
  try {
    publish(result.input);
  } catch (e) {
    if (e instanceof NotEditor) {
      props().deleteProperty(PUBLISH_KEY);
      const message = t(lang, 'warnNotEditor');
      return {
        outcome: 'failed',
        sync: sync.record,
        message,
        problem: { kind: 'publish', text: message },
      };
    }
    throw e;
  }
  props().setProperties({
    ...lastRefreshRecord({
      at: new Date().toISOString(),
      asOf: source.until * 1000,
      dataAsOf: result.input.ratings.timeZone
        ? formatLocal(source.until * 1000, result.input.ratings.timeZone)
        : '',
    }),
    // the scheduler decides "today" and "the hour" in the account's zone
    [ACCOUNT_TZ_KEY]: result.input.ratings.timeZone,
  });
  const tz = result.input.ratings.timeZone;
  const hour = Number(Utilities.formatDate(new Date(), tz, 'H'));
  if (hour >= loaded.settings.scheduleHour && !live)
    props().setProperty(DAILY_DONE_KEY, Utilities.formatDate(new Date(), tz, 'yyyy-MM-dd'));
  props().deleteProperty(DEFERRED_KEY);
  progress(t(lang, 'refreshed'));
  // the posts of what was just published, if their hour has come (same lock, same run); a live
  // refresh posts nothing: the day's posts belong to the daily refresh
  const posting = live ? undefined : postDue(startedAt + POSTING_BUDGET_MS);
  return {
    outcome: 'published',
    sync: sync.record,
    message: t(lang, 'refreshed'),
    published: { asOf: source.until * 1000 },
    ...(posting ? { posting } : {}),
  };
}

/** The day's Telegram posts, made from the ratings being published (null: no bot connected). */
function outboxFor(
  source: AccountSource,
  engine: RatingEngine,
  ratings: RatingSet,
  offsetMinutes: number,
  todayByUser: ReadonlyMap<number, number>,
): Outbox | null {
  if (!loadBot()) return null;
  const { settings, asOf } = source;
  const monthForecast = forecastsOf(
    ratings.month,
    engine.calendar,
    workingDayOf(settings.rating),
    todayByUser,
  ).total;
  const lang = settings.language;
  const bottom = bottomRows(engine, ratings.week.period, asOf, ratings.week, source.names);
  const tg = settings.telegram;
  return {
    day: ratings.today,
    timeZone: ratings.timeZone,
    asOf,
    posts: postsFor({
      lang,
      ratings,
      dataAsOf: `${formatLocal(asOf, ratings.timeZone)} (${zoneLabel(lang, ratings.timeZone, offsetMinutes)})`,
      spreadsheetUrl: SpreadsheetApp.getActive().getUrl(),
      publicTopN: tg.publicTopN,
      enabled: {
        daily: tg.daily,
        monday: tg.monday,
        quarter: tg.quarter,
        headDigest: tg.headDigest,
        workingDaysOnly: tg.workingDaysOnly,
      },
      bottom: { size: settings.rating.bottomWatch.size, rows: longStays(bottom) },
      calendarDays: settings.rating.calendarDays,
      monthForecast,
    }),
  };
}

/**
 * The years of the sheets' periods whose production calendar is not confirmed (docs/rules.md
 * §3.2.9): weekdays there count as working unless the head edited them, which the status says.
 */
function unconfirmedYears(
  rating: Parameters<typeof staffingFor>[0],
  ratings: { today: string; week: Rating; quarter: Rating },
): number[] {
  const first =
    [ratings.week.period.firstDay, ratings.quarter.period.firstDay].sort()[0] ?? ratings.today;
  return staffingFor(rating).work.unknownYears(first, ratings.today);
}

/** the users named on the status line; the rest are in the status dialog */
const ODD_NAMES_SHOWN = 5;

/**
 * The odd records the rating is missing (docs/rules.md §2.8): how many, whose figures they could
 * touch, and where the list is. '' when there are none.
 */
function oddWarning(lang: Language, names: ReadonlyMap<number, string>): string {
  const odd = readOddStanding();
  const count = odd.records.length + odd.more;
  if (!count) return '';
  const touched = [
    ...new Set(
      odd.records.flatMap((r) =>
        r.userId !== undefined ? [shortName(names.get(r.userId) ?? `#${r.userId}`)] : [],
      ),
    ),
  ].sort((a, b) => a.localeCompare(b, 'ru'));
  const shown =
    touched.length > ODD_NAMES_SHOWN ? [...touched.slice(0, ODD_NAMES_SHOWN), '…'] : touched;
  return t(lang, 'warnOdd', {
    count,
    users: shown.length ? t(lang, 'oddUsers', { names: shown.join(', ') }) : '',
    menu: t(lang, 'menuTitle'),
    status: t(lang, 'menuStatus'),
  });
}

/**
 * Every rating of one publish from the store's records or, for a store that computes the facts
 * itself, from its facts (`accountSource` takes either).
 */
function compute(
  stored: RecordsAtHand | FactsAtHand,
  settings: Settings,
  lang: Language,
  republished: boolean,
  live = false,
): { input: Parameters<typeof publish>[0] } | { failed: string; kind: ProblemKind } {
  const source = accountSource(stored, settings, lang);
  if (isSourceFailure(source))
    return {
      kind: source.kind === 'noData' ? 'store' : 'settings',
      failed:
        source.kind === 'noData'
          ? t(lang, 'warnStore', { detail: source.message, asOf: lastAsOf(lang) })
          : t(lang, 'warnSettings', { reason: source.message, asOf: lastAsOf(lang) }),
    };
  const warnings: string[] = [];
  if (republished) warnings.push(t(lang, 'warnRepublished'));
  warnings.push(...source.warnings);
  const odd = oddWarning(lang, source.names);
  if (odd) warnings.push(odd);
  const history = readHistory(lang);
  if (history.problems.length)
    warnings.push(
      t(lang, 'warnHistory', {
        sheet: t(lang, 'sheetHistory'),
        detail: history.problems.slice(0, 5).join('; '),
      }),
    );
  const tgStatus = loadTelegramStatus();
  if (tgStatus) warnings.push(tgStatus.message);
  const asOf = source.asOf;
  const engine = source.engineFor(source.settings.rating);
  // published finals are shown as kept; the ones published now for the first time are kept
  let book: FinalsBook = new Map();
  let damaged = false;
  try {
    book = readFinals();
  } catch (e) {
    if (!(e instanceof FinalsDamaged)) throw e;
    damaged = true;
    warnings.push(t(lang, 'warnFinals', { detail: e.detail }));
  }
  const finals = withFinals(ratingsOf(engine, asOf, history.rows), book, engine.calendar);
  const fresh = finals.fresh;
  // movers, streaks, records and teams read the ratings as shown (kept finals, rebased arrows)
  const ratings = withMotivation(engine, finals.ratings, source.settings.rating.teams, lang);
  if (ratings.unteamedWarning) warnings.push(ratings.unteamedWarning);
  const offsetMinutes = gasOffset(ratings.timeZone)(asOf);
  const calendarYears = unconfirmedYears(source.settings.rating, ratings);
  if (calendarYears.length)
    warnings.push(t(lang, 'warnCalendar', { years: calendarYears.join(', ') }));
  // today's points so far: the Сегодня block, and what the forecast leaves out of its pace
  const today = todayPoints(
    engine.facts,
    engine.data.users,
    engine.settings,
    engine.calendar,
    asOf,
    [...ratings.week.rows.map((r) => r.userId), ...ratings.month.rows.map((r) => r.userId)],
  );
  const todayByUser = new Map(today.rows.map((r) => [r.userId, r.points]));
  const isWorking = workingDayOf(source.settings.rating);
  // a manager's forecast projects over their own working days, as their plan and pace do
  const staffing = staffingFor(source.settings.rating);
  const worksFor =
    (userId: number): WorkingDay =>
    (day) =>
      staffing.works(userId, day);
  const connection = loadConnection();
  const { details } = source;
  const explain: ExplainSources = {
    leadName: (id) => details.leadName(id),
    taskLead: (id) => details.taskLead(id),
    taskDue: (id) => details.taskDue(id),
    baseUrl: connection?.baseUrl ?? '',
  };
  // the card's 12 weeks: the 11 before the week on the sheet, each recounted (docs/rules.md §5.4)
  const trend = trendWeeks(engine, ratings.week, asOf, history.rows.concat(ratings.snapshot.rows));
  const card = cardModel({ ...ratings, trend });
  // every item shown is known now: their details are asked before the first sheet is written
  details.settle?.();
  return {
    input: {
      ratings,
      settings: source.settings,
      asOf,
      offsetMinutes,
      warning: warnings.join(' '),
      // a live refresh keeps the posts the daily refresh made: it never posts
      outbox: live ? 'keep' : outboxFor(source, engine, ratings, offsetMinutes, todayByUser),
      live: {
        today: source.settings.live.on ? today : null,
        month: forecastsOf(ratings.month, engine.calendar, isWorking, todayByUser, worksFor),
        quarter: forecastsOf(ratings.quarter, engine.calendar, isWorking, todayByUser, worksFor),
      },
      finals: fresh.length || damaged ? nextBook(book, fresh, asOf) : null,
      userNames: source.names,
      explain,
      card: (names) =>
        layoutCard(
          card,
          explain,
          lang,
          names,
          formatLocal(asOf, ratings.timeZone),
          t(lang, 'sheetExplain'),
        ),
    },
  };
}

/** The account's working days (Russia's production calendar with the head's edits) for the forecast. */
function workingDayOf(rating: { calendarDays?: readonly CalendarEdit[] }): WorkingDay {
  const calendar = new WorkCalendar(rating.calendarDays ?? []);
  return (day) => calendar.isWorkingDay(day);
}
