/** The Telegram Bot API emulator against docs/services.md, Part B (sections cited). */
import { startTelegramEmulator, type TelegramHandle } from '../support/emulators';

let tg: TelegramHandle;
beforeAll(async () => {
  tg = await startTelegramEmulator();
});
afterAll(() => tg.stop());

const PNG_1x1 = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000002000000030806000000b9eaddf80000000d49444154789c6360a00e0000002f0001fd2f3a6f0000000049454e44ae426082',
  'hex',
);

test('B7 getMe; getUpdates shows the bot being added to the group as my_chat_member', async () => {
  const me = await tg.call('getMe');
  expect(me.body).toMatchObject({ ok: true, result: { is_bot: true, username: 'rating_bot' } });
  const up = await tg.call('getUpdates');
  const u = (
    up.body.result as Array<{
      update_id: number;
      my_chat_member?: { chat: { id: number; type: string }; new_chat_member: { status: string } };
    }>
  )[0];
  expect(u?.my_chat_member).toMatchObject({
    chat: { id: tg.chatId, type: 'group' },
    new_chat_member: { status: 'member' },
  });
  // the head's private /start comes too
  const all = up.body.result as Array<{ update_id: number; message?: { chat: { type: string } } }>;
  expect(all.map((x) => x.message?.chat.type ?? 'member')).toEqual(['member', 'private']);
  // confirming with offset drops what was seen
  const after = await tg.call('getUpdates', { offset: (all.at(-1)?.update_id ?? 0) + 1 });
  expect(after.body.result).toEqual([]);
});

test('B2/B3 sendMessage in HTML: entities in UTF-16 offsets, escaped text comes back plain', async () => {
  const r = await tg.call('sendMessage', {
    chat_id: tg.chatId,
    parse_mode: 'HTML',
    text: '🥇 <b>Анна</b> &amp; Ко &lt;b&gt; — <i>42</i>',
  });
  expect(r.status).toBe(200);
  expect(r.body.result).toMatchObject({
    text: '🥇 Анна & Ко <b> — 42',
    entities: [
      { type: 'bold', offset: 3, length: 4 },
      { type: 'italic', offset: 19, length: 2 },
    ],
  });
});

test('B3 unsupported tags and broken markup fail with "can\'t parse entities"', async () => {
  const br = await tg.call('sendMessage', {
    chat_id: tg.chatId,
    parse_mode: 'HTML',
    text: 'строка<br>ещё',
  });
  expect([br.status, br.body.description]).toEqual([
    400,
    'Bad Request: can\'t parse entities: Unsupported start tag "br" at byte offset 12',
  ]);
  const unclosed = await tg.call('sendMessage', {
    chat_id: tg.chatId,
    parse_mode: 'HTML',
    text: '<b>Иван',
  });
  expect(unclosed.body.description).toMatch(
    /^Bad Request: can't parse entities: Can't find end tag corresponding to start tag "b"/,
  );
  const raw = await tg.call('sendMessage', {
    chat_id: tg.chatId,
    parse_mode: 'HTML',
    text: 'ООО <Ромашка>',
  });
  expect(raw.status).toBe(400);
});

test('B2 the 4096 limit is counted after parsing', async () => {
  const tags = `<b>${'ж'.repeat(4000)}</b> <i>${'ё'.repeat(95)}</i>`; // 4110 characters of markup, 4096 of text
  expect(
    (await tg.call('sendMessage', { chat_id: tg.chatId, parse_mode: 'HTML', text: tags })).status,
  ).toBe(200);
  const over = await tg.call('sendMessage', {
    chat_id: tg.chatId,
    parse_mode: 'HTML',
    text: `${tags}!`,
  });
  expect([over.status, over.body.description]).toEqual([400, 'Bad Request: message is too long']);
  expect((await tg.call('sendMessage', { chat_id: tg.chatId, text: '' })).body.description).toBe(
    'Bad Request: message text is empty',
  );
});

test('B6 chat not found; the bot kicked (403); a group upgraded to a supergroup (migrate_to_chat_id)', async () => {
  const missing = await tg.call('sendMessage', { chat_id: -1234, text: 'x' });
  expect([missing.status, missing.body.description]).toEqual([400, 'Bad Request: chat not found']);
  const g = await tg.control<{ id: number }>('chats', { title: 'Группа на вылет' });
  await tg.control('chats/kick', { chatId: g.id });
  const kicked = await tg.call('sendMessage', { chat_id: g.id, text: 'x' });
  expect([kicked.status, kicked.body.description]).toEqual([
    403,
    'Forbidden: bot was kicked from the group chat',
  ]);
  const old = await tg.control<{ id: number }>('chats', { title: 'Растущая группа' });
  const sg = await tg.control<{ id: number }>('chats/upgrade', { chatId: old.id });
  expect(String(sg.id)).toMatch(/^-100\d+$/);
  const moved = await tg.call('sendMessage', { chat_id: old.id, text: 'x' });
  expect(moved.body).toEqual({
    ok: false,
    error_code: 400,
    description: 'Bad Request: group chat was upgraded to a supergroup chat',
    parameters: { migrate_to_chat_id: sg.id },
  });
  expect((await tg.call('sendMessage', { chat_id: sg.id, text: 'x' })).status).toBe(200);
});

test('B5 the 21st message within a minute to a group gets 429 with retry_after', async () => {
  const g = await tg.control<{ id: number }>('chats', { title: 'Шумная группа' });
  const url = `${tg.url}/bot${tg.token}/sendMessage`;
  const at = Date.parse('2031-01-01T00:00:00Z');
  const send = (t: number) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-virtual-time': String(t) },
      body: JSON.stringify({ chat_id: g.id, text: 'x' }),
    });
  for (let i = 0; i < 20; i++) expect((await send(at + i * 1000)).status).toBe(200);
  const r = await send(at + 20000);
  expect(r.status).toBe(429);
  expect(r.headers.get('retry-after')).toBe('40');
  expect(await r.json()).toEqual({
    ok: false,
    error_code: 429,
    description: 'Too Many Requests: retry after 40',
    parameters: { retry_after: 40 },
  });
  expect((await send(at + 61000)).status).toBe(200);
});

/** a PNG header of the given size (enough for Telegram to read its dimensions) */
function pngOf(width: number, height: number): Buffer {
  const b = Buffer.from(PNG_1x1);
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return b;
}

async function sendPhoto(chatId: number, photo: Buffer) {
  const form = new FormData();
  form.append('chat_id', String(chatId));
  form.append('photo', new Blob([new Uint8Array(photo)], { type: 'image/png' }), 'chart.png');
  const r = await fetch(`${tg.url}/bot${tg.token}/sendPhoto`, { method: 'POST', body: form });
  return { status: r.status, body: (await r.json()) as { description?: string } };
}

test('B4 sendPhoto and sendDocument take multipart uploads', async () => {
  const chat = await tg.control<{ id: number }>('chats', { title: 'Фото' });
  const form = new FormData();
  form.append('chat_id', String(chat.id));
  form.append('caption', '<b>Баллы</b>');
  form.append('parse_mode', 'HTML');
  form.append('photo', new Blob([PNG_1x1], { type: 'image/png' }), 'chart.png');
  const r = await fetch(`${tg.url}/bot${tg.token}/sendPhoto`, { method: 'POST', body: form });
  const body = (await r.json()) as {
    result: { photo: Array<{ width: number; height: number; file_size: number }>; caption: string };
  };
  expect(body.result.photo[0]).toMatchObject({ width: 2, height: 3, file_size: PNG_1x1.length });
  expect(body.result.caption).toBe('Баллы');
  const doc = new FormData();
  doc.append('chat_id', String(chat.id));
  doc.append('document', new Blob(['a;b\n1;2'], { type: 'text/csv' }), 'rating.csv');
  const d = (await (
    await fetch(`${tg.url}/bot${tg.token}/sendDocument`, { method: 'POST', body: doc })
  ).json()) as { result: { document: { file_name: string; mime_type: string } } };
  expect(d.result.document).toMatchObject({ file_name: 'rating.csv', mime_type: 'text/csv' });
  const t = await tg.control<{ transcript: Array<{ method: string; ok: boolean }> }>('transcript');
  expect(t.transcript.filter((x) => x.method === 'sendphoto' && x.ok)).toHaveLength(1);
});

test('B1 unknown method and unknown token', async () => {
  expect((await tg.call('sendSticker', { chat_id: tg.chatId })).body).toMatchObject({
    ok: false,
    error_code: 404,
    description: 'Not Found: method not found',
  });
  const r = await fetch(`${tg.url}/bot123:bad/getMe`);
  expect([r.status, ((await r.json()) as { description: string }).description]).toEqual([
    401,
    'Unauthorized',
  ]);
});

describe('checked against the reference server', () => {
  /** a message at a given virtual moment (the emulator's clock follows its callers) */
  const at = (chatId: number, t: number, text = 'x') =>
    fetch(`${tg.url}/bot${tg.token}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-virtual-time': String(t) },
      body: JSON.stringify({ chat_id: chatId, text }),
    });

  test('one chat: a burst of 3, then about one message a second (429 with retry_after)', async () => {
    const g = await tg.control<{ id: number }>('chats', { title: 'Быстрая' });
    const t0 = Date.parse('2032-01-01T00:00:00Z');
    for (let i = 0; i < 3; i++) expect((await at(g.id, t0 + i * 100)).status).toBe(200);
    const r = await at(g.id, t0 + 300);
    expect(r.status).toBe(429);
    expect(
      ((await r.json()) as { parameters: { retry_after: number } }).parameters.retry_after,
    ).toBeGreaterThanOrEqual(1);
    expect((await at(g.id, t0 + 3100)).status).toBe(200);
  });

  test('one bot: about 30 messages a second over all chats', async () => {
    const t0 = Date.parse('2033-01-01T00:00:00Z');
    const chats: number[] = [];
    for (let i = 0; i < 31; i++)
      chats.push(
        (await tg.control<{ id: number }>('chats', { title: `Личный ${i}`, type: 'private' })).id,
      );
    for (let i = 0; i < 30; i++) expect((await at(chats[i] ?? 0, t0 + i * 10)).status).toBe(200);
    expect((await at(chats[30] ?? 0, t0 + 400)).status).toBe(429);
    expect((await at(chats[30] ?? 0, t0 + 1500)).status).toBe(200);
  });

  test('4096 characters are code points after trimming; entity offsets stay UTF-16 and shift with the trim', async () => {
    const g = await tg.control<{ id: number }>('chats', { title: 'Длинная' });
    const t0 = Date.parse('2034-01-01T00:00:00Z');
    const send = (text: string, t: number) =>
      fetch(`${tg.url}/bot${tg.token}/sendMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-virtual-time': String(t) },
        body: JSON.stringify({ chat_id: g.id, text, parse_mode: 'HTML' }),
      });
    expect((await send(`  ${'🥇'.repeat(4096)}  `, t0)).status).toBe(200);
    const over = await send('🥇'.repeat(4097), t0 + 5000);
    expect(((await over.json()) as { description: string }).description).toBe(
      'Bad Request: message is too long',
    );
    const trimmed = (await (await send('  \n <b>Анна</b> 🥇<i>1</i>  ', t0 + 10000)).json()) as {
      result: { text: string; entities: Array<{ type: string; offset: number; length: number }> };
    };
    expect(trimmed.result.text).toBe('Анна 🥇1');
    expect(trimmed.result.entities).toEqual([
      { type: 'bold', offset: 0, length: 4 },
      { type: 'italic', offset: 7, length: 1 },
    ]);
    for (const empty of ['   ', '<b></b>', '<b> </b>\n'])
      expect(
        ((await (await send(empty, t0 + 20000)).json()) as { description: string }).description,
      ).toBe('Bad Request: text must be non-empty');
  });

  test('a link with an unsafe or relative href is dropped, its text kept', async () => {
    const g = await tg.control<{ id: number }>('chats', { title: 'Ссылки' });
    const r = await tg.call('sendMessage', {
      chat_id: g.id,
      parse_mode: 'HTML',
      text: '<a href="javascript:alert(1)">a</a> <a href="/leads/1">b</a> <a href="https://x.amocrm.ru/leads/detail/1">c</a>',
    });
    expect(r.body.result).toMatchObject({
      text: 'a b c',
      entities: [
        { type: 'text_link', offset: 4, length: 1, url: 'https://x.amocrm.ru/leads/detail/1' },
      ],
    });
  });

  test("a supergroup's id is unrelated to the old group's; both sides get a service message", async () => {
    const old = await tg.control<{ id: number }>('chats', { title: 'Группа' });
    const sg = await tg.control<{ id: number }>('chats/upgrade', { chatId: old.id });
    expect(String(sg.id)).toMatch(/^-100\d+$/);
    expect(String(sg.id)).not.toContain(String(-old.id));
    const updates = (await tg.call('getUpdates', { offset: -10 })).body.result as Array<{
      message?: {
        chat: { id: number };
        migrate_to_chat_id?: number;
        migrate_from_chat_id?: number;
      };
    }>;
    expect(updates.some((u) => u.message?.migrate_to_chat_id === sg.id)).toBe(true);
    expect(updates.some((u) => u.message?.migrate_from_chat_id === old.id)).toBe(true);
  });

  test('options that are not JSON are a 400, not a 500', async () => {
    const g = await tg.control<{ id: number }>('chats', { title: 'Опции' });
    const r = await fetch(`${tg.url}/bot${tg.token}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        chat_id: String(g.id),
        text: 'x',
        link_preview_options: '{broken',
      }),
    });
    expect(r.status).toBe(400);
    const bad = await fetch(`${tg.url}/bot${tg.token}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"chat_id": ',
    });
    expect(bad.status).toBe(400);
  });

  test('sendPhoto decodes the image and refuses impossible dimensions', async () => {
    const g = await tg.control<{ id: number }>('chats', { title: 'Графики' });
    expect((await sendPhoto(g.id, pngOf(1200, 800))).status).toBe(200);
    for (const [w, h] of [
      [9000, 2000],
      [100, 2500],
    ])
      expect((await sendPhoto(g.id, pngOf(w ?? 0, h ?? 0))).body.description).toBe(
        'Bad Request: PHOTO_INVALID_DIMENSIONS',
      );
    expect((await sendPhoto(g.id, Buffer.from('not an image at all'))).body.description).toBe(
      'Bad Request: IMAGE_PROCESS_FAILED',
    );
  });
});

describe('setting up a bot: webhooks, old updates, getChat, groups where the bot may not write, users who blocked it', () => {
  interface Answer {
    status: number;
    body: { ok: boolean; result?: unknown; description?: string; error_code?: number };
  }
  /** a Bot API call of a given bot, at a given virtual moment when asked */
  const callAs = async (
    token: string,
    method: string,
    params: Record<string, unknown> = {},
    at?: number,
  ): Promise<Answer> => {
    const r = await fetch(`${tg.url}/bot${token}/${method}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(at ? { 'x-virtual-time': String(at) } : {}),
      },
      body: JSON.stringify(params),
    });
    return { status: r.status, body: (await r.json()) as Answer['body'] };
  };
  /** a control call whose event happens at a virtual moment */
  const controlAt = async <T>(path: string, body: unknown, at: number): Promise<T> =>
    (await (
      await fetch(`${tg.url}/_emulator/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-virtual-time': String(at) },
        body: JSON.stringify(body),
      })
    ).json()) as T;
  const newBot = async (username: string) =>
    (await tg.control<{ token: string }>('bots', { username })).token;
  interface Update {
    update_id: number;
    my_chat_member?: {
      chat: { id: number; type: string };
      new_chat_member: { status: string; is_member?: boolean; can_send_messages?: boolean };
    };
  }

  test('B7 a webhook: set only to an HTTPS address; getUpdates then answers 409; deleteWebhook lets it work, keeping what waited', async () => {
    const token = await newBot('hooked_bot');
    const plain = await callAs(token, 'setWebhook', { url: 'http://example.com/hook' });
    expect([plain.status, plain.body.description]).toEqual([
      400,
      'Bad Request: bad webhook: An HTTPS URL must be provided for webhook',
    ]);
    expect((await callAs(token, 'setWebhook', { url: 'https://example.com/hook' })).body).toEqual({
      ok: true,
      result: true,
      description: 'Webhook was set',
    });
    // the bot is added to a group while the webhook is set
    const g = await tg.control<{ id: number }>('chats', { title: 'С вебхуком', token });
    const info = await callAs(token, 'getWebhookInfo');
    expect(info.body.result).toMatchObject({
      url: 'https://example.com/hook',
      has_custom_certificate: false,
      pending_update_count: 1,
    });
    const conflict = await callAs(token, 'getUpdates', { offset: 0, limit: 100 });
    expect(conflict).toEqual({
      status: 409,
      body: {
        ok: false,
        error_code: 409,
        description:
          "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      },
    });
    expect((await callAs(token, 'deleteWebhook')).body).toEqual({
      ok: true,
      result: true,
      description: 'Webhook was deleted',
    });
    expect((await callAs(token, 'deleteWebhook')).body.description).toBe(
      'Webhook is already deleted',
    );
    expect((await callAs(token, 'getWebhookInfo')).body.result).toMatchObject({ url: '' });
    const updates = (await callAs(token, 'getUpdates')).body.result as Update[];
    expect(updates.map((u) => u.my_chat_member?.chat.id)).toEqual([g.id]);
    // a webhook set by another program (the control API) blocks getUpdates the same way
    await tg.control('bots/webhook', { token, url: 'https://other.example/tg' });
    expect((await callAs(token, 'getUpdates')).status).toBe(409);
  });

  test('B7 an update nobody fetched is gone after 24 hours', async () => {
    const token = await newBot('slow_bot');
    const t0 = Date.parse('2035-01-01T00:00:00Z');
    const old = await controlAt<{ id: number }>('chats', { title: 'Давняя', token }, t0);
    const fresh = await controlAt<{ id: number }>(
      'chats',
      { title: 'Свежая', token },
      t0 + 12 * 3600_000,
    );
    const ids = async (at: number) =>
      ((await callAs(token, 'getUpdates', {}, at)).body.result as Update[]).map(
        (u) => u.my_chat_member?.chat.id,
      );
    expect(await ids(t0 + 23 * 3600_000)).toEqual([old.id, fresh.id]);
    expect(await ids(t0 + 24 * 3600_000 + 1000)).toEqual([fresh.id]);
    expect(await ids(t0 + 36 * 3600_000 + 1000)).toEqual([]);
  });

  test('getChat answers ChatFullInfo for a private chat and a group; a chat the bot never saw is not found', async () => {
    const head = await tg.call('getChat', { chat_id: tg.headId });
    expect(head.body).toEqual({
      ok: true,
      result: {
        id: tg.headId,
        type: 'private',
        first_name: 'Ирина Руководитель',
        accent_color_id: expect.any(Number),
        max_reaction_count: expect.any(Number),
        accepted_gift_types: expect.objectContaining({ unlimited_gifts: false }),
      },
    });
    const group = await tg.call('getChat', { chat_id: tg.chatId });
    expect(group.body.result).toMatchObject({
      id: tg.chatId,
      type: 'group',
      title: 'Отдел продаж',
      permissions: { can_send_messages: true },
    });
    expect((group.body.result as Record<string, unknown>).first_name).toBeUndefined();
    const missing = await tg.call('getChat', { chat_id: -42 });
    expect([missing.status, missing.body.description]).toEqual([
      400,
      'Bad Request: chat not found',
    ]);
    const kicked = await tg.control<{ id: number }>('chats', { title: 'Выгнали' });
    await tg.control('chats/kick', { chatId: kicked.id });
    expect((await tg.call('getChat', { chat_id: kicked.id })).body.description).toBe(
      'Forbidden: bot was kicked from the group chat',
    );
  });

  test('a group whose permissions keep the bot silent: 400 "not enough rights" for text and files; a supergroup tells the bot', async () => {
    const g = await tg.control<{ id: number }>('chats', { title: 'Только чтение' });
    await tg.control('chats/restrict', { chatId: g.id });
    const text = await tg.call('sendMessage', { chat_id: g.id, text: 'Рейтинг' });
    expect(text).toEqual({
      status: 400,
      body: {
        ok: false,
        error_code: 400,
        description: 'Bad Request: not enough rights to send text messages to the chat',
      },
    });
    // the text is parsed before the rights are checked (the reference's order)
    expect(
      (await tg.call('sendMessage', { chat_id: g.id, text: '<br>', parse_mode: 'HTML' })).body
        .description,
    ).toMatch(/can't parse entities/);
    const doc = new FormData();
    doc.append('chat_id', String(g.id));
    doc.append('document', new Blob(['a;b'], { type: 'text/csv' }), 'r.csv');
    const d = (await (
      await fetch(`${tg.url}/bot${tg.token}/sendDocument`, { method: 'POST', body: doc })
    ).json()) as { description: string };
    expect(d.description).toBe('Bad Request: not enough rights to send documents to the chat');
    expect((await tg.call('getChat', { chat_id: g.id })).body.result).toMatchObject({
      permissions: { can_send_messages: false },
    });
    await tg.control('chats/restrict', { chatId: g.id, restricted: false });
    expect((await tg.call('sendMessage', { chat_id: g.id, text: 'Рейтинг' })).status).toBe(200);

    const token = await newBot('restricted_bot');
    const sg = await tg.control<{ id: number }>('chats', {
      title: 'Строгая',
      type: 'supergroup',
      token,
    });
    await tg.control('chats/restrict', { chatId: sg.id, token });
    const updates = (await callAs(token, 'getUpdates')).body.result as Update[];
    expect(updates.at(-1)?.my_chat_member).toMatchObject({
      chat: { id: sg.id, type: 'supergroup' },
      new_chat_member: { status: 'restricted', is_member: true, can_send_messages: false },
    });
  });

  test('a user who blocked the bot: 403 "bot was blocked by the user", a my_chat_member "kicked"; unblocked, messages go again', async () => {
    const token = await newBot('blocked_bot');
    const user = await tg.control<{ id: number }>('chats', {
      title: 'Пётр',
      type: 'private',
      token,
    });
    await tg.control('chats/block', { chatId: user.id, token });
    const r = await callAs(token, 'sendMessage', { chat_id: user.id, text: 'Сводка' });
    expect(r).toEqual({
      status: 403,
      body: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' },
    });
    const updates = (await callAs(token, 'getUpdates')).body.result as Update[];
    expect(updates.at(-1)?.my_chat_member).toMatchObject({
      chat: { id: user.id, type: 'private' },
      new_chat_member: { status: 'kicked' },
    });
    // getChat still answers for a private chat whose user blocked the bot
    expect((await callAs(token, 'getChat', { chat_id: user.id })).body.result).toMatchObject({
      type: 'private',
    });
    await tg.control('chats/block', { chatId: user.id, token, blocked: false });
    expect((await callAs(token, 'sendMessage', { chat_id: user.id, text: 'Сводка' })).status).toBe(
      200,
    );
  });
});
