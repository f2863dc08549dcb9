/**
 * The posts through the Telegram emulator (the reference server's rules), from the built bundle:
 * connected and chosen through the sidebar's entry points; each post exactly once whoever runs
 * the refresh; a kill at every service call of a posting run never duplicates; every error of
 * docs/rules.md §7 handled as promised. Facts: docs/services.md §B5, §B6; docs/rules.md §4.8, §7.
 */
import { FakeClock, GasRuntime, type RuntimeState } from '../../dev/gas';
import { startTelegramEmulator, type TelegramHandle } from '../support/emulators';
import { setUpRuntime, sheetValues, startFixtureEmulator } from '../support/fixture-account';
import { readSettings } from '../support/settings-io';

interface Transcript {
  transcript: Array<{
    at: number;
    method: string;
    chatId?: string;
    ok: boolean;
    text?: string;
    errorCode?: number;
  }>;
  chats: Array<{ id: number; title: string; type: string; messages: Array<{ text?: string }> }>;
}

const OWNER = 'head@sales.example';
const DEPUTY = 'deputy@sales.example';

describe('Telegram posts', () => {
  let amo: Awaited<ReturnType<typeof startFixtureEmulator>>;
  let tg: TelegramHandle;
  const runtimes: GasRuntime[] = [];

  beforeAll(async () => {
    amo = await startFixtureEmulator();
  });
  beforeEach(async () => {
    tg = await startTelegramEmulator();
  });
  afterEach(async () => {
    for (const rt of runtimes.splice(0)) await rt.close();
    await tg.stop();
  });
  afterAll(() => amo.stop());

  const routes = () => [
    { host: /\.amocrm\.ru$/, target: amo.url, forwardClock: true },
    { host: /^api\.telegram\.org$/, target: tg.url, forwardClock: true },
  ];

  /**
   * The sample account connected, the bot connected and its chats chosen through the sidebar's
   * entry points, posts at `hour`; the clock on Monday 16 March 2026, 09:00 Moscow.
   */
  function setUp(hour = 9, clock = new FakeClock('2026-03-16T06:00:00Z')): GasRuntime {
    const { rt } = setUpRuntime(amo, { clock });
    rt.routes = routes();
    runtimes.push(rt);
    // the deputy may edit the file and, through the settings, the rating sheets
    rt.sharing.editors.push(DEPUTY);
    expect(rt.callFromClient('saveSettingsPart', { editors: [DEPUTY] })).toMatchObject({
      ok: true,
    });
    const c = rt.callFromClient('connectTelegramBot', tg.token) as { ok: boolean; message: string };
    expect(c).toMatchObject({ ok: true });
    const found = rt.callFromClient('findTelegramChats') as {
      telegram: { chats: Array<{ id: number; type: string }> };
    };
    expect(found.telegram.chats.map((x) => x.type).sort()).toEqual(['group', 'private']);
    const saved = rt.callFromClient('saveSettingsPart', {
      telegram: {
        daily: true,
        monday: true,
        quarter: true,
        headDigest: true,
        hour,
        publicTopN: null,
        groupChatId: tg.chatId,
        headChatId: tg.headId,
      },
    }) as { ok: boolean };
    expect(saved.ok).toBe(true);
    return rt;
  }

  const transcript = () => tg.control<Transcript>('transcript');
  const sent = async (chatId: number) =>
    (await transcript()).transcript.filter(
      (x) => x.method === 'sendmessage' && x.ok && x.chatId === String(chatId),
    );

  /** No text ever went twice to the same chat. */
  async function expectNoDuplicates(): Promise<void> {
    const seen = new Set<string>();
    for (const x of (await transcript()).transcript.filter(
      (e) => e.method === 'sendmessage' && e.ok,
    )) {
      const k = `${x.chatId}|${x.text}`;
      expect(seen.has(k)).toBe(false);
      seen.add(k);
    }
  }

  test('a Monday refresh posts the week and the month to the group and the digest to the head, once', async () => {
    const rt = setUp();
    rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
    const group = await sent(tg.chatId);
    // Monday's one message: the week, then the month to date
    expect(group.map((m) => m.text?.split('\n')[0])).toEqual([
      '🏆 Рейтинг недели · 9–15 марта 2026',
    ]);
    // the month's title is too long for a phone's line: its period goes on the line below
    expect(group[0]?.text).toContain('📅 Рейтинг месяца\nмарт 2026, на 16 марта');
    expect(group[0]?.text).toContain('Анна Смирнова');
    const head = await sent(tg.headId);
    expect(head).toHaveLength(1);
    expect(head[0]?.text).toContain('Кто задерживается внизу');
    // again, by anyone, the same day: nothing new
    rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
    rt.run('schedulerTick', [{}], 'timeTrigger', DEPUTY);
    expect(await sent(tg.chatId)).toHaveLength(1);
    expect(await sent(tg.headId)).toHaveLength(1);
    await expectNoDuplicates();
  });

  test('two clock triggers of two people and a manual refresh racing: one post each', async () => {
    const rt = setUp(10);
    rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас'); // 09:00: published, posts wait for 10:00
    expect(await sent(tg.chatId)).toHaveLength(0);
    rt.clock.advance?.(3600_000);
    // the deputy's manual refresh holds the job lock while the two triggers fire
    const manual = rt.begin('menu', 'menuRefresh', DEPUTY);
    const take = 'LockService.getDocumentLock().tryLock(1000);';
    rt.evaluate(`function __holdLock() { ${take} }`);
    const holder = rt.begin('menu', 'hold', DEPUTY);
    holder.call('__holdLock');
    rt.run('schedulerTick', [{}], 'timeTrigger', OWNER);
    rt.run('schedulerTick', [{}], 'timeTrigger', DEPUTY);
    expect(await sent(tg.chatId)).toHaveLength(0); // both left politely
    holder.end();
    manual.call('menuRefresh');
    manual.end();
    rt.run('schedulerTick', [{}], 'timeTrigger', OWNER);
    rt.run('schedulerTick', [{}], 'timeTrigger', DEPUTY);
    expect((await sent(tg.chatId)).length).toBe(1);
    expect((await sent(tg.headId)).length).toBe(1);
    await expectNoDuplicates();
  });

  test('a kill at every service call of a posting run never duplicates; the ledger and the status say what happened', async () => {
    const base = setUp(10);
    base.clickMenu('Рейтинг менеджеров', 'Обновить сейчас'); // published at 09:00, nothing posted
    const published: RuntimeState = base.saveState();
    // how many service calls one whole posting run makes
    const probe = new GasRuntime({
      state: published,
      clock: new FakeClock('2026-03-16T07:00:00Z'),
      routes: routes(),
    });
    runtimes.push(probe);
    probe.resetCounts();
    probe.run('schedulerTick', [{}], 'timeTrigger');
    const calls = probe.executions.at(-1)?.calls ?? 0;
    expect(calls).toBeGreaterThan(10);
    const outcomes = { delivered: 0, uncertain: 0, notStarted: 0 };
    for (let k = 1; k <= calls; k++) {
      // a fresh group per run, so each run's messages are counted on their own
      const chat = await tg.control<{ id: number }>('chats', { title: `Прогон ${k}` });
      const state = structuredClone(published);
      const start = Date.parse('2026-03-16T07:00:00Z') + k * 120_000; // 2 minutes apart: no rate limit
      const rt = new GasRuntime({ state, clock: new FakeClock(start), routes: routes() });
      rt.callFromClient('saveSettingsPart', {
        telegram: {
          ...readSettings(rt).telegram,
          groupChatId: chat.id,
          headChatId: null,
        },
      });
      rt.killPlan.push(k);
      try {
        rt.run('schedulerTick', [{}], 'timeTrigger');
      } catch {
        // killed: "Exceeded maximum execution time"
      }
      rt.clock.advance?.(60_000);
      rt.run('schedulerTick', [{}], 'timeTrigger'); // the next tick
      const messages = await sent(chat.id);
      const ledger = JSON.parse(rt.properties.document['telegram.ledger'] ?? '{}') as Record<
        string,
        { state: string }
      >;
      const states = Object.values(ledger).map((e) => e.state);
      const notices = rt.properties.document['telegram.notices'] ?? '';
      // never twice; each post either confirmed, or reported as possibly undelivered
      expect(new Set(messages.map((m) => m.text)).size).toBe(messages.length);
      expect(messages.length).toBeLessThanOrEqual(1);
      for (const s of states) expect(['sent', 'uncertain']).toContain(s);
      if (states.includes('uncertain')) {
        expect(notices).toContain('могла не дойти');
        expect(sheetValues(rt, 'Неделя')[3]?.[0]).toContain('могла не дойти');
        outcomes.uncertain++;
      } else if (messages.length === 1) outcomes.delivered++;
      else outcomes.notStarted++;
      if (states.length === 1 && !states.includes('uncertain')) expect(messages).toHaveLength(1);
      await rt.close();
    }
    console.log(`kill matrix (posting run, ${calls} service calls):`, outcomes);
    expect(outcomes.uncertain).toBeGreaterThan(0);
    expect(outcomes.delivered).toBeGreaterThan(0);
  }, 180_000);

  test('429: a wait that fits the run is waited; a longer one continues on the next tick', async () => {
    const rt = setUp();
    // 20 messages this minute: the group's own limit answers 429 with retry_after
    const t0 = rt.clock.now();
    for (let i = 0; i < 20; i++)
      await fetch(`${tg.url}/bot${tg.token}/sendMessage`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-virtual-time': String(t0 - 25_000 + i * 1000),
        },
        body: JSON.stringify({ chat_id: tg.chatId, text: `шум ${i}` }),
      });
    rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
    const posts = (await sent(tg.chatId)).filter((m) => !m.text?.startsWith('шум'));
    expect(posts).toHaveLength(1);
    expect((await transcript()).transcript.some((x) => x.errorCode === 429)).toBe(true);

    // a wait longer than the run: left for the next tick, then sent once
    const rt2 = setUp(9, new FakeClock('2026-03-17T06:00:00Z'));
    await tg.control('chats/throttle', {
      chatId: tg.chatId,
      seconds: 900,
      until: Date.parse('2026-03-17T06:20:00Z'),
    });
    rt2.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
    const tuesday = () =>
      sent(tg.chatId).then((l) =>
        l.filter(
          (m) => m.text?.includes('Рейтинг недели') && m.at >= Date.parse('2026-03-17T00:00:00Z'),
        ),
      );
    expect(await tuesday()).toHaveLength(0);
    rt2.advanceTo('2026-03-17T06:00:00Z'); // no trigger yet: schedule is off; tick by hand
    rt2.clock.advance?.(30 * 60_000);
    rt2.run('schedulerTick', [{}], 'timeTrigger');
    expect(await tuesday()).toHaveLength(1);
    rt2.run('schedulerTick', [{}], 'timeTrigger');
    expect(await tuesday()).toHaveLength(1);
    await expectNoDuplicates();
  });

  test('a group upgraded to a supergroup: the new id is stored and the post goes there', async () => {
    const rt = setUp();
    const sg = await tg.control<{ id: number }>('chats/upgrade', { chatId: tg.chatId });
    rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
    expect(await sent(sg.id)).toHaveLength(1);
    const s = readSettings(rt);
    expect(s.telegram.groupChatId).toBe(sg.id);
    await expectNoDuplicates();
  });

  test.each([
    ['the bot removed from the group (403)', 'kick', 'Бота удалили из группы'],
    ['the token revoked (401)', 'revoke', 'не принял токен бота'],
    ['a chat that does not exist (400)', 'missing', 'не находит этот чат'],
  ])(
    '%s: posting stops with a clear status on the sheet and in the sidebar, no retry loop',
    async (_t, fault, words) => {
      const rt = setUp();
      if (fault === 'kick') await tg.control('chats/kick', { chatId: tg.chatId });
      if (fault === 'revoke') await tg.control('bots/revoke', {});
      if (fault === 'missing')
        rt.callFromClient('saveSettingsPart', {
          telegram: {
            ...readSettings(rt).telegram,
            groupChatId: -999999,
          },
        });
      rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
      const view = rt.callFromClient('sidebarLoad') as { telegram: { problem: string | null } };
      expect(view.telegram.problem).toContain(words);
      const before = (await transcript()).transcript.length;
      for (let i = 0; i < 3; i++) {
        rt.clock.advance?.(3600_000);
        rt.run('schedulerTick', [{}], 'timeTrigger');
      }
      expect((await transcript()).transcript.length).toBe(before); // nothing asked of Telegram
      rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
      expect(sheetValues(rt, 'Неделя')[3]?.[0]).toContain(words);
    },
  );

  const ledgerOf = (rt: GasRuntime, chatId: number) =>
    Object.entries(
      JSON.parse(rt.properties.document['telegram.ledger'] ?? '{}') as Record<
        string,
        { state: string }
      >,
    )
      .filter(([k]) => k.endsWith(`|${chatId}`))
      .map(([, e]) => e.state);
  const problemOf = (rt: GasRuntime) =>
    (rt.callFromClient('sidebarLoad') as { telegram: { problem: string | null } }).telegram.problem;
  /** The head saves the Telegram section again (as after fixing something in Telegram). */
  const saveTelegramAgain = (rt: GasRuntime) =>
    expect(
      rt.callFromClient('saveSettingsPart', { telegram: readSettings(rt).telegram }),
    ).toMatchObject({ ok: true });

  test('a group where the bot may not write: the head hears which right is missing, the digest still goes; once fixed, the posts go out once', async () => {
    const rt = setUp();
    await tg.control('chats/restrict', { chatId: tg.chatId });
    rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
    expect(await sent(tg.chatId)).toHaveLength(0);
    // the digest, and one private message saying which right is missing (docs/rules.md §7.1)
    const head = await sent(tg.headId);
    expect(head).toHaveLength(2);
    expect(head[1]?.text).toContain('нет права «Отправка сообщений»');
    expect(problemOf(rt)).toContain('нет права «Отправка сообщений»');
    // nothing lost: the group's post waits in the ledger, not marked failed
    expect(ledgerOf(rt, tg.chatId)).toEqual(['pending']);
    const before = (await transcript()).transcript.length;
    for (let i = 0; i < 2; i++) {
      rt.clock.advance?.(3600_000);
      rt.run('schedulerTick', [{}], 'timeTrigger');
    }
    expect((await transcript()).transcript.length).toBe(before); // no retry loop
    // the head makes the bot an administrator and saves the section: the posts go, once each
    await tg.control('chats/restrict', { chatId: tg.chatId, restricted: false });
    saveTelegramAgain(rt);
    rt.run('schedulerTick', [{}], 'timeTrigger');
    expect((await sent(tg.chatId)).map((m) => m.text?.split('\n')[0])).toEqual([
      '🏆 Рейтинг недели · 9–15 марта 2026',
    ]);
    // and one private message that the posts go again
    const after = await sent(tg.headId);
    expect(after).toHaveLength(3);
    expect(after[2]?.text).toContain('публикации в Telegram снова идут');
    expect(problemOf(rt)).toBeNull();
    await expectNoDuplicates();
  });

  test('the head blocked the bot: the group gets its posts, the digest waits with a clear status; unblocked, it goes once', async () => {
    const rt = setUp();
    await tg.control('chats/block', { chatId: tg.headId });
    rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
    expect(await sent(tg.chatId)).toHaveLength(1);
    expect(await sent(tg.headId)).toHaveLength(0);
    expect(problemOf(rt)).toContain('Бот заблокирован в личном чате руководителя');
    expect(ledgerOf(rt, tg.headId)).toEqual(['pending']);
    rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас'); // the status reaches the sheet
    expect(sheetValues(rt, 'Неделя')[3]?.[0]).toContain('заблокирован');
    await tg.control('chats/block', { chatId: tg.headId, blocked: false });
    saveTelegramAgain(rt);
    rt.run('schedulerTick', [{}], 'timeTrigger');
    const head = await sent(tg.headId);
    expect(head).toHaveLength(1);
    expect(head[0]?.text).toContain('Кто задерживается внизу');
    expect(await sent(tg.chatId)).toHaveLength(1);
    await expectNoDuplicates();
  });

  test("a head's chat stored as a group before the check existed: the digest never reaches the group", async () => {
    const rt = setUp();
    // the stored settings, rewritten as an older version could have saved them
    const doc = rt.properties.document;
    const n = Number(doc['settings.parts']);
    const text = Array.from({ length: n }, (_, i) => doc[`settings.part.${i}`] ?? '').join('');
    const next = text.replace(`"headChatId":${tg.headId}`, `"headChatId":${tg.chatId}`);
    expect(next).not.toBe(text);
    for (let i = 0; i < n; i++) delete doc[`settings.part.${i}`];
    const parts = Math.ceil(next.length / 2500);
    for (let i = 0; i < parts; i++)
      doc[`settings.part.${i}`] = next.slice(i * 2500, (i + 1) * 2500);
    doc['settings.parts'] = String(parts);
    expect(readSettings(rt).telegram.headChatId).toBe(tg.chatId);
    rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
    const group = await sent(tg.chatId);
    expect(group).toHaveLength(1);
    expect(group.some((m) => m.text?.includes('Кто задерживается внизу'))).toBe(false);
    // the head hears of it once, and the group's own posts are not held up
    const notices = () =>
      (rt.callFromClient('sidebarLoad') as { telegram: { notices: string[] } }).telegram.notices;
    expect(notices()).toEqual([expect.stringContaining('Личный чат руководителя указан неверно')]);
    expect(problemOf(rt)).toBeNull();
    rt.clock.advance?.(3600_000);
    rt.run('schedulerTick', [{}], 'timeTrigger');
    expect(notices()).toHaveLength(1);
    expect(await sent(tg.chatId)).toHaveLength(1);
    await expectNoDuplicates();
  });

  test('a timeout after Telegram took the message: reported, never resent; a refused connection backs off and sends once later', async () => {
    const rt = setUp();
    await tg.control('slow', { ms: 1500 });
    const timeoutRt = new GasRuntime({
      state: rt.saveState(),
      clock: rt.clock,
      routes: routes(),
      fetchTimeoutMs: 500,
    });
    runtimes.push(timeoutRt);
    timeoutRt.open();
    timeoutRt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
    await tg.control('slow', { ms: 0 });
    timeoutRt.run('schedulerTick', [{}], 'timeTrigger');
    const group = await sent(tg.chatId);
    expect(group.length).toBeLessThanOrEqual(2);
    expect(timeoutRt.properties.document['telegram.notices']).toContain('могла не дойти');
    await expectNoDuplicates();

    const rt2 = setUp(9, new FakeClock('2026-03-17T06:00:00Z'));
    rt2.routes = [
      routes()[0]!,
      { host: /^api\.telegram\.org$/, target: 'http://127.0.0.1:9', forwardClock: true },
    ];
    rt2.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
    const ledger = JSON.parse(rt2.properties.document['telegram.ledger'] ?? '{}') as Record<
      string,
      { state: string }
    >;
    expect(Object.values(ledger).map((e) => e.state)).toContain('pending');
    rt2.routes = routes();
    rt2.clock.advance?.(3600_000);
    rt2.run('schedulerTick', [{}], 'timeTrigger');
    const tuesday = (await sent(tg.chatId)).filter(
      (m) => m.at >= Date.parse('2026-03-17T00:00:00Z'),
    );
    expect(tuesday).toHaveLength(1);
  });
});
