/** What the sidebar's «Telegram» section shows: the bot (token masked), known chats, a stopping problem. */
import { loadBot, loadChats, loadTelegramStatus, type KnownChat } from './bot-store';
import { readNotices } from './notices';

export interface TelegramView {
  connected: boolean;
  botName: string | null;
  botUsername: string | null;
  /** '…abcd' */
  tokenHint: string | null;
  chats: KnownChat[];
  /** why posting stopped, in words; null when it did not */
  problem: string | null;
  /** posts that may not have been delivered or were refused, newest first */
  notices: string[];
}

export function telegramView(): TelegramView {
  const bot = loadBot();
  const status = loadTelegramStatus();
  return {
    connected: bot !== null,
    botName: bot?.name ?? null,
    botUsername: bot?.username ?? null,
    tokenHint: bot ? `…${bot.token.slice(-4)}` : null,
    chats: loadChats(),
    problem: status?.message ?? null,
    notices: readNotices().map((n) => n.text),
  };
}
