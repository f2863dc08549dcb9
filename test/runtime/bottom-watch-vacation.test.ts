/**
 * A manager on vacation is not counted by the bottom watch (docs/rules.md §3.5, §3.2.10): the
 * sample account on Monday 16 March 2026, the week 9–15 March; the watch read through the
 * sidebar's entry point, once as the sample stands and once with a vacation recorded for the
 * manager who stays longest at the bottom.
 */
import { FakeClock, type GasRuntime } from '../../dev/gas';
import { setUpRuntime, startFixtureEmulator } from '../support/fixture-account';

interface Watch {
  ok: true;
  rows: Array<{ name: string; weeks: number; leads: number }>;
}

const IDS: Record<string, number> = {
  'Анна Смирнова': 501,
  'Борис Петров': 502,
  'Вера <Отдел & Ко>': 503,
};

describe('the bottom watch and a vacation', () => {
  let amo: Awaited<ReturnType<typeof startFixtureEmulator>>;
  const runtimes: GasRuntime[] = [];
  beforeAll(async () => {
    amo = await startFixtureEmulator();
  });
  afterAll(async () => {
    for (const rt of runtimes) await rt.close();
    await amo?.stop();
  });

  function watchWith(absences: unknown[]): Watch {
    const { rt } = setUpRuntime(amo, {
      clock: new FakeClock('2026-03-16T06:00:00Z'),
      rating: { bottomWatch: { size: 1, minLeads: 0 } },
    });
    runtimes.push(rt);
    if (absences.length) {
      // as the plans dialog saves them: the plans as loaded, the absences typed
      const d = rt.callFromClient('plansLoad') as {
        months: Array<{ key: string; editable: boolean }>;
        plans: Array<{ month: string }>;
        ramps: unknown[];
        absences: unknown[];
      };
      const editable = new Set(d.months.filter((m) => m.editable).map((m) => m.key));
      const shown = d.plans.filter((p) => editable.has(p.month));
      const saved = rt.callFromClient('savePlans', shown, shown, {
        absences,
        ramps: d.ramps,
        base: { absences: d.absences, ramps: d.ramps },
      });
      expect(saved).toMatchObject({ ok: true });
    }
    rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
    return rt.callFromClient('bottomWatch', { size: 1, minLeads: 0 }) as Watch;
  }

  test('the week of a vacation does not count; another manager is at the bottom instead', () => {
    const plain = watchWith([]);
    expect(plain.rows).toHaveLength(1);
    const last = plain.rows[0]?.name ?? '';
    const id = IDS[last];
    expect(id).toBeDefined();
    // away all of the week 9–15 March (its working days are 10–13 March): not counted
    const away = watchWith([
      { userId: id, kind: 'vacation', from: '2026-03-09', to: '2026-03-15' },
    ]);
    expect(away.rows.map((r) => r.name)).not.toContain(last);
    expect(away.rows).toHaveLength(1);
    // away only on Tuesday 10 March: 3 of 4 working days worked, counted as before
    const day = watchWith([{ userId: id, kind: 'sick', from: '2026-03-10', to: '2026-03-10' }]);
    expect(day.rows.map((r) => r.name)).toEqual([last]);
  });
});
