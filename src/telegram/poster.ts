/**
 * Sending what the last publish put in the outbox, each post once (docs/rules.md §4.8, §7). The
 * caller holds the job lock. A post goes out when its day's rating is published and the posting
 * hour has come; an outbox from an earlier day is never sent (a stale daily post is superseded).
 * Errors: 429 waits when the wait fits the run, else the next tick continues; a group upgraded to
 * a supergroup moves to its new id and the part is sent there; a revoked token stops posting with
 * a status until the head acts; a removed bot, a missing chat, a group where the bot may not write
 * or a head who blocked the bot stops posting to that chat only (its posts stay pending, the other
 * chat still gets its own); a timeout or a server error may have delivered the message, so it is
 * reported, not resent; a refused connection backs off. A head's chat that is not private (a
 * negative id is a group or a channel) never gets the digest: it is reported as not sent, once.
 */
import { t, type Language } from '../i18n/messages';
import { telegramErrorText } from '../i18n/telegram-texts';
import { MAX_CAPTION, sendMessage, sendPhoto, TelegramError } from './api';
import { visibleLength } from './post-format';
import { loadBot, loadTelegramStatus, saveTelegramStatus, type TelegramStatus } from './bot-store';
import { ledgerKey, readLedger, writeLedger, type Ledger } from './ledger';
import type { Post } from './post-format';

export interface PostingReport {
  sent: number;
  uncertain: number;
  failed: number;
  /** posts left for a later run (not yet time, rate limit, network) */
  waiting: number;
  /** why posting stopped until the head acts */
  stopped?: string;
}

const BACKOFF_MS = [1000, 3000, 9000];

function localNow(now: number, tz: string): { day: string; hour: number } {
  return {
    day: Utilities.formatDate(new Date(now), tz, 'yyyy-MM-dd'),
    hour: Number(Utilities.formatDate(new Date(now), tz, 'H')),
  };
}

function postTitle(lang: Language, p: Post): string {
  return t(lang, 'postName', { kind: t(lang, `post_${p.kind}`), period: p.period });
}

/** The posts of one published day, as the publish left them. */
export interface PostsToSend {
  /** the local day of the published data */
  day: string;
  /** the account's zone (for "today" and the posting hour) */
  timeZone: string;
  posts: Post[];
}

/** Where and when posts go, and what the caller does about what happens on the way. */
export interface PostingContext {
  lang: Language;
  /** the local hour from which the day's posts may go */
  hour: number;
  groupChatId: number | null;
  headChatId: number | null;
  /** the posts to send (read only when there is a bot that may post) */
  readPosts: () => PostsToSend | null;
  /** a group became a supergroup: the chat's posts belong to the new id from now on */
  onChatMigrated: (from: number, to: number) => void;
  /** a post may not have been delivered, or was refused: the head must hear of it */
  onNotice: (text: string) => void;
  /** the week's points chart as a PNG, for a post that carries it (null: no chart to send) */
  chartPhoto?: () => GoogleAppsScript.Base.Blob | null;
}

export function sendDuePosts(
  ctx: PostingContext,
  deadline: number,
  now = Date.now(),
): PostingReport {
  const report: PostingReport = { sent: 0, uncertain: 0, failed: 0, waiting: 0 };
  const lang = ctx.lang;
  const bot = loadBot();
  if (!bot) return report;
  let stopped: TelegramStatus | null = loadTelegramStatus();
  // no retry loop: the head acts first (a stop of one chat leaves the other one going)
  if (stopped && stopped.chatId === undefined) return { ...report, stopped: stopped.message };
  const outbox = ctx.readPosts();
  if (!outbox) return report;
  const local = localNow(now, outbox.timeZone);
  if (outbox.day !== local.day || local.hour < ctx.hour) {
    report.waiting = outbox.posts.length;
    return report;
  }
  const ledger: Ledger = readLedger();
  const chats = { group: ctx.groupChatId, head: ctx.headChatId };
  const chatOf = (p: Post) => (p.audience === 'group' ? chats.group : chats.head);
  const addNotice = ctx.onNotice;
  /**
   * This chat is out of reach until the head acts. A second chat out of reach stops everything
   * (one status says both), so the head hears of each problem.
   */
  const stopChat = (chatId: number, code: string, message: string): boolean => {
    const both = stopped !== null && stopped.chatId !== chatId;
    stopped = both
      ? { at: Date.now(), code, message: `${stopped?.message ?? ''} ${message}`.trim() }
      : { at: Date.now(), code, message, chatId };
    saveTelegramStatus(stopped);
    report.stopped = stopped.message;
    return both;
  };

  for (const post of outbox.posts) {
    let chatId = chatOf(post);
    if (chatId === null) continue;
    if (stopped?.chatId === chatId) {
      report.waiting++;
      report.stopped = stopped.message;
      continue;
    }
    let key = ledgerKey(post.kind, post.period, chatId);
    if (post.audience === 'head' && chatId < 0) {
      // a private chat's id is the user's, never negative: this is a group or a channel (maybe
      // the team's own group). The digest is never sent there; reported once, like a refusal.
      if (!ledger[key]) {
        const reason = telegramErrorText(lang, 'not_private', '');
        ledger[key] = { state: 'failed', part: 0, parts: post.parts.length, at: Date.now() };
        writeLedger(ledger);
        addNotice(t(lang, 'postFailed', { post: postTitle(lang, post), reason }));
        report.failed++;
      }
      continue;
    }
    const entry = ledger[key];
    if (entry && entry.state !== 'pending') {
      if (entry.state === 'sending') {
        // a run died between handing a part to Telegram and hearing back: never resend it
        ledger[key] = { ...entry, state: 'uncertain', at: Date.now() };
        writeLedger(ledger);
        addNotice(t(lang, 'postUncertain', { post: postTitle(lang, post) }));
        report.uncertain++;
      }
      continue;
    }
    if (post.photoCaption !== undefined && ctx.chartPhoto && (entry?.part ?? 0) === 0) {
      const photo = sendPostPhoto(post, chatId, bot.token, ledger, ctx, deadline);
      if (photo === 'wait') {
        report.waiting++;
        return report; // the next tick sends the photo, then the text
      }
    }
    let part = entry?.part ?? 0;
    let attempt = 0;
    while (part < post.parts.length) {
      ledger[key] = { state: 'sending', part, parts: post.parts.length, at: Date.now() };
      writeLedger(ledger);
      try {
        sendMessage(bot.token, chatId, post.parts[part] ?? '');
        part++;
        attempt = 0;
        ledger[key] = {
          state: part < post.parts.length ? 'pending' : 'sent',
          part,
          parts: post.parts.length,
          at: Date.now(),
        };
        writeLedger(ledger);
        continue;
      } catch (e) {
        if (!(e instanceof TelegramError)) throw e;
        const pending = (detail?: string) => {
          ledger[key] = {
            state: 'pending',
            part,
            parts: post.parts.length,
            at: Date.now(),
            ...(detail ? { detail } : {}),
          };
          writeLedger(ledger);
        };
        if (e.migrateTo !== null) {
          // the group became a supergroup: the post belongs to the new id from now on
          const to = e.migrateTo;
          ctx.onChatMigrated(chatId, to);
          if (chats.group === chatId) chats.group = to;
          if (chats.head === chatId) chats.head = to;
          delete ledger[key];
          chatId = to;
          key = ledgerKey(post.kind, post.period, chatId);
          pending();
          continue;
        }
        if (e.code === 'too_many') {
          const wait = (e.retryAfter ?? 5) * 1000;
          pending(e.text(lang));
          if (Date.now() + wait < deadline) {
            Utilities.sleep(wait);
            continue;
          }
          report.waiting++;
          return report; // the next tick continues where this one stopped
        }
        if (e.ambiguous) {
          ledger[key] = {
            state: 'uncertain',
            part,
            parts: post.parts.length,
            at: Date.now(),
            detail: e.text(lang),
          };
          writeLedger(ledger);
          addNotice(t(lang, 'postUncertain', { post: postTitle(lang, post) }));
          report.uncertain++;
          break;
        }
        if (e.code === 'network') {
          const wait = BACKOFF_MS[attempt++];
          pending(e.text(lang));
          if (wait !== undefined && Date.now() + wait < deadline) {
            Utilities.sleep(wait);
            continue;
          }
          report.waiting++;
          return report;
        }
        if (e.stopsChat) {
          // the post waits for the head to fix this chat; the other chat's posts go on
          pending(e.text(lang));
          report.waiting++;
          if (stopChat(chatId, e.code, e.text(lang))) return report;
          break;
        }
        if (e.stopsPosting) {
          pending(e.text(lang));
          saveTelegramStatus({ at: Date.now(), code: e.code, message: e.text(lang) });
          return { ...report, stopped: e.text(lang) };
        }
        // Telegram refused this post (it is not the chat or the bot): say so, go on with the rest
        ledger[key] = {
          state: 'failed',
          part,
          parts: post.parts.length,
          at: Date.now(),
          detail: e.text(lang),
        };
        writeLedger(ledger);
        addNotice(t(lang, 'postFailed', { post: postTitle(lang, post), reason: e.text(lang) }));
        report.failed++;
        break;
      }
    }
    if (ledger[key]?.state === 'sent') report.sent++;
  }
  return report;
}

/**
 * The chart above a post's text, once: its own ledger entry (kind "-photo"), so a photo sent is
 * never sent again and a photo refused never holds the text back. A refused photo is said to the
 * head; an error of the chat itself (removed bot, migration, no rights) is left to the text's
 * send, which handles it; a 429 waits when the wait fits the run, else the next tick goes on.
 */
function sendPostPhoto(
  post: Post,
  chatId: number,
  token: string,
  ledger: Ledger,
  ctx: PostingContext,
  deadline: number,
): 'done' | 'wait' {
  const key = ledgerKey(`${post.kind}-photo`, post.period, chatId);
  const entry = ledger[key];
  if (entry?.state === 'sending') {
    // a run died between handing the photo to Telegram and hearing back: never resend it
    ledger[key] = { ...entry, state: 'uncertain', at: Date.now() };
    writeLedger(ledger);
    ctx.onNotice(t(ctx.lang, 'postUncertain', { post: postTitle(ctx.lang, post) }));
    return 'done';
  }
  if (entry && entry.state !== 'pending') return 'done';
  const blob = ctx.chartPhoto?.() ?? null;
  if (!blob) return 'done';
  const caption =
    post.photoCaption && visibleLength(post.photoCaption) <= MAX_CAPTION ? post.photoCaption : '';
  for (;;) {
    ledger[key] = { state: 'sending', part: 0, parts: 1, at: Date.now() };
    writeLedger(ledger);
    try {
      sendPhoto(token, chatId, blob, caption);
      ledger[key] = { state: 'sent', part: 1, parts: 1, at: Date.now() };
      writeLedger(ledger);
      return 'done';
    } catch (e) {
      if (!(e instanceof TelegramError)) throw e;
      if (e.code === 'too_many') {
        ledger[key] = {
          state: 'pending',
          part: 0,
          parts: 1,
          at: Date.now(),
          detail: e.text(ctx.lang),
        };
        writeLedger(ledger);
        const wait = (e.retryAfter ?? 5) * 1000;
        if (Date.now() + wait < deadline) {
          Utilities.sleep(wait);
          continue;
        }
        return 'wait';
      }
      if (e.migrateTo !== null || e.stopsPosting || e.code === 'network') {
        // the text's send meets the same answer and does what it says
        delete ledger[key];
        writeLedger(ledger);
        return 'done';
      }
      const title = postTitle(ctx.lang, post);
      if (e.ambiguous) {
        ledger[key] = {
          state: 'uncertain',
          part: 0,
          parts: 1,
          at: Date.now(),
          detail: e.text(ctx.lang),
        };
        writeLedger(ledger);
        ctx.onNotice(t(ctx.lang, 'postUncertain', { post: title }));
        return 'done';
      }
      ledger[key] = {
        state: 'failed',
        part: 0,
        parts: 1,
        at: Date.now(),
        detail: e.text(ctx.lang),
      };
      writeLedger(ledger);
      ctx.onNotice(t(ctx.lang, 'postFailed', { post: title, reason: e.text(ctx.lang) }));
      return 'done';
    }
  }
}
