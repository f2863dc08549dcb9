/**
 * The head hears about problems where the head is (docs/rules.md §7.1), from the built bundle
 * against both emulators: one private message when a problem starts — at once when it will not
 * pass by itself, after a few failed refreshes when it may — and one when it is solved, never one
 * per hourly attempt; the state survives across executions. The menu's status speaks in words a
 * sales head uses, the counts kept to a details part.
 */
import type { GasRuntime } from '../../dev/gas';
import { control } from '../../dev/emulator/processes';
import { startTelegramEmulator, type TelegramHandle } from '../support/emulators';
import { sheetValues, startFixtureEmulator } from '../support/fixture-account';
import { publishedWithTelegram } from '../support/set-up-rating';

const MENU = 'Рейтинг менеджеров';

/** The moment the published rating's data is as of, as the sheets say it. */
function lastDataAsOf(rt: GasRuntime): string {
  const r = JSON.parse(rt.properties.document['rating.lastRefresh'] ?? '{}') as {
    dataAsOf?: string;
  };
  return r.dataAsOf ?? '';
}

interface Transcript {
  transcript: Array<{ method: string; chatId?: string; ok: boolean; text?: string }>;
}

describe('the head hears about problems', () => {
  let amo: Awaited<ReturnType<typeof startFixtureEmulator>>;
  let tg: TelegramHandle;
  const runtimes: GasRuntime[] = [];

  beforeEach(async () => {
    amo = await startFixtureEmulator();
    tg = await startTelegramEmulator();
  });
  afterEach(async () => {
    for (const rt of runtimes.splice(0)) await rt.close();
    await tg.stop();
    await amo.stop();
  });

  /** Connected, the bot posting to the group and the head's private chat, published once, scheduled at 9. */
  function setUp(): GasRuntime {
    const rt = publishedWithTelegram(amo, tg);
    runtimes.push(rt);
    return rt;
  }

  const toHead = async () =>
    (await tg.control<Transcript>('transcript')).transcript.filter(
      (x) => x.method === 'sendmessage' && x.ok && x.chatId === String(tg.headId),
    );
  const toGroup = async () =>
    (await tg.control<Transcript>('transcript')).transcript.filter(
      (x) => x.method === 'sendmessage' && x.ok && x.chatId === String(tg.chatId),
    );

  test('a revoked token: five failed scheduled refreshes, one private message; a new token: one "solved" message, and the next refresh publishes', async () => {
    const rt = setUp();
    expect(await toHead()).toHaveLength(0);
    const { token } = await control<{ token: string }>(amo.url, 'token/revoke');
    // Tuesday: the 09:00 refresh and four hourly retries, each its own execution
    rt.advanceTo('2026-03-17T10:30:00Z');
    const failed = JSON.parse(rt.properties.document['sync.records'] ?? '[]') as Array<{
      outcome: string;
      startedAt: string;
    }>;
    expect(
      failed.filter((r) => r.outcome === 'failed' && r.startedAt >= '2026-03-17'),
    ).toHaveLength(5);
    const told = await toHead();
    expect(told).toHaveLength(1);
    expect(told[0]?.text).toContain('amoCRM не принимает подключение');
    expect(told[0]?.text).toContain('долгосрочный токен');
    expect(told[0]?.text).toContain('данные на 16.03.2026');
    // nothing went to the team's group about it
    expect((await toGroup()).some((m) => m.text?.includes('amoCRM'))).toBe(false);
    // the menu's status, in words
    rt.clickMenu(MENU, 'Статус последнего обновления');
    const status = rt.ui.alerts.at(-1)?.prompt ?? '';
    const [head] = status.split('Подробности (для поддержки):');
    expect(head).toContain('Не удалось обновить 5 раз подряд, с 17.03.2026 09:00');
    expect(head).toContain('Что требует внимания:');
    expect(head).not.toMatch(/запросов|повторов|сделок \d/);
    // the head pastes a new token: one message that it is solved, with the next refresh
    expect(rt.callFromClient('connectAmoWithToken', 'demo', token)).toMatchObject({ ok: true });
    const after = await toHead();
    expect(after).toHaveLength(2);
    expect(after[1]?.text).toContain('подключение к amoCRM восстановлено');
    expect(after[1]?.text).toContain('Следующее обновление');
    // the next hourly tick publishes (today's refresh is still due) and says nothing more
    rt.advanceTo('2026-03-17T11:30:00Z');
    expect(rt.triggerFailures).toEqual([]);
    expect(lastDataAsOf(rt)).toMatch(/^17\.03\.2026/);
    expect(sheetValues(rt, 'Неделя').length).toBeGreaterThan(1);
    expect(await toHead()).toHaveLength(2);
  });

  test('amoCRM down for a while: no message for one or two failed refreshes, one on the third, one when a refresh publishes again', async () => {
    const rt = setUp();
    await control(amo.url, 'faults', { kind: '500', count: 1000 });
    rt.advanceTo('2026-03-17T07:30:00Z'); // 09:00 and 10:00 in Moscow
    expect(await toHead()).toHaveLength(0);
    rt.advanceTo('2026-03-17T08:30:00Z');
    const told = await toHead();
    expect(told).toHaveLength(1);
    expect(told[0]?.text).toContain('не удаётся загрузить данные из amoCRM');
    rt.advanceTo('2026-03-17T10:30:00Z');
    expect(await toHead()).toHaveLength(1);
    await control(amo.url, 'faults/clear');
    rt.advanceTo('2026-03-17T11:30:00Z');
    const after = await toHead();
    expect(after).toHaveLength(2);
    expect(after[1]?.text).toContain('данные из amoCRM снова загружаются');
    expect(rt.properties.document['problems.open']).toBeUndefined();
  });

  test('a manual refresh that fails once while the schedule retries: the problem is counted across executions, told once', async () => {
    const rt = setUp();
    await control(amo.url, 'token/revoke');
    rt.clickMenu(MENU, 'Обновить сейчас');
    rt.clickMenu(MENU, 'Обновить сейчас');
    rt.advanceTo('2026-03-17T07:30:00Z');
    expect(await toHead()).toHaveLength(1);
    const open = JSON.parse(rt.properties.document['problems.open'] ?? '[]') as Array<{
      kind: string;
      count: number;
      notified: boolean;
    }>;
    expect(open).toEqual([
      expect.objectContaining({ kind: 'amoAccess', count: 4, notified: true }),
    ]);
  });
});
