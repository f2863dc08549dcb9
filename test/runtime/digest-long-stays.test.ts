/**
 * The head's Monday digest names stays at the bottom of two weeks or more; the sidebar's bottom
 * watch lists every stay. The sample account on Monday 16 March 2026, the bot and both chats set
 * up through the sidebar's entry points; the digest read in the Telegram emulator's chat.
 * Facts: docs/rules.md §3.5.
 */
import { FakeClock, type GasRuntime } from '../../dev/gas';
import { startTelegramEmulator, type TelegramHandle } from '../support/emulators';
import { setUpRuntime, startFixtureEmulator } from '../support/fixture-account';

interface Transcript {
  transcript: Array<{ method: string; chatId?: string; ok: boolean; text?: string }>;
}
interface Watch {
  ok: true;
  rows: Array<{ name: string; weeks: number; leads: number }>;
}

describe("the head's digest", () => {
  let amo: Awaited<ReturnType<typeof startFixtureEmulator>>;
  let tg: TelegramHandle;
  let rt: GasRuntime | null = null;

  beforeAll(async () => {
    amo = await startFixtureEmulator();
    tg = await startTelegramEmulator();
  });
  afterAll(async () => {
    await rt?.close();
    await tg?.stop();
    await amo?.stop();
  });

  test('names the stays of 2 weeks or more, leaves out a one-week stay the sidebar still lists', async () => {
    const setUp = setUpRuntime(amo, {
      clock: new FakeClock('2026-03-16T06:00:00Z'),
      rating: { bottomWatch: { size: 2, minLeads: 0 } },
    });
    rt = setUp.rt;
    rt.routes = [
      { host: /\.amocrm\.ru$/, target: amo.url, forwardClock: true },
      { host: /^api\.telegram\.org$/, target: tg.url, forwardClock: true },
    ];
    expect(rt.callFromClient('connectTelegramBot', tg.token)).toMatchObject({ ok: true });
    rt.callFromClient('findTelegramChats');
    const saved = rt.callFromClient('saveSettingsPart', {
      telegram: {
        daily: true,
        monday: true,
        quarter: true,
        headDigest: true,
        hour: 9,
        publicTopN: null,
        groupChatId: tg.chatId,
        headChatId: tg.headId,
      },
    });
    expect(saved).toMatchObject({ ok: true });
    rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
    const watch = rt.callFromClient('bottomWatch', { size: 2, minLeads: 0 }) as Watch;
    const short = watch.rows.filter((r) => r.weeks === 1);
    const long = watch.rows.filter((r) => r.weeks >= 2);
    // the sample has both a one-week stay and a longer one this Monday
    expect([short.length > 0, long.length > 0]).toEqual([true, true]);
    const log = await tg.control<Transcript>('transcript');
    const digest = log.transcript.filter(
      (x) => x.method === 'sendmessage' && x.ok && x.chatId === String(tg.headId),
    );
    expect(digest).toHaveLength(1);
    const text = digest[0]?.text ?? '';
    for (const r of long)
      expect(text).toContain(
        r.name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
      );
    for (const r of short) expect(text).not.toContain(r.name.split(' ')[0] ?? r.name);
  });
});
