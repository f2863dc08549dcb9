/**
 * The Telegram bot's connection and what the sidebar learned about its chats, in document
 * properties. The token never leaves the server: the page sees its last 4 characters.
 */
import * as v from 'valibot';
import { parseJson } from '../shapes/parse-json';

export const BOT_KEY = 'telegram.bot';
export const CHATS_KEY = 'telegram.chats';
export const TELEGRAM_STATUS_KEY = 'telegram.status';

const BotSchema = v.object({
  token: v.string(),
  id: v.number(),
  username: v.string(),
  name: v.string(),
});
export type BotConnection = v.InferOutput<typeof BotSchema>;

const ChatSchema = v.object({
  id: v.number(),
  title: v.string(),
  type: v.picklist(['private', 'group', 'supergroup', 'channel']),
});
export type KnownChat = v.InferOutput<typeof ChatSchema>;

/** A problem that stops posting until the head acts (bot removed, token revoked…). */
const StatusSchema = v.object({
  at: v.number(),
  code: v.string(),
  message: v.string(),
});
export type TelegramStatus = v.InferOutput<typeof StatusSchema>;

const props = () => PropertiesService.getDocumentProperties();

export function loadBot(): BotConnection | null {
  return parseJson(props().getProperty(BOT_KEY), BotSchema);
}

export function saveBot(bot: BotConnection): void {
  props().setProperty(BOT_KEY, JSON.stringify(bot));
}

export function deleteBot(): void {
  const p = props();
  p.deleteProperty(BOT_KEY);
  p.deleteProperty(CHATS_KEY);
  p.deleteProperty(TELEGRAM_STATUS_KEY);
}

export function loadChats(): KnownChat[] {
  return parseJson(props().getProperty(CHATS_KEY), v.array(ChatSchema)) ?? [];
}

export function saveChats(chats: KnownChat[]): void {
  props().setProperty(CHATS_KEY, JSON.stringify(chats.slice(0, 50)));
}

export function loadTelegramStatus(): TelegramStatus | null {
  return parseJson(props().getProperty(TELEGRAM_STATUS_KEY), StatusSchema);
}

export function saveTelegramStatus(status: TelegramStatus | null): void {
  if (status) props().setProperty(TELEGRAM_STATUS_KEY, JSON.stringify(status));
  else props().deleteProperty(TELEGRAM_STATUS_KEY);
}
