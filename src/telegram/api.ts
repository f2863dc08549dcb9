/**
 * The Telegram Bot API over UrlFetchApp: JSON requests, the response envelope checked, and every
 * failure as a typed TelegramError — 429 with its retry_after, a group upgraded with its new id
 * (read from parameters, never from the description), the bot removed or the chat gone, the bot
 * without the right to write in a group or blocked by the user of a private chat (posting to that
 * chat stops until the head acts), a bad token, a webhook that keeps getUpdates from working (409).
 * The token is in the URL path only, never in a message. [docs/services.md §B1, §B5–§B7, §B9]
 */
import * as v from 'valibot';
import { telegramErrorText, type TelegramErrorCode } from '../i18n/telegram-texts';
import type { Language } from '../i18n/messages';

export const API_BASE = 'https://api.telegram.org';

export class TelegramError extends Error {
  constructor(
    readonly code: TelegramErrorCode,
    readonly detail = '',
    /** seconds Telegram asked to wait (429) */
    readonly retryAfter: number | null = null,
    /** the group became a supergroup with this id */
    readonly migrateTo: number | null = null,
    /** the message may have been delivered (a timeout, a server error): never resend blindly */
    readonly ambiguous = false,
  ) {
    super(telegramErrorText('ru', code, detail));
    this.name = 'TelegramError';
  }
  text(lang: Language): string {
    return telegramErrorText(lang, this.code, this.detail);
  }
  /** posting cannot go on until the head reconnects or re-adds the bot */
  get stopsPosting(): boolean {
    return this.stopsChat || this.code === 'bad_token';
  }
  /** only this chat is out of reach (the bot may still post to the other one) */
  get stopsChat(): boolean {
    return ['chat_not_found', 'bot_removed', 'not_member', 'no_rights', 'blocked'].includes(
      this.code,
    );
  }
}

const Envelope = v.object({
  ok: v.boolean(),
  result: v.optional(v.unknown()),
  error_code: v.optional(v.number()),
  description: v.optional(v.string()),
  parameters: v.optional(
    v.object({
      retry_after: v.optional(v.number()),
      migrate_to_chat_id: v.optional(v.number()),
    }),
  ),
});

function classify(status: number, body: v.InferOutput<typeof Envelope> | null): TelegramError {
  const description = body?.description ?? `HTTP ${status}`;
  const retry = body?.parameters?.retry_after ?? null;
  const migrate = body?.parameters?.migrate_to_chat_id ?? null;
  if (status === 429) return new TelegramError('too_many', description, retry ?? 5);
  if (migrate !== null) return new TelegramError('rejected', description, null, migrate);
  if (status === 401 || status === 404) return new TelegramError('bad_token', description);
  if (status === 409)
    return new TelegramError(/webhook/i.test(description) ? 'webhook' : 'conflict', description);
  // a group whose permissions keep the bot silent: Telegram answers 400 (older texts: "have no
  // rights to send a message"; a channel: "need administrator rights"); matched on any status
  if (/not enough rights|have no rights|need administrator rights/i.test(description))
    return new TelegramError('no_rights', rightOf(description));
  if (status === 403) {
    if (/blocked by the user/i.test(description)) return new TelegramError('blocked', description);
    return new TelegramError(
      /kicked/i.test(description) ? 'bot_removed' : 'not_member',
      description,
    );
  }
  if (status === 400 && /chat not found/i.test(description))
    return new TelegramError('chat_not_found', description);
  if (status >= 500) return new TelegramError('server', description, null, null, true);
  return new TelegramError('rejected', description.replace(/^Bad Request: /, ''));
}

/** The kind of message the bot lacks the right to send, from the refusal's words. */
function rightOf(description: string): string {
  const m = /to send (text messages|photos|documents|[a-z ]+?) to the chat/i.exec(description);
  return m?.[1]?.toLowerCase() ?? 'text messages';
}

/** One Bot API call; the result, or a TelegramError. */
export function callBot(
  token: string,
  method: string,
  params: Record<string, unknown> = {},
): unknown {
  return call(token, method, {
    method: 'post',
    contentType: 'application/json',
    payload: JSON.stringify(params),
    muteHttpExceptions: true,
  });
}

/**
 * One Bot API call with a file: a payload object holding a Blob, which UrlFetchApp sends as
 * multipart/form-data with its own boundary (no contentType may be given, or the Blob is not a
 * part). Every other field is a string, as a form field is. [docs/services.md §1.3, §B4]
 */
export function callBotWithFile(
  token: string,
  method: string,
  fields: Record<string, string>,
  file: { field: string; blob: GoogleAppsScript.Base.Blob },
): unknown {
  return call(token, method, {
    method: 'post',
    payload: { ...fields, [file.field]: file.blob },
    muteHttpExceptions: true,
  });
}

function call(
  token: string,
  method: string,
  options: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions,
): unknown {
  let res: GoogleAppsScript.URL_Fetch.HTTPResponse;
  try {
    res = UrlFetchApp.fetch(`${API_BASE}/bot${token}/${method}`, options);
  } catch (e) {
    // the message of a failed fetch may carry the URL, and so the token: keep only its kind.
    // A timeout may come after Telegram took the message; a refused connection never does.
    const timeout = e instanceof Error && /time(d)? ?out/i.test(e.message);
    return fail(
      new TelegramError('network', timeout ? 'timeout' : 'unreachable', null, null, timeout),
    );
  }
  const status = res.getResponseCode();
  let body: v.InferOutput<typeof Envelope> | null;
  try {
    const parsed = v.safeParse(Envelope, JSON.parse(res.getContentText()));
    body = parsed.success ? parsed.output : null;
  } catch {
    body = null;
  }
  if (status === 200 && body?.ok) return body.result;
  if (status === 200) return fail(new TelegramError('bad_response', `${method}: no ok result`));
  return fail(classify(status, body));
}

function fail(e: TelegramError): never {
  throw e;
}

const BotSchema = v.object({
  id: v.number(),
  is_bot: v.literal(true),
  first_name: v.string(),
  username: v.string(),
});

export function getMe(token: string): v.InferOutput<typeof BotSchema> {
  const r = v.safeParse(BotSchema, callBot(token, 'getMe'));
  if (!r.success) throw new TelegramError('bad_response', 'getMe');
  return r.output;
}

const ChatSchema = v.object({
  id: v.number(),
  type: v.picklist(['private', 'group', 'supergroup', 'channel']),
  title: v.optional(v.string()),
  first_name: v.optional(v.string()),
  last_name: v.optional(v.string()),
  username: v.optional(v.string()),
});

const UpdateSchema = v.object({
  update_id: v.number(),
  message: v.optional(
    v.object({
      chat: ChatSchema,
      migrate_to_chat_id: v.optional(v.number()),
      migrate_from_chat_id: v.optional(v.number()),
    }),
  ),
  my_chat_member: v.optional(
    v.object({
      chat: ChatSchema,
      // a restricted member is still in the chat when is_member is true
      new_chat_member: v.object({ status: v.string(), is_member: v.optional(v.boolean()) }),
    }),
  ),
});
export type TelegramUpdate = v.InferOutput<typeof UpdateSchema>;

/** at most this many updates in one getUpdates answer */
export const UPDATES_PAGE = 100;

/**
 * One page of updates from `offset` (each update is kept by Telegram for 24 hours). Reading with
 * a higher offset later confirms, and so deletes, everything before it: the caller stores what a
 * page says before it asks for the next one.
 */
export function getUpdates(token: string, offset: number, limit = UPDATES_PAGE): TelegramUpdate[] {
  const r = v.safeParse(
    v.array(UpdateSchema),
    callBot(token, 'getUpdates', { offset, limit, timeout: 0 }),
  );
  if (!r.success) throw new TelegramError('bad_response', 'getUpdates');
  return r.output;
}

/**
 * Removes the bot's webhook so getUpdates works again. Updates that still wait for the webhook are
 * kept (drop_pending_updates false): they may be the very additions to groups the head is after.
 */
export function deleteWebhook(token: string): void {
  if (callBot(token, 'deleteWebhook', { drop_pending_updates: false }) !== true)
    throw new TelegramError('bad_response', 'deleteWebhook');
}

const ChatInfoSchema = v.object({
  id: v.number(),
  type: v.picklist(['private', 'group', 'supergroup', 'channel']),
  title: v.optional(v.string()),
  first_name: v.optional(v.string()),
  last_name: v.optional(v.string()),
  username: v.optional(v.string()),
});
export type ChatInfo = v.InferOutput<typeof ChatInfoSchema>;

/** What Telegram says about a chat (its type above all); other ChatFullInfo fields are ignored. */
export function getChat(token: string, chatId: number): ChatInfo {
  const r = v.safeParse(ChatInfoSchema, callBot(token, 'getChat', { chat_id: chatId }));
  if (!r.success) throw new TelegramError('bad_response', 'getChat');
  return r.output;
}

export interface SentMessage {
  message_id: number;
}

export function sendMessage(token: string, chatId: number, html: string): SentMessage {
  const r = v.safeParse(
    v.object({ message_id: v.number() }),
    callBot(token, 'sendMessage', {
      chat_id: chatId,
      text: html,
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
    }),
  );
  if (!r.success) throw new TelegramError('bad_response', 'sendMessage');
  return r.output;
}

/** Telegram's limit of a photo's caption, in characters after parsing. [docs/services.md §B4] */
export const MAX_CAPTION = 1024;

/** A PNG as a photo, with an HTML caption (the caller keeps it within MAX_CAPTION). */
export function sendPhoto(
  token: string,
  chatId: number,
  png: GoogleAppsScript.Base.Blob,
  caption: string,
): SentMessage {
  const fields: Record<string, string> = { chat_id: String(chatId) };
  if (caption) {
    fields.caption = caption;
    fields.parse_mode = 'HTML';
  }
  const r = v.safeParse(
    v.object({ message_id: v.number() }),
    callBotWithFile(token, 'sendPhoto', fields, { field: 'photo', blob: png }),
  );
  if (!r.success) throw new TelegramError('bad_response', 'sendPhoto');
  return r.output;
}
