/** The Telegram Bot API emulator against ../shared/reference/telegram-bot-api.md (sections cited). */
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
  // confirming with offset drops what was seen
  const after = await tg.call('getUpdates', { offset: (u?.update_id ?? 0) + 1 });
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

test('B4 sendPhoto and sendDocument take multipart uploads', async () => {
  const form = new FormData();
  form.append('chat_id', String(tg.chatId));
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
  doc.append('chat_id', String(tg.chatId));
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
