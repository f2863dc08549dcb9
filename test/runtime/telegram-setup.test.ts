/**
 * Setting Telegram up through the sidebar's entry points, from the built bundle against the
 * Telegram emulator: the head's chat must be private (Telegram's getChat says so, the server
 * refuses a group); «Найти чаты» with a bot in 60 groups reads page by page and keeps every
 * property value small; a kill at any service call of it loses no chat (what a page said is stored
 * before the offset moves past it); a webhook (getUpdates → 409) is offered for deletion and,
 * deleted, the chats are found. Facts: docs/services.md §1.4, §B7, §B9.
 */
import { FakeClock, type GasRuntime } from '../../dev/gas';
import { startTelegramEmulator, type TelegramHandle } from '../support/emulators';
import { setUpRuntime, startFixtureEmulator } from '../support/fixture-account';
import { newRuntime } from '../support/gas';
import { readSettings } from '../support/settings-io';

interface Found {
  ok: boolean;
  message: string;
  offer?: string;
  telegram: { chats: Array<{ id: number; title: string; type: string }> };
}
interface Transcript {
  transcript: Array<{ method: string; ok: boolean; errorCode?: number }>;
}

const VALUE_LIMIT = 9 * 1024;
/** a group title of 120 Cyrillic letters (Telegram allows 128): 240 bytes in UTF-8 */
const longTitle = (i: number) => `Отдел продаж №${i} `.padEnd(120, 'ж');

let tg: TelegramHandle;
const runtimes: GasRuntime[] = [];
const others: Array<{ stop(): Promise<void> | void }> = [];
beforeEach(async () => {
  tg = await startTelegramEmulator();
});
afterEach(async () => {
  for (const rt of runtimes.splice(0)) await rt.close();
  for (const o of others.splice(0)) await o.stop();
  await tg.stop();
});

function runtime(): GasRuntime {
  const rt = newRuntime({
    routes: [{ host: /^api\.telegram\.org$/, target: tg.url, forwardClock: true }],
  });
  runtimes.push(rt);
  return rt;
}

function connect(rt: GasRuntime, token = tg.token): void {
  expect(rt.callFromClient('connectTelegramBot', token)).toMatchObject({ ok: true });
}

const find = (rt: GasRuntime) => rt.callFromClient('findTelegramChats') as Found;
const transcript = () => tg.control<Transcript>('transcript');

/** A bot (the emulator's default one unless a token is given) added to `n` groups with long names. */
async function addGroups(n: number, token?: string): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const g = await tg.control<{ id: number }>('chats', { title: longTitle(i), token });
    // someone also greets the bot in each group: two updates a group
    await tg.control('chats/say', { chatId: g.id, text: '/start', token });
    ids.push(g.id);
  }
  return ids;
}

function expectSmallValues(rt: GasRuntime): void {
  for (const [key, value] of Object.entries(rt.properties.document))
    expect([key, Buffer.byteLength(value, 'utf8') <= VALUE_LIMIT]).toEqual([key, true]);
}

test("the head's chat must be private: a group is refused in words, a chat Telegram does not know too; the private chat is saved", async () => {
  // settings are saved only whole and valid: an account to check them against
  const amo = await startFixtureEmulator();
  others.push(amo);
  const { rt } = setUpRuntime(amo);
  runtimes.push(rt);
  rt.routes = [
    { host: /\.amocrm\.ru$/, target: amo.url, forwardClock: true },
    { host: /^api\.telegram\.org$/, target: tg.url, forwardClock: true },
  ];
  connect(rt);
  expect(
    find(rt)
      .telegram.chats.map((c) => c.type)
      .sort(),
  ).toEqual(['group', 'private']);
  const save = (headChatId: number, extra: Record<string, unknown> = {}) =>
    rt.callFromClient('saveSettingsPart', {
      telegram: { ...readSettings(rt).telegram, headChatId, ...extra },
    }) as { ok: boolean; errors: Array<{ field: string; message: string }> };

  const group = save(tg.chatId);
  expect(group.ok).toBe(false);
  expect(group.errors).toEqual([
    {
      field: 'telegram.headChatId',
      message: expect.stringContaining('«Отдел продаж» — группа'),
    },
  ]);
  expect(group.errors[0]?.message).toContain('личные сообщения');
  expect(readSettings(rt).telegram.headChatId).toBeNull();

  const unknown = save(987654321);
  expect(unknown.errors[0]?.message).toContain('не знает такого личного чата');
  expect(readSettings(rt).telegram.headChatId).toBeNull();

  expect(save(tg.headId).errors).toEqual([]);
  expect(readSettings(rt).telegram.headChatId).toBe(tg.headId);
  // Telegram was asked each time the head's chat changed, and not again for another field
  const asked = async () =>
    (await transcript()).transcript.filter((x) => x.method === 'getchat').length;
  expect(await asked()).toBe(3);
  expect(save(tg.headId, { hour: 11 }).ok).toBe(true);
  expect(await asked()).toBe(3);
});

test('a bot in 60 groups: «Найти чаты» reads page by page, keeps every value under 9 KB, and finds all of them once', async () => {
  const rt = runtime();
  const groups = await addGroups(60);
  connect(rt);
  const found = find(rt);
  expect(found.ok).toBe(true);
  const ids = found.telegram.chats.map((c) => c.id);
  for (const id of [...groups, tg.chatId, tg.headId]) expect(ids).toContain(id);
  expect(ids).toHaveLength(62);
  expect(found.message).toBe('Найдено чатов: 62.');
  expect(found.telegram.chats.find((c) => c.id === groups[59])?.title).toBe(longTitle(59));
  expectSmallValues(rt);
  // 122 updates: two pages of getUpdates, then nothing more asked
  const polls = (await transcript()).transcript.filter((x) => x.method === 'getupdates');
  expect(polls).toHaveLength(2);
  // the stored list survives a reload; a second look reads one empty page and changes nothing
  const again = find(rt);
  expect(again.telegram.chats).toEqual(found.telegram.chats);
  expect((rt.callFromClient('sidebarLoad') as Found).telegram.chats).toEqual(found.telegram.chats);
});

test('a bot in 130 more groups: the newest 100 chats are listed, and always the chosen group and head chat', async () => {
  const amo = await startFixtureEmulator();
  others.push(amo);
  const { rt } = setUpRuntime(amo);
  runtimes.push(rt);
  rt.routes = [
    { host: /\.amocrm\.ru$/, target: amo.url, forwardClock: true },
    { host: /^api\.telegram\.org$/, target: tg.url, forwardClock: true },
  ];
  connect(rt);
  find(rt);
  const chosen = rt.callFromClient('saveSettingsPart', {
    telegram: { ...readSettings(rt).telegram, groupChatId: tg.chatId, headChatId: tg.headId },
  }) as { ok: boolean };
  expect(chosen.ok).toBe(true);
  const groups = await addGroups(130);
  const found = find(rt);
  const ids = found.telegram.chats.map((c) => c.id);
  expect(ids).toHaveLength(100);
  expect(ids).toContain(tg.chatId);
  expect(ids).toContain(tg.headId);
  expect(groups.slice(-98).every((g) => ids.includes(g))).toBe(true); // the newest
  expect(ids).not.toContain(groups[0]); // the oldest of the new ones made room
  expectSmallValues(rt);
}, 120_000);

test('a kill at any service call of «Найти чаты» loses no chat: the next press finds every group', async () => {
  // how many service calls one press makes (a bot of its own, 30 groups: one page)
  const probeBot = await tg.control<{ token: string }>('bots', { username: 'probe_bot' });
  await addGroups(30, probeBot.token);
  const probe = runtime();
  connect(probe, probeBot.token);
  probe.resetCounts();
  expect(find(probe).telegram.chats).toHaveLength(30);
  const calls = probe.executions.at(-1)?.calls ?? 0;
  expect(calls).toBeGreaterThan(5);
  let killed = 0;
  for (let k = 1; k <= calls; k++) {
    const bot = await tg.control<{ token: string }>('bots', { username: `kill${k}_bot` });
    const groups = await addGroups(30, bot.token);
    const rt = runtime();
    connect(rt, bot.token);
    rt.killPlan.push(k);
    try {
      find(rt);
    } catch {
      killed++; // "Exceeded maximum execution time" at call k
    }
    const ids = find(rt).telegram.chats.map((c) => c.id);
    expect([k, groups.filter((g) => !ids.includes(g))]).toEqual([k, []]);
    await rt.close();
    runtimes.splice(runtimes.indexOf(rt), 1);
  }
  expect(killed).toBe(calls);
}, 180_000);

test('a bot added to a group more than a day ago: Telegram forgot it, and «Найти чаты» says how to make the group known again', async () => {
  const bot = await tg.control<{ token: string }>('bots', { username: 'late_bot' });
  const t0 = Date.parse('2026-03-10T09:00:00Z');
  const added = await fetch(`${tg.url}/_emulator/chats`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-virtual-time': String(t0) },
    body: JSON.stringify({ title: 'Отдел продаж Юг', token: bot.token }),
  });
  const group = (await added.json()) as { id: number };
  const rt = newRuntime({
    clock: new FakeClock(t0 + 25 * 3600_000),
    routes: [{ host: /^api\.telegram\.org$/, target: tg.url, forwardClock: true }],
  });
  runtimes.push(rt);
  connect(rt, bot.token);
  const found = find(rt);
  expect(found.telegram.chats).toEqual([]);
  expect(found.message).toContain('Telegram хранит новости бота 24 часа');
  // re-added, it is found
  await tg.control('chats/add-bot', { chatId: group.id, token: bot.token });
  expect(find(rt).telegram.chats.map((c) => c.id)).toEqual([group.id]);
});

test('a bot with a webhook: «Найти чаты» says so and offers to delete it; deleted, the chats are found, nothing lost', async () => {
  const rt = runtime();
  connect(rt);
  await tg.control('bots/webhook', { token: tg.token, url: 'https://crm.example/telegram' });
  const refused = find(rt);
  expect(refused).toMatchObject({ ok: false, offer: 'deleteWebhook' });
  expect(refused.message).toContain('webhook');
  expect(refused.telegram.chats).toEqual([]);
  // the offset did not move: the updates that waited are still there
  expect(rt.properties.document['telegram.updateOffset']).toBeUndefined();
  const done = rt.callFromClient('deleteTelegramWebhook') as Found;
  expect(done.ok).toBe(true);
  expect(done.offer).toBeUndefined();
  expect(done.message).toBe('Webhook удалён. Найдено чатов: 2.');
  expect(done.telegram.chats.map((c) => c.id).sort()).toEqual([tg.chatId, tg.headId].sort());
  expect((await tg.call('getWebhookInfo')).body.result).toMatchObject({ url: '' });
});
