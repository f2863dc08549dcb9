/**
 * The set-up the Telegram post files share (telegram-posts*.test.ts): the sample account's
 * emulator for the file, a fresh Telegram emulator for each test, and the sample account
 * connected with the bot and its chats chosen through the sidebar's entry points. Registers the
 * hooks; call it inside the file's describe.
 */
import { FakeClock, GasRuntime } from '../../dev/gas';
import { startTelegramEmulator, type TelegramHandle } from './emulators';
import { setUpRuntime, startFixtureEmulator } from './fixture-account';

export interface Transcript {
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

export const OWNER = 'head@sales.example';
export const DEPUTY = 'deputy@sales.example';

export interface TelegramPosts {
  /** this test's Telegram emulator (a new one for each test) */
  readonly tg: TelegramHandle;
  /** runtimes closed after the test */
  readonly runtimes: GasRuntime[];
  routes: () => GasRuntime['routes'];
  /**
   * The sample account connected, the bot connected and its chats chosen through the sidebar's
   * entry points, posts at `hour`; the clock on Monday 16 March 2026, 09:00 Moscow.
   */
  setUp: (hour?: number, clock?: FakeClock) => GasRuntime;
  transcript: () => Promise<Transcript>;
  /** the messages delivered to a chat */
  sent: (chatId: number) => Promise<Transcript['transcript']>;
  /** No text ever went twice to the same chat. */
  expectNoDuplicates: () => Promise<void>;
}

export function telegramPosts(): TelegramPosts {
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

  return {
    get tg() {
      return tg;
    },
    runtimes,
    routes,
    setUp,
    transcript,
    sent,
    expectNoDuplicates,
  };
}
