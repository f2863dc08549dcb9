/**
 * Fidelity checked by published clients: amocrm-js (npm, UsefulWeb/AmoCRM, the Node client
 * with OAuth and API v4) and grammY (npm, a Telegram Bot API framework) talk to the emulators
 * and get what they expect.
 *
 * amocrm-js always calls `https.request({ hostname: '<sub>.amocrm.ru' })`; the test routes that
 * host to the emulator's plain-HTTP port (as the Apps Script runtime's host map does for the
 * bundle) and leaves everything else in the library untouched: URL and query building with qs,
 * headers, the OAuth exchange, JSON parsing.
 */
import http from 'node:http';
import https from 'node:https';
import { Bot, GrammyError } from 'grammy';
import {
  startAmoEmulator,
  startTelegramEmulator,
  type AmoHandle,
  type TelegramHandle,
} from '../support/emulators';

let amo: AmoHandle;
let tg: TelegramHandle;
const realRequest = https.request;

beforeAll(async () => {
  [amo, tg] = await Promise.all([
    startAmoEmulator(['--seed', '2', '--size', 'tiny']),
    startTelegramEmulator(),
  ]);
  const port = amo.port;
  (https as unknown as { request: unknown }).request = (
    options: https.RequestOptions,
    cb?: (res: http.IncomingMessage) => void,
  ) => {
    const host = String(options.hostname ?? options.host ?? '');
    if (!host.endsWith('.amocrm.ru')) return realRequest(options, cb);
    return http.request(
      {
        hostname: '127.0.0.1',
        port,
        path: options.path,
        method: options.method,
        headers: { ...(options.headers ?? {}), 'x-original-host': host },
      },
      cb,
    );
  };
});
afterAll(async () => {
  (https as unknown as { request: unknown }).request = realRequest;
  await Promise.all([amo.stop(), tg.stop()]);
});

describe('amocrm-js', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the library ships CommonJS
  const { Client } = require('amocrm-js') as typeof import('amocrm-js');

  test('with a long-lived token: account, filtered leads (qs-encoded brackets), users', async () => {
    const st = await amo.control<{
      oauth: { clientId: string; clientSecret: string; redirectUri: string };
      pipelines: Array<{ id: number }>;
    }>('state');
    const client = new Client({
      domain: 'demo',
      auth: {
        client_id: st.oauth.clientId,
        client_secret: st.oauth.clientSecret,
        redirect_uri: st.oauth.redirectUri,
        bearer: amo.token,
      },
    });
    const account = await client.request.get<{
      subdomain: string;
      _embedded: { datetime_settings: { timezone: string } };
    }>('/api/v4/account', { with: 'datetime_settings' });
    expect(account.data.subdomain).toBe('demo');
    expect(account.data._embedded.datetime_settings.timezone).toBe('Europe/Moscow');
    const leads = await client.request.get<{
      _embedded: { leads: Array<{ pipeline_id: number; status_id: number }> };
    }>('/api/v4/leads', {
      limit: 10,
      filter: { statuses: [{ pipeline_id: st.pipelines[0]?.id, status_id: 142 }] },
    });
    expect(leads.data._embedded.leads.length).toBeGreaterThan(0);
    expect(
      leads.data._embedded.leads.every(
        (l) => l.status_id === 142 && l.pipeline_id === st.pipelines[0]?.id,
      ),
    ).toBe(true);
    const users = await client.request.get<{ _total_items: number }>('/api/v4/users');
    expect(users.data._total_items).toBeGreaterThan(2);
  });

  test('OAuth: the library exchanges an authorization code and then calls the API with the access token', async () => {
    const st = await amo.control<{
      oauth: { clientId: string; clientSecret: string; redirectUri: string };
    }>('state');
    const { code } = await amo.control<{ code: string }>('oauth/code');
    const client = new Client({
      domain: 'demo.amocrm.ru',
      auth: {
        client_id: st.oauth.clientId,
        client_secret: st.oauth.clientSecret,
        redirect_uri: st.oauth.redirectUri,
        code,
      },
    });
    expect(await client.connection.connect()).toBe(true);
    const token = client.token.getValue();
    expect(token).toMatchObject({ token_type: 'Bearer', expires_in: 86400 });
    const r = await client.request.get<{ _embedded: { events: unknown[] } }>('/api/v4/events', {
      limit: 100,
      filter: { type: 'lead_status_changed' },
    });
    expect(r.data._embedded.events).toHaveLength(100);
  });
});

describe('grammY', () => {
  test('getMe, getUpdates (the bot added to a group), sendMessage in HTML, and a parse error as GrammyError', async () => {
    const bot = new Bot(tg.token, { client: { apiRoot: tg.url } });
    const me = await bot.api.getMe();
    expect(me).toMatchObject({ is_bot: true, username: 'rating_bot' });
    const updates = await bot.api.getUpdates();
    expect(updates[0]?.my_chat_member?.chat.id).toBe(tg.chatId);
    const msg = await bot.api.sendMessage(tg.chatId, '🥇 <b>Анна Смирнова</b> — 65,2 балла', {
      parse_mode: 'HTML',
    });
    expect(msg.text).toBe('🥇 Анна Смирнова — 65,2 балла');
    expect(msg.entities).toEqual([{ type: 'bold', offset: 3, length: 13 }]);
    const err = await bot.api
      .sendMessage(tg.chatId, 'строка<br>', { parse_mode: 'HTML' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GrammyError);
    expect((err as GrammyError).error_code).toBe(400);
    expect((err as GrammyError).description).toMatch(
      /can't parse entities: Unsupported start tag "br"/,
    );
  });

  test('a group upgrade reaches the client as migrate_to_chat_id', async () => {
    const bot = new Bot(tg.token, { client: { apiRoot: tg.url } });
    const g = await tg.control<{ id: number }>('chats', { title: 'Будущая супергруппа' });
    const sg = await tg.control<{ id: number }>('chats/upgrade', { chatId: g.id });
    const err = (await bot.api.sendMessage(g.id, 'x').catch((e: unknown) => e)) as GrammyError;
    expect(err.parameters.migrate_to_chat_id).toBe(sg.id);
  });
});
