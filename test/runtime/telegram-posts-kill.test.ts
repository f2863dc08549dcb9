/**
 * A kill at every service call of a posting run (through the Telegram emulator, from the built
 * bundle) never duplicates a post; the ledger and the status say what happened. Its own file so
 * jest runs it beside the other post tests (telegram-posts.test.ts), on the same set-up
 * (test/support/telegram-posts.ts). Facts: docs/services.md §B5; docs/rules.md §4.8, §7.
 */
import { FakeClock, GasRuntime, type RuntimeState } from '../../dev/gas';
import { sheetValues } from '../support/fixture-account';
import { readSettings } from '../support/settings-io';
import { telegramPosts } from '../support/telegram-posts';

describe('Telegram posts', () => {
  const fx = telegramPosts();
  const { runtimes, routes, setUp, sent } = fx;

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
      const chat = await fx.tg.control<{ id: number }>('chats', { title: `Прогон ${k}` });
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
});
