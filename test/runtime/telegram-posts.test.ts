/**
 * The posts through the Telegram emulator (the reference server's rules), from the built bundle:
 * connected and chosen through the sidebar's entry points; each post exactly once whoever runs
 * the refresh; every error of docs/rules.md §7 handled as promised (a kill at every service call
 * of a posting run: telegram-posts-kill.test.ts, so jest runs it beside this file). Facts:
 * docs/services.md §B5, §B6; docs/rules.md §4.8, §7.
 */
import { FakeClock, GasRuntime } from '../../dev/gas';
import { sheetValues } from '../support/fixture-account';
import { readSettings } from '../support/settings-io';
import { DEPUTY, OWNER, telegramPosts } from '../support/telegram-posts';

describe('Telegram posts', () => {
  const fx = telegramPosts();
  const { runtimes, routes, setUp, sent, transcript, expectNoDuplicates } = fx;

  test('a Monday refresh posts the week and the month to the group and the digest to the head, once', async () => {
    const rt = setUp();
    rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
    const group = await sent(fx.tg.chatId);
    // Monday's one message: the week, then the month to date
    expect(group.map((m) => m.text?.split('\n')[0])).toEqual([
      '🏆 Рейтинг недели · 9–15 марта 2026',
    ]);
    // the month's title is too long for a phone's line: its period goes on the line below
    expect(group[0]?.text).toContain('📅 Рейтинг месяца\nмарт 2026, на 16 марта');
    expect(group[0]?.text).toContain('Анна Смирнова');
    const head = await sent(fx.tg.headId);
    expect(head).toHaveLength(1);
    expect(head[0]?.text).toContain('Кто задерживается внизу');
    // again, by anyone, the same day: nothing new
    rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
    rt.run('schedulerTick', [{}], 'timeTrigger', DEPUTY);
    expect(await sent(fx.tg.chatId)).toHaveLength(1);
    expect(await sent(fx.tg.headId)).toHaveLength(1);
    await expectNoDuplicates();
  });

  test('two clock triggers of two people and a manual refresh racing: one post each', async () => {
    const rt = setUp(10);
    rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас'); // 09:00: published, posts wait for 10:00
    expect(await sent(fx.tg.chatId)).toHaveLength(0);
    rt.clock.advance?.(3600_000);
    // the deputy's manual refresh holds the job lock while the two triggers fire
    const manual = rt.begin('menu', 'menuRefresh', DEPUTY);
    const take = 'LockService.getDocumentLock().tryLock(1000);';
    rt.evaluate(`function __holdLock() { ${take} }`);
    const holder = rt.begin('menu', 'hold', DEPUTY);
    holder.call('__holdLock');
    rt.run('schedulerTick', [{}], 'timeTrigger', OWNER);
    rt.run('schedulerTick', [{}], 'timeTrigger', DEPUTY);
    expect(await sent(fx.tg.chatId)).toHaveLength(0); // both left politely
    holder.end();
    manual.call('menuRefresh');
    manual.end();
    rt.run('schedulerTick', [{}], 'timeTrigger', OWNER);
    rt.run('schedulerTick', [{}], 'timeTrigger', DEPUTY);
    expect((await sent(fx.tg.chatId)).length).toBe(1);
    expect((await sent(fx.tg.headId)).length).toBe(1);
    await expectNoDuplicates();
  });

  test('429: a wait that fits the run is waited; a longer one continues on the next tick', async () => {
    const rt = setUp();
    // 20 messages this minute: the group's own limit answers 429 with retry_after
    const t0 = rt.clock.now();
    for (let i = 0; i < 20; i++)
      await fetch(`${fx.tg.url}/bot${fx.tg.token}/sendMessage`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-virtual-time': String(t0 - 25_000 + i * 1000),
        },
        body: JSON.stringify({ chat_id: fx.tg.chatId, text: `шум ${i}` }),
      });
    rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
    const posts = (await sent(fx.tg.chatId)).filter((m) => !m.text?.startsWith('шум'));
    expect(posts).toHaveLength(1);
    expect((await transcript()).transcript.some((x) => x.errorCode === 429)).toBe(true);

    // a wait longer than the run: left for the next tick, then sent once
    const rt2 = setUp(9, new FakeClock('2026-03-17T06:00:00Z'));
    await fx.tg.control('chats/throttle', {
      chatId: fx.tg.chatId,
      seconds: 900,
      until: Date.parse('2026-03-17T06:20:00Z'),
    });
    rt2.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
    const tuesday = () =>
      sent(fx.tg.chatId).then((l) =>
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
    const sg = await fx.tg.control<{ id: number }>('chats/upgrade', { chatId: fx.tg.chatId });
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
      if (fault === 'kick') await fx.tg.control('chats/kick', { chatId: fx.tg.chatId });
      if (fault === 'revoke') await fx.tg.control('bots/revoke', {});
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
    await fx.tg.control('chats/restrict', { chatId: fx.tg.chatId });
    rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
    expect(await sent(fx.tg.chatId)).toHaveLength(0);
    // the digest, and one private message saying which right is missing (docs/rules.md §7.1)
    const head = await sent(fx.tg.headId);
    expect(head).toHaveLength(2);
    expect(head[1]?.text).toContain('нет права «Отправка сообщений»');
    expect(problemOf(rt)).toContain('нет права «Отправка сообщений»');
    // nothing lost: the group's post waits in the ledger, not marked failed
    expect(ledgerOf(rt, fx.tg.chatId)).toEqual(['pending']);
    const before = (await transcript()).transcript.length;
    for (let i = 0; i < 2; i++) {
      rt.clock.advance?.(3600_000);
      rt.run('schedulerTick', [{}], 'timeTrigger');
    }
    expect((await transcript()).transcript.length).toBe(before); // no retry loop
    // the head makes the bot an administrator and saves the section: the posts go, once each
    await fx.tg.control('chats/restrict', { chatId: fx.tg.chatId, restricted: false });
    saveTelegramAgain(rt);
    rt.run('schedulerTick', [{}], 'timeTrigger');
    expect((await sent(fx.tg.chatId)).map((m) => m.text?.split('\n')[0])).toEqual([
      '🏆 Рейтинг недели · 9–15 марта 2026',
    ]);
    // and one private message that the posts go again
    const after = await sent(fx.tg.headId);
    expect(after).toHaveLength(3);
    expect(after[2]?.text).toContain('публикации в Telegram снова идут');
    expect(problemOf(rt)).toBeNull();
    await expectNoDuplicates();
  });

  test('the head blocked the bot: the group gets its posts, the digest waits with a clear status; unblocked, it goes once', async () => {
    const rt = setUp();
    await fx.tg.control('chats/block', { chatId: fx.tg.headId });
    rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
    expect(await sent(fx.tg.chatId)).toHaveLength(1);
    expect(await sent(fx.tg.headId)).toHaveLength(0);
    expect(problemOf(rt)).toContain('Бот заблокирован в личном чате руководителя');
    expect(ledgerOf(rt, fx.tg.headId)).toEqual(['pending']);
    rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас'); // the status reaches the sheet
    expect(sheetValues(rt, 'Неделя')[3]?.[0]).toContain('заблокирован');
    await fx.tg.control('chats/block', { chatId: fx.tg.headId, blocked: false });
    saveTelegramAgain(rt);
    rt.run('schedulerTick', [{}], 'timeTrigger');
    const head = await sent(fx.tg.headId);
    expect(head).toHaveLength(1);
    expect(head[0]?.text).toContain('Кто задерживается внизу');
    expect(await sent(fx.tg.chatId)).toHaveLength(1);
    await expectNoDuplicates();
  });

  test("a head's chat stored as a group before the check existed: the digest never reaches the group", async () => {
    const rt = setUp();
    // the stored settings, rewritten as an older version could have saved them
    const doc = rt.properties.document;
    const n = Number(doc['settings.parts']);
    const text = Array.from({ length: n }, (_, i) => doc[`settings.part.${i}`] ?? '').join('');
    const next = text.replace(`"headChatId":${fx.tg.headId}`, `"headChatId":${fx.tg.chatId}`);
    expect(next).not.toBe(text);
    for (let i = 0; i < n; i++) delete doc[`settings.part.${i}`];
    const parts = Math.ceil(next.length / 2500);
    for (let i = 0; i < parts; i++)
      doc[`settings.part.${i}`] = next.slice(i * 2500, (i + 1) * 2500);
    doc['settings.parts'] = String(parts);
    expect(readSettings(rt).telegram.headChatId).toBe(fx.tg.chatId);
    rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
    const group = await sent(fx.tg.chatId);
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
    expect(await sent(fx.tg.chatId)).toHaveLength(1);
    await expectNoDuplicates();
  });

  test('a timeout after Telegram took the message: reported, never resent; a refused connection backs off and sends once later', async () => {
    const rt = setUp();
    await fx.tg.control('slow', { ms: 1500 });
    const timeoutRt = new GasRuntime({
      state: rt.saveState(),
      clock: rt.clock,
      routes: routes(),
      fetchTimeoutMs: 500,
    });
    runtimes.push(timeoutRt);
    timeoutRt.open();
    timeoutRt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
    await fx.tg.control('slow', { ms: 0 });
    timeoutRt.run('schedulerTick', [{}], 'timeTrigger');
    const group = await sent(fx.tg.chatId);
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
    const tuesday = (await sent(fx.tg.chatId)).filter(
      (m) => m.at >= Date.parse('2026-03-17T00:00:00Z'),
    );
    expect(tuesday).toHaveLength(1);
  });
});
