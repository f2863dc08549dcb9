/**
 * The Telegram bot's connection and what the sidebar learned about its chats, in document
 * properties. The token never leaves the server: the page sees its last 4 characters. The chats
 * are kept in pieces of a few KB (a property value holds 9 KB; a bot can be in many groups).
 * [docs/services.md §1.4]
 */
import * as v from 'valibot';
import { parseJson } from '../shapes/parse-json';
import { utf8Bytes } from '../shapes/utf8-bytes';

export const BOT_KEY = 'telegram.bot';
/** the chats as one value, as earlier versions stored them: read once, then replaced by pieces */
export const CHATS_KEY = 'telegram.chats';
/** how many pieces the chats take now; the pieces are `telegram.chats.0`, `.1`, … */
export const CHAT_PIECES_KEY = 'telegram.chats.n';
const pieceKey = (i: number) => `telegram.chats.${i}`;
/** bytes of one piece, well under the 9 KB of a value */
const PIECE_BYTES = 4000;
/** the newest chats kept: 100 titles of 128 Cyrillic letters take about 30 KB of the 500 KB */
export const MAX_CHATS = 100;
/** Telegram's own limit for a chat's title */
const MAX_TITLE = 128;
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
  /** only this chat is stopped (the bot may still post to the other one); absent: every chat */
  chatId: v.optional(v.number()),
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
  deleteChatPieces(p, 0);
  p.deleteProperty(CHATS_KEY);
  p.deleteProperty(CHAT_PIECES_KEY);
  p.deleteProperty(TELEGRAM_STATUS_KEY);
}

function deleteChatPieces(p: GoogleAppsScript.Properties.Properties, from: number): void {
  for (let i = from; p.getProperty(pieceKey(i)) !== null; i++) p.deleteProperty(pieceKey(i));
}

/** The chats the bot knows, oldest first (a damaged piece is skipped, not fatal). */
export function loadChats(): KnownChat[] {
  const p = props();
  const count = Number(p.getProperty(CHAT_PIECES_KEY));
  if (!Number.isInteger(count) || count <= 0)
    return parseJson(p.getProperty(CHATS_KEY), v.array(ChatSchema)) ?? [];
  const out: KnownChat[] = [];
  for (let i = 0; i < count; i++)
    out.push(...(parseJson(p.getProperty(pieceKey(i)), v.array(ChatSchema)) ?? []));
  return out;
}

/**
 * Stores the chats (the newest MAX_CHATS, and always the chats in `keep`: the ones chosen in the
 * settings) in pieces written by one call, then removes pieces left over from a longer list.
 */
export function saveChats(chats: KnownChat[], keep: ReadonlyArray<number | null> = []): void {
  const chosen = chats.filter((c) => keep.includes(c.id));
  const newest = chats.filter((c) => !keep.includes(c.id)).slice(-(MAX_CHATS - chosen.length));
  const kept = chats
    .filter((c) => chosen.includes(c) || newest.includes(c))
    .map((c) => ({ ...c, title: Array.from(c.title).slice(0, MAX_TITLE).join('') }));
  const pieces: KnownChat[][] = [];
  let piece: KnownChat[] = [];
  let bytes = 2;
  for (const chat of kept) {
    const size = utf8Bytes(JSON.stringify(chat)) + 1;
    if (piece.length && bytes + size > PIECE_BYTES) {
      pieces.push(piece);
      piece = [];
      bytes = 2;
    }
    piece.push(chat);
    bytes += size;
  }
  if (piece.length) pieces.push(piece);
  const values: Record<string, string> = { [CHAT_PIECES_KEY]: String(pieces.length) };
  pieces.forEach((list, i) => (values[pieceKey(i)] = JSON.stringify(list)));
  const p = props();
  p.setProperties(values);
  deleteChatPieces(p, pieces.length);
  p.deleteProperty(CHATS_KEY);
}

export function loadTelegramStatus(): TelegramStatus | null {
  return parseJson(props().getProperty(TELEGRAM_STATUS_KEY), StatusSchema);
}

export function saveTelegramStatus(status: TelegramStatus | null): void {
  if (status) props().setProperty(TELEGRAM_STATUS_KEY, JSON.stringify(status));
  else props().deleteProperty(TELEGRAM_STATUS_KEY);
}
