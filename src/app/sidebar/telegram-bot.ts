/**
 * The Telegram entry points the sidebar calls: connect the bot (its token checked with getMe),
 * find the chats it was added to or written to (getUpdates), send a test message, disconnect.
 * The token goes in and never comes back out.
 */
import { t } from '../../i18n/messages';
import { currentLanguage } from '../../settings/language';
import { getMe, getUpdates, sendMessage, TelegramError } from '../../telegram/api';
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

export interface TelegramResult {
  ok: boolean;
  message: string;
  telegram: TelegramView;
}

function result(ok: boolean, message: string): TelegramResult {
  return { ok, message, telegram: telegramView() };
}

function failed(e: unknown): TelegramResult {
  const lang = currentLanguage();
  if (e instanceof TelegramError) return result(false, e.text(lang));
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

/**
 * The groups the bot was added to and the private chats where someone wrote to it, since the
 * last look (Telegram keeps updates for 24 hours); a group the bot left or was removed from is
 * dropped, a group that became a supergroup is replaced by it.
 */
export function findTelegramChats(): TelegramResult {
  const lang = currentLanguage();
  const bot = loadBot();
  if (!bot) return result(false, t(lang, 'tgNotConnected'));
  const props = PropertiesService.getDocumentProperties();
  try {
    const chats = new Map(loadChats().map((c) => [c.id, c]));
    let offset = Number(props.getProperty(OFFSET_KEY) ?? 0);
    for (let round = 0; round < 10; round++) {
      const updates = getUpdates(bot.token, offset);
      for (const u of updates) {
        offset = Math.max(offset, u.update_id + 1);
        const member = u.my_chat_member;
        if (member) {
          if (['member', 'administrator'].includes(member.new_chat_member.status))
            chats.set(member.chat.id, chatOf(member.chat));
          else chats.delete(member.chat.id);
        }
        const m = u.message;
        if (m) {
          if (m.migrate_to_chat_id !== undefined) {
            const old = chats.get(m.chat.id);
            chats.delete(m.chat.id);
            if (old)
              chats.set(m.migrate_to_chat_id, {
                ...old,
                id: m.migrate_to_chat_id,
                type: 'supergroup',
              });
          } else chats.set(m.chat.id, chatOf(m.chat));
        }
      }
      if (updates.length < 100) break;
    }
    props.setProperty(OFFSET_KEY, String(offset));
    const list = [...chats.values()].filter((c) => c.type !== 'channel');
    saveChats(list);
    return result(
      true,
      list.length
        ? t(lang, 'tgChatsFound', { n: list.length })
        : t(lang, 'tgNoChats', { bot: `@${bot.username}` }),
    );
  } catch (e) {
    return failed(e);
  }
}

export function sendTelegramTest(chatId: unknown): TelegramResult {
  const lang = currentLanguage();
  const bot = loadBot();
  if (!bot) return result(false, t(lang, 'tgNotConnected'));
  const id = Number(chatId);
  if (!Number.isInteger(id)) return result(false, t(lang, 'tgNoChat'));
  try {
    const title = SpreadsheetApp.getActive().getName();
    sendMessage(bot.token, id, t(lang, 'tgTestText', { sheet: escapeHtml(title) }));
    return result(true, t(lang, 'tgTestSent'));
  } catch (e) {
    return failed(e);
  }
}
