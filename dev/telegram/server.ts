/**
 * The Telegram Bot API emulator: getMe, getUpdates (the bot being added to a group arrives as
 * my_chat_member; updates older than 24 hours are gone; 409 while a webhook is set),
 * setWebhook/deleteWebhook/getWebhookInfo, getChat (ChatFullInfo shapes), sendMessage with real
 * HTML parse-mode validation and the 4096 limit after parsing, sendPhoto/sendDocument as
 * multipart, and the errors of the reference: can't parse entities, message is too long, chat not
 * found, bot kicked (403), bot blocked by the user (403), not enough rights in a restricted group
 * (400), group upgraded (migrate_to_chat_id), 429 with retry_after beyond 20 messages per minute
 * per group. A control API under /_emulator/ creates chats, adds/kicks the bot, restricts it,
 * blocks it in a private chat, sets a webhook, upgrades groups, and reads the transcript.
 * [docs/services.md, Part B]
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readBody, send } from '../emulator/http-util';
import type { MessageEntity } from './html-entities';
import { Refusal, tooManyRequests } from './refusal';
import {
  checkedPhotoSize,
  documentFields,
  photoFields,
  uploadedFile,
  type FileField,
  type Upload,
} from './send-file';
import {
  captionFields,
  captionText,
  checkLinkPreviewOptions,
  messageText,
  textFields,
  type ParsedText,
} from './send-text';

// the limits and the photo rule live beside their checks; they stay importable from here
export { MAX_CAPTION, MAX_TEXT } from './send-text';
export { imageSize, photoDimensionsOk } from './send-file';

export interface Chat {
  id: number;
  type: 'group' | 'supergroup' | 'private';
  title: string;
  botStatus: 'member' | 'administrator' | 'kicked' | 'left';
  /** the group's permissions do not let the bot send messages (it is not an administrator) */
  restricted?: boolean;
  /** the user of a private chat blocked the bot */
  blocked?: boolean;
  migratedTo?: number;
  messages: Message[];
  sentAt: number[];
}

export interface Message {
  message_id: number;
  from: { id: number; is_bot: boolean; first_name: string; username?: string };
  chat: { id: number; type: string; title?: string };
  date: number;
  text?: string;
  entities?: MessageEntity[];
  caption?: string;
  caption_entities?: MessageEntity[];
  photo?: Array<{
    file_id: string;
    file_unique_id: string;
    width: number;
    height: number;
    file_size: number;
  }>;
  document?: {
    file_id: string;
    file_unique_id: string;
    file_name: string;
    mime_type: string;
    file_size: number;
  };
  link_preview_options?: { is_disabled: boolean };
}

export interface TranscriptEntry {
  at: number;
  method: string;
  chatId?: string;
  ok: boolean;
  errorCode?: number;
  description?: string;
  text?: string;
  /** a photo or document taken: its file_id (the bytes at /_emulator/file) */
  fileId?: string;
}

/** An update waiting for getUpdates, with the moment it arose (Telegram keeps it 24 hours). */
interface QueuedUpdate {
  at: number;
  update: { update_id: number; [k: string]: unknown };
}

interface Bot {
  id: number;
  token: string;
  username: string;
  firstName: string;
  updates: QueuedUpdate[];
  nextUpdateId: number;
  /**
   * the webhook another program set; while it is set, getUpdates answers 409. Updates keep
   * queuing meanwhile, as when that webhook no longer answers (a working one would take them).
   */
  webhook: { url: string; at: number } | null;
  /** when this bot's last messages went out, for the overall limit */
  sentAt: number[];
}

export const GROUP_PER_MINUTE = 20;
/** one chat: about one message a second, a short burst tolerated [B5] */
export const CHAT_BURST = 3;
/** one bot, all chats together: about 30 messages a second [B5] */
export const BOT_PER_SECOND = 30;
/** how long Telegram keeps an update nobody fetched [B7] */
export const UPDATE_KEEP_MS = 24 * 3600_000;

/** the reference's words for the 409 of getUpdates while a webhook is set [B7] */
export const WEBHOOK_CONFLICT =
  "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";

/** what a send method needs the right to send, in the reference's refusal */
const RIGHT_NEEDED: Record<SendMethod, string> = {
  sendmessage: 'text messages',
  sendphoto: 'photos',
  senddocument: 'documents',
};

type Params = Record<string, string | Upload>;

type SendMethod = 'sendmessage' | 'sendphoto' | 'senddocument';

/** A parameter given as text; a file part is not one. */
function stringParam(p: Params, key: string): string | undefined {
  const value = p[key];
  return typeof value === 'string' ? value : undefined;
}

function parseMultipart(body: Buffer, boundary: string): Params {
  const out: Params = {};
  const delim = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delim);
  while (pos >= 0) {
    const start = pos + delim.length;
    if (body.slice(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delim, start);
    if (next < 0) break;
    const part = body.slice(start + 2, next - 2); // skip CRLF after the delimiter and before the next
    const headerEnd = part.indexOf('\r\n\r\n');
    const head = part.slice(0, headerEnd).toString('utf8');
    const data = part.slice(headerEnd + 4);
    const name = /name="([^"]*)"/i.exec(head)?.[1];
    const filename = /filename="([^"]*)"/i.exec(head)?.[1];
    const type = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? 'application/octet-stream';
    if (name)
      out[name] =
        filename !== undefined ? { filename, contentType: type, data } : data.toString('utf8');
    pos = next;
  }
  return out;
}

export class TelegramEmulator {
  readonly bots = new Map<string, Bot>();
  readonly chats = new Map<number, Chat>();
  readonly transcript: TranscriptEntry[] = [];
  private messageSeq = 1;
  private fileSeq = 1;
  /** the uploaded files by file_id, as Telegram keeps them (the transcript shows the pictures) */
  readonly files = new Map<string, { contentType: string; data: Buffer }>();
  private server?: Server;
  private lastTime = Date.now();
  /** fault injection: a chat answers 429 with this retry_after until the virtual time passes */
  private readonly throttled = new Map<number, { until: number; seconds: number }>();
  /** fault injection: answers (after the message is taken) come this much later */
  private slowMs = 0;

  createBot(username = 'rating_bot', firstName = 'Рейтинг'): Bot {
    const id = 7000000000 + this.bots.size + 1;
    const token = `${id}:AA${Buffer.from(`${username}-${id}`).toString('base64url').padEnd(33, 'x').slice(0, 33)}`;
    const bot: Bot = {
      id,
      token,
      username,
      firstName,
      updates: [],
      nextUpdateId: 100000 + this.bots.size * 1000,
      sentAt: [],
      webhook: null,
    };
    this.bots.set(token, bot);
    return bot;
  }

  createChat(title: string, type: 'group' | 'supergroup' | 'private' = 'group'): Chat {
    const base = 4000000000 + this.chats.size * 7919 + 1;
    const id =
      type === 'private'
        ? 500000000 + this.chats.size * 131
        : type === 'supergroup'
          ? -1000000000000 - base
          : -base;
    const chat: Chat = {
      id,
      type,
      title,
      botStatus: type === 'private' ? 'member' : 'left',
      messages: [],
      sentAt: [],
    };
    this.chats.set(id, chat);
    return chat;
  }

  private push(bot: Bot, update: Record<string, unknown>): void {
    bot.updates.push({ at: this.lastTime, update: { update_id: bot.nextUpdateId++, ...update } });
  }

  private member(bot: Bot, status: string) {
    return {
      status,
      user: { id: bot.id, is_bot: true, first_name: bot.firstName, username: bot.username },
    };
  }

  /** A group admin adds the bot: the bot receives a my_chat_member update. [B7] */
  addBot(bot: Bot, chat: Chat): void {
    const old = chat.botStatus;
    chat.botStatus = 'member';
    this.push(bot, {
      my_chat_member: {
        chat: { id: chat.id, title: chat.title, type: chat.type },
        from: { id: 1, is_bot: false, first_name: 'Админ' },
        date: this.now(),
        old_chat_member: this.member(bot, old === 'kicked' ? 'kicked' : 'left'),
        new_chat_member: this.member(bot, 'member'),
      },
    });
  }

  kickBot(bot: Bot, chat: Chat): void {
    chat.botStatus = 'kicked';
    this.push(bot, {
      my_chat_member: {
        chat: { id: chat.id, title: chat.title, type: chat.type },
        from: { id: 1, is_bot: false, first_name: 'Админ' },
        date: this.now(),
        old_chat_member: this.member(bot, 'member'),
        new_chat_member: this.member(bot, 'kicked'),
      },
    });
  }

  /**
   * The group's permissions stop (or again let) the bot send messages. In a supergroup the bot
   * hears of it as a my_chat_member update to "restricted"; a basic group's permissions change
   * without one.
   */
  restrict(bot: Bot, chat: Chat, restricted: boolean): void {
    chat.restricted = restricted;
    if (chat.type !== 'supergroup') return;
    const member = restricted
      ? {
          ...this.member(bot, 'restricted'),
          is_member: true,
          can_send_messages: false,
          until_date: 0,
        }
      : this.member(bot, 'member');
    this.push(bot, {
      my_chat_member: {
        chat: { id: chat.id, title: chat.title, type: chat.type },
        from: { id: 1, is_bot: false, first_name: 'Админ' },
        date: this.now(),
        old_chat_member: this.member(bot, restricted ? 'member' : 'restricted'),
        new_chat_member: member,
      },
    });
  }

  /**
   * The user of a private chat blocks (or unblocks) the bot: the bot gets a my_chat_member update
   * to "kicked" (or back to "member"), and messages to the user fail with 403.
   */
  block(bot: Bot, chat: Chat, blocked: boolean): void {
    chat.blocked = blocked;
    const user = { id: chat.id, is_bot: false, first_name: chat.title };
    this.push(bot, {
      my_chat_member: {
        chat: { id: chat.id, first_name: chat.title, type: 'private' },
        from: user,
        date: this.now(),
        old_chat_member: this.member(bot, blocked ? 'member' : 'kicked'),
        new_chat_member: this.member(bot, blocked ? 'kicked' : 'member'),
      },
    });
  }

  /** The group becomes a supergroup with a new id; the old id answers with migrate_to_chat_id. [B6] */
  upgrade(chat: Chat): Chat {
    // a new id, unrelated to the old group's [reference server: the supergroup is a new chat]
    const id = -1000000000000 - (1700000000 + this.chats.size * 104729);
    const sg: Chat = {
      id,
      type: 'supergroup',
      title: chat.title,
      botStatus: chat.botStatus,
      messages: [],
      sentAt: [],
    };
    this.chats.set(id, sg);
    chat.migratedTo = id;
    // the service messages every member bot receives [B6]
    for (const bot of this.bots.values()) {
      this.push(bot, {
        message: {
          message_id: this.messageSeq++,
          chat: { id: chat.id, title: chat.title, type: 'group' },
          date: this.now(),
          migrate_to_chat_id: id,
        },
      });
      this.push(bot, {
        message: {
          message_id: this.messageSeq++,
          chat: { id, title: chat.title, type: 'supergroup' },
          date: this.now(),
          migrate_from_chat_id: chat.id,
        },
      });
    }
    return sg;
  }

  userMessage(bot: Bot, chat: Chat, text: string): void {
    const isPrivate = chat.type === 'private';
    this.push(bot, {
      message: {
        message_id: this.messageSeq++,
        from: {
          id: isPrivate ? chat.id : 1,
          is_bot: false,
          first_name: isPrivate ? chat.title : 'Админ',
        },
        chat: isPrivate
          ? { id: chat.id, first_name: chat.title, type: 'private' }
          : { id: chat.id, title: chat.title, type: chat.type },
        date: this.now(),
        text,
      },
    });
  }

  private now(): number {
    return Math.floor(this.lastTime / 1000);
  }

  /**
   * The three limits [B5]: a chat takes about one message a second after a short burst, a group
   * 20 a minute, a bot 30 a second over all chats. Seconds to wait, or null when it may send.
   */
  private rateLimit(bot: Bot, chat: Chat): number | null {
    const t = this.lastTime;
    chat.sentAt = chat.sentAt.filter((x) => x > t - 60000);
    bot.sentAt = bot.sentAt.filter((x) => x > t - 1000);
    const wait = (until: number) => Math.max(1, Math.ceil((until - t) / 1000));
    if (bot.sentAt.length >= BOT_PER_SECOND) return wait((bot.sentAt[0] ?? t) + 1000);
    if (chat.type !== 'private' && chat.sentAt.length >= GROUP_PER_MINUTE)
      return wait((chat.sentAt[0] ?? t) + 60000);
    // a burst of CHAT_BURST within the last CHAT_BURST seconds, then one a second
    const recent = chat.sentAt.filter((x) => x > t - CHAT_BURST * 1000);
    if (recent.length >= CHAT_BURST)
      return wait((recent[recent.length - CHAT_BURST] ?? t) + CHAT_BURST * 1000);
    return null;
  }

  listen(port = 0): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) =>
        send(res, 500, {
          ok: false,
          error_code: 500,
          description: `Internal Server Error: ${(e as Error).message}`,
        }),
      );
    });
    // keep idle connections longer than any client's idle time, or a reused socket dies mid-request
    this.server.keepAliveTimeout = 120000;
    return new Promise((resolve) => {
      this.server?.listen(port, '127.0.0.1', () => {
        const a = this.server?.address();
        resolve(`http://127.0.0.1:${typeof a === 'object' && a ? a.port : port}`);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async params(req: IncomingMessage, query: string): Promise<Params> {
    const out: Params = Object.fromEntries(new URLSearchParams(query));
    const body = await readBody(req);
    const ct = String(req.headers['content-type'] ?? '');
    if (!body.length) return out;
    if (ct.startsWith('application/json')) {
      const j = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
      for (const [k, v] of Object.entries(j))
        out[k] = typeof v === 'string' ? v : JSON.stringify(v);
    } else if (ct.startsWith('multipart/form-data')) {
      const boundary = /boundary=([^;]+)/.exec(ct)?.[1]?.replace(/^"|"$/g, '') ?? '';
      Object.assign(out, parseMultipart(body, boundary));
    } else Object.assign(out, Object.fromEntries(new URLSearchParams(body.toString('utf8'))));
    return out;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const [path = '/', query = ''] = (req.url ?? '/').split('?', 2);
    if (path.startsWith('/_emulator/')) {
      // a control call may say when its event happens (for the 24-hour life of updates)
      const virtual = Number(req.headers['x-virtual-time']);
      if (virtual) this.lastTime = virtual;
      return this.control(req, res, path);
    }
    this.lastTime = Number(req.headers['x-virtual-time']) || Date.now();
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(path);
    const fail = (
      code: number,
      description: string,
      parameters?: Record<string, number>,
      method = '',
      chatId?: string,
    ) => {
      this.transcript.push({
        at: this.lastTime,
        method,
        chatId,
        ok: false,
        errorCode: code,
        description,
      });
      send(
        res,
        code,
        { ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) },
        'application/json',
        parameters?.retry_after ? { 'retry-after': String(parameters.retry_after) } : {},
      );
    };
    if (!m) return fail(404, 'Not Found');
    const bot = this.bots.get(m[1] ?? '');
    if (!bot) return fail(401, 'Unauthorized');
    const method = (m[2] ?? '').toLowerCase();
    let p: Params;
    try {
      p = await this.params(req, query);
    } catch {
      return fail(400, 'Bad Request: invalid JSON', undefined, method);
    }
    const str = (k: string) => stringParam(p, k);
    const ok = (result: unknown, extra: Partial<TranscriptEntry> = {}, description?: string) => {
      this.transcript.push({ at: this.lastTime, method, ok: true, ...extra });
      send(res, 200, { ok: true, result, ...(description ? { description } : {}) });
    };
    switch (method) {
      case 'getme':
        return ok({
          id: bot.id,
          is_bot: true,
          first_name: bot.firstName,
          username: bot.username,
          can_join_groups: true,
          can_read_all_group_messages: false,
          supports_inline_queries: false,
        });
      case 'getupdates': {
        // a bot with a webhook gets its updates there, never here [B7]
        if (bot.webhook) return fail(409, WEBHOOK_CONFLICT, undefined, method);
        const offset = Number(str('offset') ?? 0);
        const limit = Math.min(100, Math.max(1, Number(str('limit') ?? 100)));
        this.expireUpdates(bot);
        if (offset > 0) bot.updates = bot.updates.filter((u) => u.update.update_id >= offset);
        else if (offset < 0) bot.updates = bot.updates.slice(offset);
        return ok(bot.updates.slice(0, limit).map((u) => u.update));
      }
      case 'setwebhook': {
        const url = str('url') ?? '';
        if (!url) {
          bot.webhook = null;
          return ok(true, {}, 'Webhook was deleted');
        }
        if (!/^https:\/\/[^/]+/i.test(url))
          return fail(
            400,
            'Bad Request: bad webhook: An HTTPS URL must be provided for webhook',
            undefined,
            method,
          );
        bot.webhook = { url, at: this.lastTime };
        if (str('drop_pending_updates') === 'true') bot.updates = [];
        return ok(true, {}, 'Webhook was set');
      }
      case 'deletewebhook': {
        const had = bot.webhook !== null;
        bot.webhook = null;
        if (str('drop_pending_updates') === 'true') bot.updates = [];
        return ok(true, {}, had ? 'Webhook was deleted' : 'Webhook is already deleted');
      }
      case 'getwebhookinfo':
        this.expireUpdates(bot);
        return ok({
          url: bot.webhook?.url ?? '',
          has_custom_certificate: false,
          pending_update_count: bot.updates.length,
          ...(bot.webhook ? { max_connections: 40, ip_address: '149.154.167.220' } : {}),
        });
      case 'getchat':
        try {
          return ok(this.chatInfo(str('chat_id')));
        } catch (e) {
          if (e instanceof Refusal)
            return fail(e.code, e.description, e.parameters, method, str('chat_id') || undefined);
          throw e;
        }
      case 'sendmessage':
      case 'sendphoto':
      case 'senddocument':
        try {
          const { message, text } = await this.deliver(bot, method, p);
          const fileId = message.photo?.[0]?.file_id ?? message.document?.file_id;
          return ok(message, { chatId: str('chat_id'), text, ...(fileId ? { fileId } : {}) });
        } catch (e) {
          // the transcript names the chat whenever the request did
          if (e instanceof Refusal)
            return fail(e.code, e.description, e.parameters, method, str('chat_id') || undefined);
          throw e;
        }
      default:
        return fail(404, 'Not Found: method not found', undefined, method);
    }
  }

  /** Updates older than 24 hours are gone, fetched or not. [B7] */
  private expireUpdates(bot: Bot): void {
    bot.updates = bot.updates.filter((u) => u.at > this.lastTime - UPDATE_KEEP_MS);
  }

  /**
   * getChat: the ChatFullInfo of a chat the bot may see (a private chat answers even when its
   * user blocked the bot); a chat it was never in is "not found", one it was removed from 403.
   */
  private chatInfo(chatId: string | undefined): Record<string, unknown> {
    if (!chatId) throw new Refusal(400, 'Bad Request: chat_id is empty');
    const chat = this.chats.get(Number(chatId));
    if (!chat) throw new Refusal(400, 'Bad Request: chat not found');
    const common = {
      id: chat.id,
      type: chat.type,
      accent_color_id: Math.abs(chat.id) % 7,
      max_reaction_count: 11,
      accepted_gift_types: {
        unlimited_gifts: false,
        limited_gifts: false,
        unique_gifts: false,
        premium_subscription: false,
      },
    };
    if (chat.type === 'private') return { ...common, first_name: chat.title };
    const kind = chat.type === 'supergroup' ? 'supergroup' : 'group';
    if (chat.botStatus === 'kicked')
      throw new Refusal(403, `Forbidden: bot was kicked from the ${kind} chat`);
    if (chat.botStatus === 'left') throw new Refusal(400, 'Bad Request: chat not found');
    return {
      ...common,
      title: chat.title,
      permissions: {
        can_send_messages: !chat.restricted,
        can_send_audios: !chat.restricted,
        can_send_documents: !chat.restricted,
        can_send_photos: !chat.restricted,
        can_send_videos: !chat.restricted,
        can_send_video_notes: !chat.restricted,
        can_send_voice_notes: !chat.restricted,
        can_send_polls: !chat.restricted,
        can_send_other_messages: !chat.restricted,
        can_add_web_page_previews: !chat.restricted,
        can_change_info: false,
        can_invite_users: true,
        can_pin_messages: false,
        can_manage_topics: false,
      },
      ...(chat.migratedTo !== undefined ? { migrate_to_chat_id: chat.migratedTo } : {}),
    };
  }

  /**
   * sendMessage, sendPhoto and sendDocument: the reference's checks in its order (the chat, the
   * text or caption, the bot's right to send it, link_preview_options, a user who blocked the bot,
   * the limits, the file), then the message is recorded. A failed check throws its Refusal.
   */
  private async deliver(
    bot: Bot,
    method: SendMethod,
    p: Params,
  ): Promise<{ message: Message; text: string }> {
    const chat = this.usableChat(stringParam(p, 'chat_id'));
    const parseMode = stringParam(p, 'parse_mode');
    const parsed =
      method === 'sendmessage'
        ? messageText(stringParam(p, 'text') ?? '', parseMode)
        : captionText(stringParam(p, 'caption') ?? '', parseMode);
    // the content is checked against the chat's permissions once it is parsed (tdlib's order)
    if (chat.restricted)
      throw new Refusal(
        400,
        `Bad Request: not enough rights to send ${RIGHT_NEEDED[method]} to the chat`,
      );
    checkLinkPreviewOptions(stringParam(p, 'link_preview_options'));
    if (chat.blocked) throw new Refusal(403, 'Forbidden: bot was blocked by the user');
    this.checkLimits(bot, chat);
    // the message id is taken before the file is checked (a refused file spends one)
    const header = this.messageHeader(bot, chat);
    const body =
      method === 'sendmessage'
        ? textFields(
            parsed,
            stringParam(p, 'link_preview_options'),
            stringParam(p, 'disable_web_page_preview'),
          )
        : this.fileBody(method === 'sendphoto' ? 'photo' : 'document', p, parsed);
    const message: Message = { ...header, ...body };
    this.record(bot, chat, message);
    if (this.slowMs) await new Promise((r) => setTimeout(r, this.slowMs));
    return { message, text: parsed.text };
  }

  /** The chat a message goes to: named, known, not upgraded, and with the bot in it. */
  private usableChat(chatId: string | undefined): Chat {
    if (!chatId) throw new Refusal(400, 'Bad Request: chat_id is empty');
    const chat = this.chats.get(Number(chatId));
    if (!chat) throw new Refusal(400, 'Bad Request: chat not found');
    if (chat.migratedTo !== undefined)
      throw new Refusal(400, 'Bad Request: group chat was upgraded to a supergroup chat', {
        migrate_to_chat_id: chat.migratedTo,
      });
    const kind = chat.type === 'supergroup' ? 'supergroup' : 'group';
    if (chat.botStatus === 'kicked')
      throw new Refusal(403, `Forbidden: bot was kicked from the ${kind} chat`);
    if (chat.botStatus !== 'member' && chat.botStatus !== 'administrator')
      throw new Refusal(403, `Forbidden: bot is not a member of the ${kind} chat`);
    return chat;
  }

  /** An injected throttle answers first, then the three limits. [B5] */
  private checkLimits(bot: Bot, chat: Chat): void {
    const forced = this.throttled.get(chat.id);
    if (forced && forced.until > this.lastTime) throw tooManyRequests(forced.seconds);
    const limited = this.rateLimit(bot, chat);
    if (limited !== null) throw tooManyRequests(limited);
  }

  /** What every message the bot sends starts with; takes the next message id. */
  private messageHeader(bot: Bot, chat: Chat): Message {
    return {
      message_id: this.messageSeq++,
      from: { id: bot.id, is_bot: true, first_name: bot.firstName, username: bot.username },
      chat: { id: chat.id, title: chat.title, type: chat.type },
      date: this.now(),
    };
  }

  /** The checked upload as the message's photo or document, then its caption. */
  private fileBody(
    field: FileField,
    p: Params,
    caption: ParsedText,
  ): Pick<Message, 'photo' | 'document' | 'caption' | 'caption_entities'> {
    const file = uploadedFile(field, p[field]);
    const size = field === 'photo' ? checkedPhotoSize(file) : null;
    // the file id is taken only once the file is accepted
    const fileId = `F${this.fileSeq++}`;
    const attached: Pick<Message, 'photo' | 'document'> = size
      ? photoFields(file, size, fileId)
      : documentFields(file, fileId);
    const kept = attached.photo?.[0]?.file_id ?? attached.document?.file_id;
    if (kept) this.files.set(kept, { contentType: file.contentType, data: file.data });
    return { ...attached, ...captionFields(caption) };
  }

  /** The message joins the chat and counts against the chat's and the bot's limits. */
  private record(bot: Bot, chat: Chat, message: Message): void {
    chat.sentAt.push(this.lastTime);
    bot.sentAt.push(this.lastTime);
    chat.messages.push(message);
  }

  private async control(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const body = req.method === 'POST' ? await readBody(req) : Buffer.alloc(0);
    const j = body.length ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {};
    const str = (x: unknown, d: string) => (typeof x === 'string' ? x : d);
    const bot = this.bots.get(str(j.token, '')) ?? [...this.bots.values()][0];
    const chat = this.chats.get(Number(j.chatId));
    switch (path) {
      case '/_emulator/bots':
        return send(
          res,
          200,
          this.createBot(str(j.username, 'rating_bot'), str(j.firstName, 'Рейтинг')),
        );
      case '/_emulator/chats': {
        const type = j.type === 'supergroup' || j.type === 'private' ? j.type : 'group';
        const c = this.createChat(str(j.title, 'Отдел продаж'), type);
        if (type === 'private' && bot) this.userMessage(bot, c, '/start');
        else if (j.addBot !== false && bot) this.addBot(bot, c);
        return send(res, 200, c);
      }
      case '/_emulator/chats/add-bot':
        if (!chat || !bot) return send(res, 404, { error: 'no such chat or bot' });
        this.addBot(bot, chat);
        return send(res, 200, chat);
      case '/_emulator/chats/kick':
        if (!chat || !bot) return send(res, 404, { error: 'no such chat or bot' });
        this.kickBot(bot, chat);
        return send(res, 200, chat);
      case '/_emulator/chats/restrict':
        if (!chat || !bot) return send(res, 404, { error: 'no such chat or bot' });
        this.restrict(bot, chat, j.restricted !== false);
        return send(res, 200, chat);
      case '/_emulator/chats/block':
        if (!chat || !bot || chat.type !== 'private')
          return send(res, 404, { error: 'no such private chat or bot' });
        this.block(bot, chat, j.blocked !== false);
        return send(res, 200, chat);
      case '/_emulator/bots/webhook':
        if (!bot) return send(res, 404, { error: 'no such bot' });
        bot.webhook = typeof j.url === 'string' && j.url ? { url: j.url, at: this.lastTime } : null;
        return send(res, 200, { ok: true });
      case '/_emulator/chats/upgrade':
        if (!chat) return send(res, 404, { error: 'no such chat' });
        return send(res, 200, this.upgrade(chat));
      case '/_emulator/chats/say':
        if (!chat || !bot) return send(res, 404, { error: 'no such chat or bot' });
        this.userMessage(bot, chat, str(j.text, '/start'));
        return send(res, 200, { ok: true });
      case '/_emulator/chats/throttle':
        if (!chat) return send(res, 404, { error: 'no such chat' });
        this.throttled.set(chat.id, {
          until: Number(j.until ?? 0),
          seconds: Number(j.seconds ?? 600),
        });
        return send(res, 200, { ok: true });
      case '/_emulator/bots/revoke':
        if (!bot) return send(res, 404, { error: 'no such bot' });
        this.bots.delete(bot.token);
        return send(res, 200, { ok: true });
      case '/_emulator/slow':
        this.slowMs = Number(j.ms ?? 0);
        return send(res, 200, { ok: true });
      case '/_emulator/file': {
        const f = this.files.get(str(j.fileId, ''));
        if (!f) return send(res, 404, { error: 'no such file' });
        return send(res, 200, { contentType: f.contentType, base64: f.data.toString('base64') });
      }
      case '/_emulator/transcript':
        return send(res, 200, { transcript: this.transcript, chats: [...this.chats.values()] });
      default:
        return send(res, 404, { error: `unknown control path ${path}` });
    }
  }
}
