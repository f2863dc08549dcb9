/**
 * The problems the sales head must hear about where the head is (docs/rules.md §7.1): which are
 * open, since when, how often they recurred, and whether the head was told — kept in a document
 * property so every execution (hourly tick, menu, sidebar) sees the same state. The head's private
 * chat gets one message when a problem starts (at once when it will not pass by itself, after a
 * few recurrences when it may) and one when it is solved; never one per failed attempt.
 */
import * as v from 'valibot';
import { loadConnection } from '../amocrm/connection';
import type { Language } from '../i18n/messages';
import { problemText, type ProblemTextKey } from '../i18n/problem-texts';
import { parseJson } from '../shapes/parse-json';
import { loadSettings } from '../settings/settings-store';
import { TelegramError, sendMessage } from '../telegram/api';
import { loadBot, loadTelegramStatus } from '../telegram/bot-store';
import { escapeHtml } from '../telegram/html';
import { lastDataAsOf } from './last-refresh';
import { formatLocal } from './zone';

export const PROBLEMS_KEY = 'problems.open';

export const PROBLEM_KINDS = [
  'amoAccess',
  'amoSync',
  'store',
  'settings',
  'publish',
  'telegram',
  'liveBudget',
  'storeFull',
] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

/** amoCRM refuses the connection itself (AmoError codes): no retry helps until the head acts */
export const ACCESS_CODES: readonly string[] = [
  'unauthorized',
  'token_revoked',
  'forbidden',
  'payment_required',
  'not_configured',
];

/**
 * How many times in a row a problem is seen before the head is told: a refused token or damaged
 * settings do not pass by themselves (told at once); amoCRM being slow or down often does, and
 * the hourly retry would otherwise wake the head for an hour's outage.
 */
const TELL_AFTER: Record<ProblemKind, number> = {
  amoAccess: 1,
  amoSync: 3,
  store: 1,
  settings: 1,
  publish: 1,
  telegram: 1,
  liveBudget: 1,
  storeFull: 1,
};

const ProblemSchema = v.object({
  kind: v.picklist(PROBLEM_KINDS),
  /** first seen, ms */
  since: v.number(),
  /** last seen, ms */
  last: v.number(),
  /** times seen in a row */
  count: v.pipe(v.number(), v.integer()),
  /** the last reason in words */
  text: v.string(),
  /** the head's private chat was told */
  notified: v.boolean(),
});
export type OpenProblem = v.InferOutput<typeof ProblemSchema>;

const props = () => PropertiesService.getDocumentProperties();

/** The open problems, newest first; a damaged record reads as none (the next failure reopens). */
export function readProblems(): OpenProblem[] {
  const list = parseJson(props().getProperty(PROBLEMS_KEY), v.array(ProblemSchema)) ?? [];
  return list.slice().sort((a, b) => b.last - a.last);
}

function writeProblems(list: OpenProblem[]): void {
  if (list.length) props().setProperty(PROBLEMS_KEY, JSON.stringify(list));
  else props().deleteProperty(PROBLEMS_KEY);
}

export function openProblem(kind: ProblemKind): OpenProblem | null {
  return readProblems().find((p) => p.kind === kind) ?? null;
}

function languageNow(): Language {
  const loaded = loadSettings();
  return loaded.ok ? loaded.settings.language : 'ru';
}

/**
 * Sends one message to the head's private chat. False when there is nowhere to send it (no bot,
 * no private chat chosen, that chat stopped) or Telegram refused it: the next sighting tries
 * again. A message that may have arrived (a timeout) counts as sent: never twice.
 */
function tellHead(html: string): boolean {
  const bot = loadBot();
  const loaded = loadSettings();
  const chat = loaded.ok ? loaded.settings.telegram.headChatId : null;
  // a private chat's id is the user's, never negative: a group is never told the head's problems
  if (!bot || chat === null || chat < 0) return false;
  const stopped = loadTelegramStatus();
  if (stopped && (stopped.chatId === undefined || stopped.chatId === chat)) return false;
  try {
    sendMessage(bot.token, chat, html);
    return true;
  } catch (e) {
    if (e instanceof TelegramError) return e.ambiguous;
    throw e;
  }
}

function spreadsheetUrl(): string {
  try {
    return SpreadsheetApp.getActive().getUrl();
  } catch {
    return '';
  }
}

/** What to do: an OAuth connection is mended by a new consent, not by pasting a token. */
function todoKey(kind: ProblemKind): ProblemTextKey {
  if (kind === 'amoAccess' && loadConnection()?.auth?.kind === 'oauth')
    return 'todo_amoAccessOAuth';
  return `todo_${kind}`;
}

/** The message that a problem started: what happened, since when, what the rating shows, what to do. */
export function problemMessage(lang: Language, p: OpenProblem, timeZone: string): string {
  const x = (key: ProblemTextKey, params: Record<string, string | number> = {}) =>
    escapeHtml(problemText(lang, key, params));
  const asOf = lastDataAsOf();
  const since = formatLocal(p.since, timeZone);
  const url = spreadsheetUrl();
  return [
    `<b>${x('msgTitle', { what: problemText(lang, `what_${p.kind}`) })}</b>`,
    escapeHtml(p.text),
    // the rating itself is fresh: only the cadence changed
    p.kind === 'telegram' || p.kind === 'liveBudget'
      ? ''
      : asOf
        ? x('msgSince', { since, asOf })
        : x('msgSinceNever', { since }),
    x('msgDo', { todo: problemText(lang, todoKey(p.kind)) }),
    url ? x('msgLink', { url }) : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** `after`: what comes next, a sentence (the next refresh), when known. */
export function solvedMessage(lang: Language, kind: ProblemKind, after: string | null): string {
  const title = `<b>${escapeHtml(problemText(lang, 'msgSolvedTitle', { what: problemText(lang, `solved_${kind}`) }))}</b>`;
  return after ? `${title}\n\n${escapeHtml(after)}` : title;
}

/**
 * A problem was seen (again): counted, its reason kept, and the head told once it is clear it
 * will not pass by itself. The caller holds the job lock or runs in the head's own session.
 */
export function problemSeen(
  kind: ProblemKind,
  text: string,
  timeZone: string,
  now = Date.now(),
): OpenProblem {
  const list = readProblems();
  const prev = list.find((p) => p.kind === kind);
  const p: OpenProblem = prev
    ? { ...prev, last: now, count: prev.count + 1, text }
    : { kind, since: now, last: now, count: 1, text, notified: false };
  const others = list.filter((x) => x.kind !== kind);
  const tell = !p.notified && p.count >= TELL_AFTER[kind];
  // marked told before sending: a run killed in between loses the message rather than repeat it
  writeProblems([{ ...p, notified: p.notified || tell }, ...others]);
  if (tell && !tellHead(problemMessage(languageNow(), p, timeZone))) {
    writeProblems([p, ...others]);
    return p;
  }
  return { ...p, notified: p.notified || tell };
}

/**
 * A problem is over: forgotten, and the head told so — once, and only if the head was told it
 * started. `next`: when the next refresh comes, when known.
 */
export function problemSolved(
  kind: ProblemKind,
  next: { local: string; dueNow: boolean } | null = null,
): boolean {
  const list = readProblems();
  const p = list.find((x) => x.kind === kind);
  if (!p) return false;
  writeProblems(list.filter((x) => x.kind !== kind));
  if (p.notified) {
    const lang = languageNow();
    const after = next
      ? problemText(lang, next.dueNow ? 'msgSolvedNextSoon' : 'msgSolvedNext', { next: next.local })
      : null;
    tellHead(solvedMessage(lang, kind, after));
  }
  return true;
}

/**
 * A post that may not have arrived, or that Telegram refused: a one-off, told to the head's
 * private chat once (the poster reports each post once). False when it could not be told.
 */
export function noticeToHead(text: string): boolean {
  const lang = languageNow();
  return tellHead(`<b>${escapeHtml(problemText(lang, 'msgNotice'))}</b>\n\n${escapeHtml(text)}`);
}

/** Forgets a problem without a word (the head removed what it was about). */
export function problemDropped(kind: ProblemKind): void {
  const list = readProblems();
  if (list.some((x) => x.kind === kind)) writeProblems(list.filter((x) => x.kind !== kind));
}
