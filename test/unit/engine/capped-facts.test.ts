/**
 * The engine over facts from a source that lists only the first items (as GoogleSQL over the
 * BigQuery store does): every number stays the ledger's, the explanations list what the source
 * gave and count the rest, and «Разбор» says «… и ещё N» where items were left out.
 */
import {
  cardModel,
  Calendar,
  intlOffset,
  RatingEngine,
  todayPoints,
  type EngineSettings,
  type Rating,
} from '../../../src/engine';
import { buildLedger } from '../../../src/engine/ledger';
import { ledgerFacts } from '../../../src/engine/ledger-facts';
import type { FlowItem, IdList, RatingFacts, StockFacts } from '../../../src/engine/rating-facts';
import { eventLogFromApi, type AccountData } from '../../../src/shapes/account-data';
import { layoutExplain, LINK_COL } from '../../../src/sheets/explain-layout';
import {
  ANNA,
  BORIS,
  NOW,
  S,
  account,
  completed,
  lead,
  move,
  pipelines,
  settings,
  t,
  task,
  users,
} from './fixture';

/** The ledger's facts listing at most `most` items per user and figure (and never more than asked). */
function capped(inner: RatingFacts, most: number): RatingFacts {
  const cut = (l: IdList, cap: number): IdList => ({
    ids: l.ids.slice(0, Math.min(cap, most)),
    total: l.total,
  });
  return {
    dayCounts: (from, to) => inner.dayCounts(from, to),
    flowItems(span, cap) {
      const { items } = inner.flowItems(span, Infinity);
      const seen = new Map<string, number>();
      const kept: FlowItem[] = [];
      for (const it of items) {
        const key = `${it.userId}:${it.figure}`;
        const n = (seen.get(key) ?? 0) + 1;
        seen.set(key, n);
        if (n <= Math.min(cap, most)) kept.push(it);
      }
      const omitted = [...seen].flatMap(([key, n]) => {
        const [userId = 0, figure = 'newLeads'] = key.split(':');
        const count = n - Math.min(n, cap, most);
        return count > 0
          ? [{ userId: Number(userId), figure: figure as FlowItem['figure'], count }]
          : [];
      });
      return { items: kept, omitted };
    },
    portfolio(span, cap) {
      return new Map([...inner.portfolio(span, Infinity)].map(([u, l]) => [u, cut(l, cap)]));
    },
    stocks(at, now, cap) {
      const out = new Map<number, StockFacts>();
      for (const [u, s] of inner.stocks(at, now, Infinity))
        out.set(u, {
          inWork: cut(s.inWork, cap),
          openTasks: cut(s.openTasks, cap),
          overdueTasks: cut(s.overdueTasks, cap),
          leadsWithoutTasks: cut(s.leadsWithoutTasks, cap),
        });
      return out;
    },
  };
}

// Анна: three deals created and won in the week, one on Monday 16th before 09:00 (today, a part
// of a day); three overdue tasks. Борис: one new deal.
const data: AccountData = {
  account,
  users,
  pipelines,
  leads: [
    lead(1, '2026-03-10 10:00', ANNA, S.WON, { closest_task_at: null }),
    lead(2, '2026-03-11 10:00', ANNA, S.WON),
    lead(3, '2026-03-12 10:00', ANNA, S.WON),
    lead(4, '2026-03-13 10:00', BORIS, S.NEW, { closest_task_at: null }),
    lead(5, '2026-03-16 08:00', ANNA, S.NEW),
    lead(6, '2026-03-16 09:30', ANNA, S.NEW), // after the data's moment
  ],
  tasks: [
    task(7, ANNA, { due: '2026-03-12 18:00', leadId: 4 }),
    task(8, ANNA, { due: '2026-03-13 18:00', leadId: 4 }),
    task(9, ANNA, { due: '2026-03-14 18:00', leadId: 4 }),
    task(10, BORIS, { due: '2026-03-14 18:00', leadId: 4, is_completed: true }),
  ],
  events: eventLogFromApi([
    move(1, '2026-03-10 11:00', S.NEW, S.WON),
    move(2, '2026-03-11 11:00', S.NEW, S.WON),
    move(3, '2026-03-12 11:00', S.NEW, S.WON),
    completed(10, '2026-03-14 12:00'),
  ]),
};
const opts = { utcOffset: intlOffset, fallbackTimeZone: 'Europe/Moscow' };
const s: EngineSettings = settings();

const byLedger = new RatingEngine(data, s, opts);
const bySource = RatingEngine.fromFacts(
  data,
  (cal: Calendar) => capped(ledgerFacts(buildLedger(data, s), s, cal), 1),
  s,
  opts,
);
const without = ({ explain: _explain, ...rest }: Rating) => rest;

test('every number is the same whether the source lists all items or only the first', () => {
  for (const kind of ['week', 'month', 'quarter'] as const) {
    const a = byLedger.rating(byLedger.period(kind, NOW), NOW);
    const b = bySource.rating(bySource.period(kind, NOW), NOW);
    expect(without(b)).toEqual(without(a));
  }
  // the week's won deals are 3, each 35 points: 105 + 0.1 × 3 new deals
  const week = bySource.rating(bySource.period('week', NOW), NOW);
  expect(week.rows.find((r) => r.userId === ANNA)?.points).toBe(105.3);
  expect(bySource.snapshot('2026-03-15')).toEqual(byLedger.snapshot('2026-03-15'));
});

test('a running month ends now: today so far counts, what came after the moment does not', () => {
  // the month runs to 16 March 09:00: deal 5 (08:00) is in, deal 6 (09:30) is not
  const month = bySource.rating(bySource.period('month', NOW), NOW);
  expect(month.rows.find((r) => r.userId === ANNA)?.figures.newLeads).toBe(4);
});

test('the explanations list what the source gave and count the rest', () => {
  const week = bySource.rating(bySource.period('week', NOW), NOW);
  const anna = week.explain[ANNA] ?? {};
  expect(anna.won?.map((i) => i.lead)).toEqual([1]);
  expect(anna.overdueTasks?.map((i) => i.task)).toEqual([7]);
  expect(anna.omitted).toMatchObject({ won: 2, newLeads: 2, overdueTasks: 2 });
  // the ledger lists every one and omits nothing
  const full = byLedger.rating(byLedger.period('week', NOW), NOW).explain[ANNA] ?? {};
  expect(full.won?.map((i) => i.lead)).toEqual([1, 2, 3]);
  expect(full.omitted).toBeUndefined();
});

test('«Разбор» says how many more there are after the items listed', () => {
  const rating = (k: 'week' | 'month' | 'quarter') => bySource.rating(bySource.period(k, NOW), NOW);
  const src = { leadName: (id: number) => `Сделка ${id}`, taskLead: () => 4, baseUrl: '' };
  const ru = layoutExplain(
    { week: rating('week'), month: rating('month'), quarter: rating('quarter') },
    src,
    'ru',
  );
  const weekWon = ru.values.filter((r) => r[0] === 'Неделя' && r[3] === 'Успешно закрыто');
  expect(weekWon.map((r) => r[LINK_COL])).toEqual(['Сделка 1', '… и ещё 2']);
  // the line earns nothing of its own and has no moment
  expect(weekWon[1]?.slice(5)).toEqual(['', '']);
  const en = layoutExplain(
    { week: rating('week'), month: rating('month'), quarter: rating('quarter') },
    src,
    'en',
  );
  expect(en.values.some((r) => r[LINK_COL] === '… and 2 more')).toBe(true);
  // the ledger's lists are whole: no such line
  const whole = layoutExplain(
    {
      week: byLedger.rating(byLedger.period('week', NOW), NOW),
      month: byLedger.rating(byLedger.period('month', NOW), NOW),
      quarter: byLedger.rating(byLedger.period('quarter', NOW), NOW),
    },
    src,
    'ru',
  );
  expect(whole.values.some((r) => String(r[LINK_COL]).startsWith('… и ещё'))).toBe(false);
});

test('a part of a day counts whole from a source that lists none of its items', () => {
  const zero = RatingEngine.fromFacts(
    data,
    (cal: Calendar) => capped(ledgerFacts(buildLedger(data, s), s, cal), 0),
    s,
    opts,
  );
  // 16 March up to 09:00: Анна's deal 5 (0.1); deal 6 at 09:30 is later
  const at = t('2026-03-16 09:00') * 1000;
  const today = todayPoints(zero.facts, users, s, zero.calendar, at);
  expect(today.rows).toEqual([{ userId: ANNA, name: 'Анна', points: 0.1, events: 1 }]);
  const month = zero.rating(zero.period('month', at), at);
  expect(month.rows.find((r) => r.userId === ANNA)?.figures.newLeads).toBe(4);
});

test('the card counts the actions the source left out among those it does not list', () => {
  const rating = (k: 'week' | 'month' | 'quarter') => bySource.rating(bySource.period(k, NOW), NOW);
  const week = rating('week');
  const card = cardModel({
    week,
    month: rating('month'),
    quarter: rating('quarter'),
    trend: [week],
  });
  const anna = card.rows.find((r) => r.userId === ANNA);
  // three overdue tasks now: one listed, two counted
  expect(anna?.actions.map((a) => a.item.task)).toEqual([7]);
  expect(anna?.actionsOmitted).toBe(2);
  const full = cardModel({
    week: byLedger.rating(byLedger.period('week', NOW), NOW),
    month: byLedger.rating(byLedger.period('month', NOW), NOW),
    quarter: byLedger.rating(byLedger.period('quarter', NOW), NOW),
    trend: [],
  }).rows.find((r) => r.userId === ANNA);
  expect(full?.actions).toHaveLength(3);
  expect(full?.actionsOmitted).toBeUndefined();
});
