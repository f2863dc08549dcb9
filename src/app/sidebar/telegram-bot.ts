/**
 * The Telegram entry points the sidebar calls: connect the bot (its token checked with getMe),
 * find the chats it was added to or written to (getUpdates, page by page), remove a webhook that
 * keeps getUpdates from working (with the head's consent), send a test message, disconnect; and
 * the check that the head's chat is a private one (getChat). The token goes in and never comes
 * back out.
 */
import { t, type Language } from '../../i18n/messages';
import { currentLanguage } from '../../settings/language';
import { loadSettings } from '../../settings/settings-store';
import {
  deleteWebhook,
  getChat,
  getMe,
  getUpdates,
  sendMessage,
  TelegramError,
  UPDATES_PAGE,
  type TelegramUpdate,
} from '../../telegram/api';
import {
  deleteBot,
  loadBot,
  loadChats,
  saveBot,
  saveChats,
  saveTelegramStatus,
  type KnownChat,
} from '../../telegram/bot-store';
import { escapeHtml } from '../../telegram/html';
import { telegramView, type TelegramView } from '../../telegram/view';

const OFFSET_KEY = 'telegram.updateOffset';
/** pages of updates one «Найти чаты» reads at most; the next press goes on from there */
const MAX_PAGES = 20;
/** and for at most this long (a sidebar call should answer within seconds) */
const FIND_BUDGET_MS = 30_000;

export interface TelegramResult {
  ok: boolean;
  message: string;
  telegram: TelegramView;
  /** what the sidebar may offer to do about the failure, with the head's consent */
  offer?: 'deleteWebhook';
}

function result(ok: boolean, message: string): TelegramResult {
  return { ok, message, telegram: telegramView() };
}

function failed(e: unknown): TelegramResult {
  const lang = currentLanguage();
  if (e instanceof TelegramError) {
    const r = result(false, e.text(lang));
    return e.code === 'webhook' ? { ...r, offer: 'deleteWebhook' } : r;
  }
  throw e;
}

export function connectTelegramBot(token: unknown): TelegramResult {
  const lang = currentLanguage();
  const trimmed = typeof token === 'string' ? token.trim() : '';
  if (!/^\d+:[\w-]{20,}$/.test(trimmed)) return result(false, t(lang, 'tgTokenShape'));
  try {
    const me = getMe(trimmed);
    saveBot({ token: trimmed, id: me.id, username: me.username, name: me.first_name });
    PropertiesService.getDocumentProperties().deleteProperty(OFFSET_KEY);
    saveTelegramStatus(null);
    return result(true, t(lang, 'tgConnected', { bot: `@${me.username}` }));
  } catch (e) {
    return failed(e);
  }
}

export function disconnectTelegramBot(): TelegramResult {
  deleteBot();
  PropertiesService.getDocumentProperties().deleteProperty(OFFSET_KEY);
  return result(true, t(currentLanguage(), 'tgDisconnected'));
}

function chatOf(c: {
  id: number;
  type: KnownChat['type'];
  title?: string;
  first_name?: string;
  last_name?: string;
  username?: string;
}): KnownChat {
  const title =
    c.title ??
    ([c.first_name, c.last_name].filter(Boolean).join(' ') ||
      (c.username ? `@${c.username}` : String(c.id)));
  return { id: c.id, type: c.type, title };
}

/** A my_chat_member status that keeps the bot in the chat (a restricted bot is still a member). */
function stays(member: { status: string; is_member?: boolean }): boolean {
  if (member.status === 'restricted') return member.is_member === true;
  return ['member', 'administrator', 'creator'].includes(member.status);
}

/** What one update says about the chats the bot knows. Channels are never offered. */
function applyUpdate(chats: Map<number, KnownChat>, u: TelegramUpdate): void {
  const put = (c: KnownChat) => {
    chats.delete(c.id); // re-inserted: the newest stay when the list is cut
    if (c.type !== 'channel') chats.set(c.id, c);
  };
  const member = u.my_chat_member;
  if (member) {
    if (stays(member.new_chat_member)) put(chatOf(member.chat));
    else chats.delete(member.chat.id);
  }
  const m = u.message;
  if (!m) return;
  if (m.migrate_to_chat_id !== undefined) {
    const old = chats.get(m.chat.id);
    chats.delete(m.chat.id);
    if (old) put({ ...old, id: m.migrate_to_chat_id, type: 'supergroup' });
  } else put(chatOf(m.chat));
}

/**
 * The groups the bot was added to and the private chats where someone wrote to it, since the
 * last look (Telegram keeps updates for 24 hours); a group the bot left or was removed from is
 * dropped, a group that became a supergroup is replaced by it. Page by page: what a page says is
 * stored before the offset moves past it, so a failure never loses a chat (the next press reads
 * the same updates again).
 */
export function findTelegramChats(): TelegramResult {
  const lang = currentLanguage();
  const bot = loadBot();
  if (!bot) return result(false, t(lang, 'tgNotConnected'));
  const props = PropertiesService.getDocumentProperties();
  const started = Date.now();
  try {
    const chats = new Map(loadChats().map((c) => [c.id, c]));
    const settings = loadSettings(lang);
    // the chosen group and head's chat stay listed however many chats come after them
    const chosen = settings.ok
      ? [settings.settings.telegram.groupChatId, settings.settings.telegram.headChatId]
      : [];
    let offset = Number(props.getProperty(OFFSET_KEY) ?? 0);
    let more = false;
    for (let page = 1; ; page++) {
      const updates = getUpdates(bot.token, offset, UPDATES_PAGE);
      if (!updates.length) break;
      for (const u of updates) {
        offset = Math.max(offset, u.update_id + 1);
        applyUpdate(chats, u);
      }
      // stored first: the next getUpdates with the new offset makes Telegram forget this page
      saveChats([...chats.values()], chosen);
      props.setProperty(OFFSET_KEY, String(offset));
      if (updates.length < UPDATES_PAGE) break;
      if (page >= MAX_PAGES || Date.now() - started > FIND_BUDGET_MS) {
        more = true;
        break;
      }
    }
    const list = loadChats();
    const found = list.length
      ? t(lang, 'tgChatsFound', { n: list.length })
      : t(lang, 'tgNoChats', { bot: `@${bot.username}` });
    return result(true, more ? `${found} ${t(lang, 'tgChatsMore')}` : found);
  } catch (e) {
    return failed(e);
  }
}

/**
 * «Удалить webhook», offered after getUpdates answered 409: removes the webhook (the head agreed:
 * whatever program received the bot's updates there stops getting them) and looks for the chats
 * again.
 */
export function deleteTelegramWebhook(): TelegramResult {
  const lang = currentLanguage();
  const bot = loadBot();
  if (!bot) return result(false, t(lang, 'tgNotConnected'));
  try {
    deleteWebhook(bot.token);
  } catch (e) {
    return failed(e);
  }
  const found = findTelegramChats();
  return { ...found, message: `${t(lang, 'tgWebhookDeleted')} ${found.message}` };
}

/**
 * Why this chat cannot be the head's (null when it can): the bottom-watch digest is for the head
 * alone, so Telegram must say the chat is private. A chat Telegram does not know, or that cannot
 * be checked now, is refused too: never saved unchecked.
 */
export function headChatProblem(chatId: number, lang: Language): string | null {
  const bot = loadBot();
  if (!bot) return t(lang, 'tgNotConnected');
  try {
    const chat = getChat(bot.token, chatId);
    if (chat.type === 'private') return null;
    return t(lang, 'tgHeadNotPrivate', {
      title: chatOf(chat).title,
      kind: t(lang, chat.type === 'channel' ? 'tgKindChannel' : 'tgKindGroup'),
    });
  } catch (e) {
    if (!(e instanceof TelegramError)) throw e;
    if (e.code === 'chat_not_found') return t(lang, 'tgHeadUnknown');
    return e.text(lang);
  }
}

/**
 * «Отправить тестовое сообщение»: one to each chat chosen (the group and the head's private chat),
 * each saying what will arrive there, so the head sees both work before saving. A chat that
 * refuses does not keep the other from getting its message; the answer names each chat.
 * An id alone (the form before the head's chat had a test) is the group's.
 */
export function sendTelegramTest(chats: unknown): TelegramResult {
  const lang = currentLanguage();
  const bot = loadBot();
  if (!bot) return result(false, t(lang, 'tgNotConnected'));
  const asked =
    chats !== null && typeof chats === 'object' && !Array.isArray(chats)
      ? (chats as { group?: unknown; head?: unknown })
      : { group: chats };
  const targets: Array<{ role: 'group' | 'head'; id: number }> = [];
  for (const role of ['group', 'head'] as const) {
    const raw = asked[role];
    if (raw === null || raw === undefined || raw === '') continue;
    const id = Number(raw);
    if (!Number.isSafeInteger(id)) return result(false, t(lang, 'tgNoChat'));
    targets.push({ role, id });
  }
  if (!targets.length) return result(false, t(lang, 'tgNoChat'));
  const known = new Map(loadChats().map((c) => [c.id, c.title]));
  const sheet = escapeHtml(SpreadsheetApp.getActive().getName());
  const sent: string[] = [];
  const problems: string[] = [];
  let offer: TelegramResult['offer'];
  for (const { role, id } of targets) {
    const where = t(lang, role === 'group' ? 'tgTestToGroup' : 'tgTestToHead', {
      title: known.get(id) ?? String(id),
    });
    try {
      sendMessage(
        bot.token,
        id,
        t(lang, role === 'group' ? 'tgTestText' : 'tgTestTextHead', { sheet }),
      );
      sent.push(where);
    } catch (e) {
      if (!(e instanceof TelegramError)) throw e;
      if (e.code === 'webhook') offer = 'deleteWebhook';
      problems.push(t(lang, 'tgTestFailedTo', { chat: where, reason: e.text(lang) }));
    }
  }
  const words = [
    ...(sent.length ? [t(lang, 'tgTestSentTo', { chats: sent.join(t(lang, 'tgTestAnd')) })] : []),
    ...problems,
  ].join(' ');
  const r = result(problems.length === 0, words);
  return offer ? { ...r, offer } : r;
}
