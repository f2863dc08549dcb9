/**
 * The sidebar's status bar (docs/rules.md §6.1): what the sheets show (data as of), when the next
 * refresh comes, where the posts go, and the problem the head must know of, in words — plus, when
 * amoCRM refuses the connection, why, so the sidebar opens on a banner saying what to do.
 */
import { AmoError } from '../../amocrm/errors';
import type { Language } from '../../i18n/messages';
import { problemText } from '../../i18n/problem-texts';
import type { Settings } from '../../settings/schema';
import { loadBot, loadChats } from '../../telegram/bot-store';
import { accountZone } from '../jobs/refresh';
import { nextLiveRefresh, nextRefreshAt } from '../jobs/scheduler';
import { lastDataAsOf } from '../last-refresh';
import { ACCESS_CODES, readProblems, type ProblemKind } from '../problems';
import { formatLocal } from '../zone';

export interface StatusBarView {
  /** «16.03.2026 09:00», null before the first publish */
  dataAsOf: string | null;
  /** the next scheduled refresh as the account's clock shows it; null when the schedule is off */
  nextRefresh: string | null;
  /** the next refresh is the coming hourly tick (the day's hour has come) */
  dueNow: boolean;
  /**
   * «Обновлять в течение дня» on with the schedule: the local hour whose tick refreshes next, or
   * null when none is left today; absent when the setting or the schedule is off
   */
  nextLive?: { hour: number | null };
  /** where the posts go, in words */
  telegram: string;
  /** the newest open problem */
  problem: {
    kind: ProblemKind;
    text: string;
    since: string;
    count: number;
  } | null;
  /** amoCRM refuses the connection: why, in words; null when it works or is not known to fail */
  broken: string | null;
}

function telegramTarget(lang: Language, settings: Settings): string {
  if (!loadBot()) return problemText(lang, 'barTelegramOff');
  const id = settings.telegram.groupChatId ?? settings.telegram.headChatId;
  if (id === null) return problemText(lang, 'barTelegramNoChat');
  return loadChats().find((c) => c.id === id)?.title ?? String(id);
}

/**
 * `accountFailure`: what reading the account just now threw (null: it was read, or not tried).
 * A live refusal decides "broken"; without a live answer the last refresh's refusal does.
 */
export function statusBarView(
  lang: Language,
  settings: Settings,
  scheduleOn: boolean,
  accountFailure: unknown,
  accountRead: boolean,
): StatusBarView {
  const zone = accountZone();
  const next = scheduleOn ? nextRefreshAt(settings.scheduleHour) : null;
  const problems = readProblems();
  const top = problems[0] ?? null;
  const access = problems.find((p) => p.kind === 'amoAccess');
  let broken: string | null = null;
  if (accountFailure instanceof AmoError && ACCESS_CODES.includes(accountFailure.code))
    broken = accountFailure.text(lang);
  else if (!accountRead && access) broken = access.text;
  const live = scheduleOn ? nextLiveRefresh(settings.live) : null;
  return {
    ...(live ? { nextLive: live } : {}),
    dataAsOf: lastDataAsOf(),
    nextRefresh: next ? formatLocal(next.at, next.timeZone) : null,
    dueNow: next?.dueNow ?? false,
    telegram: telegramTarget(lang, settings),
    problem: top
      ? { kind: top.kind, text: top.text, since: formatLocal(top.since, zone), count: top.count }
      : null,
    broken,
  };
}
