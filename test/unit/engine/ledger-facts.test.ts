/**
 * The rating's facts from the ledger, each method pinned on a small account checked on paper
 * (Moscow time, UTC+3; now is Monday 16 March 2026 09:00).
 */
import { Calendar, intlOffset } from '../../../src/engine';
import { ledgerFacts } from '../../../src/engine/ledger-facts';
import { buildLedger } from '../../../src/engine/ledger';
import { eventLogFromApi } from '../../../src/shapes/account-data';
import { COMPLETED_TASKS } from '../../../src/engine/rating-facts';
import {
  ANNA,
  BORIS,
  NOW,
  S,
  account,
  completed,
  lead,
  move,
  reassign,
  settings,
  t,
  task,
  users,
  pipelines,
} from './fixture';

const ms = (local: string) => t(local) * 1000;
const span = (from: string, to: string) => ({
  start: ms(`${from} 00:00`),
  end: ms(`${to} 00:00`),
});

function facts(countSkippedStages = false) {
  const s = settings({ countSkippedStages });
  const data = {
    account,
    users,
    pipelines,
    leads: [
      // Анна's deal: new on the 10th, contract on the 10th late at night, won on the 12th
      lead(1, '2026-03-10 10:00', ANNA, S.WON, { closed_at: t('2026-03-12 15:00') }),
      // Борис's deal, handed to Анна on the 11th, still open, no task
      lead(2, '2026-03-09 12:00', ANNA, S.MEET, { closest_task_at: null }),
      // closed before the week: in no portfolio of the week
      lead(3, '2026-03-02 12:00', BORIS, S.LOST, { closed_at: t('2026-03-03 12:00') }),
    ],
    events: eventLogFromApi([
      move(1, '2026-03-10 23:30', S.NEW, S.CONTRACT),
      move(1, '2026-03-12 15:00', S.CONTRACT, S.WON),
      move(2, '2026-03-09 13:00', S.NEW, S.MEET),
      reassign(2, '2026-03-11 09:00', BORIS, ANNA),
      move(3, '2026-03-03 12:00', S.NEW, S.LOST),
      completed(10, '2026-03-10 23:59'),
    ]),
    tasks: [
      task(10, BORIS, { due: '2026-03-11 12:00', leadId: 1, is_completed: true }),
      // set on the 11th, open, due on the 13th: overdue now, not yet at the end of the 11th
      task(11, ANNA, { due: '2026-03-13 18:00', leadId: 1, created_at: t('2026-03-11 10:00') }),
      // set on the 12th: not there at the end of the 11th
      task(12, ANNA, { due: '2026-03-20 18:00', leadId: 2, created_at: t('2026-03-12 10:00') }),
    ],
  };
  return ledgerFacts(
    buildLedger(data, s),
    s,
    new Calendar('Europe/Moscow', intlOffset('Europe/Moscow')),
  );
}

test('dayCounts: per local day, user and figure, in that order; completed tasks last', () => {
  const f = facts();
  // the contract at 23:30 Moscow is the 10th (20:30 UTC), not the 11th
  expect(f.dayCounts('2026-03-09', '2026-03-12')).toEqual([
    { day: '2026-03-09', userId: BORIS, figure: 'newLeads', count: 1 },
    { day: '2026-03-09', userId: BORIS, figure: 'meetingsScheduled', count: 1 },
    { day: '2026-03-10', userId: ANNA, figure: 'newLeads', count: 1 },
    { day: '2026-03-10', userId: ANNA, figure: 'contractsSigned', count: 1 },
    { day: '2026-03-10', userId: BORIS, figure: COMPLETED_TASKS, count: 1 },
    { day: '2026-03-12', userId: ANNA, figure: 'won', count: 1 },
  ]);
  // one day alone, and asked again (the kept day gives the same)
  expect(f.dayCounts('2026-03-12', '2026-03-12')).toEqual([
    { day: '2026-03-12', userId: ANNA, figure: 'won', count: 1 },
  ]);
  expect(f.dayCounts('2026-03-13', '2026-03-15')).toEqual([]);
});

test('dayCounts: a skipped stage counts on the day of the jump when the setting says so', () => {
  const f = facts(true);
  const tenth = f.dayCounts('2026-03-10', '2026-03-10').filter((c) => c.userId === ANNA);
  // new → contract jumps over "meeting scheduled" and "meeting held"
  expect(tenth.map((c) => c.figure)).toEqual([
    'newLeads',
    'meetingsScheduled',
    'meetingsHeld',
    'contractsSigned',
  ]);
});

test('flowItems: every item of the span in time order, skipped ones marked, nothing omitted', () => {
  const f = facts(true);
  const { items, omitted } = f.flowItems(span('2026-03-10', '2026-03-11'), 1);
  expect(omitted).toEqual([]);
  expect(items).toEqual([
    { userId: ANNA, figure: 'newLeads', at: ms('2026-03-10 10:00'), leadId: 1 },
    // one moment: the funnel's order
    {
      userId: ANNA,
      figure: 'meetingsScheduled',
      at: ms('2026-03-10 23:30'),
      leadId: 1,
      skipped: true,
    },
    { userId: ANNA, figure: 'meetingsHeld', at: ms('2026-03-10 23:30'), leadId: 1, skipped: true },
    { userId: ANNA, figure: 'contractsSigned', at: ms('2026-03-10 23:30'), leadId: 1 },
    { userId: BORIS, figure: COMPLETED_TASKS, at: ms('2026-03-10 23:59'), taskId: 10 },
  ]);
});

test('a cap lists what BigQuery lists: the earliest items per user and figure, the lowest ids, the rest counted', () => {
  const f = facts();
  const month = span('2026-03-01', '2026-04-01');
  // Борис's two new deals of the month: the 2nd (deal 3) is listed, the 9th (deal 2) counted
  const one = f.flowItems(month, 1);
  expect(one.items.filter((x) => x.userId === BORIS && x.figure === 'newLeads')).toEqual([
    { userId: BORIS, figure: 'newLeads', at: ms('2026-03-02 12:00'), leadId: 3 },
  ]);
  expect(one.omitted).toEqual([{ userId: BORIS, figure: 'newLeads', count: 1 }]);
  // the whole count stays whatever the cap: listed plus left out
  const all = f.flowItems(month, 200);
  expect(all.omitted).toEqual([]);
  expect(one.items.length + 1).toBe(all.items.length);
  const none = f.flowItems(month, 0);
  expect(none.items).toEqual([]);
  expect(none.omitted.reduce((n, o) => n + o.count, 0)).toBe(all.items.length);
  // Анна's portfolio of the month holds deals 1 and 2: the lowest id listed, both counted
  expect(f.portfolio(month, 1).get(ANNA)).toEqual({ ids: [1], total: 2 });
  expect(f.portfolio(month, 0).get(ANNA)).toEqual({ ids: [], total: 2 });
  // her two open tasks now: task 11 listed, both counted
  expect(f.stocks('current', NOW, 1).get(ANNA)?.openTasks).toEqual({ ids: [11], total: 2 });
  // the same stocks asked again with a larger cap list them all
  expect(f.stocks('current', NOW, 10).get(ANNA)?.openTasks).toEqual({ ids: [11, 12], total: 2 });
});

test('portfolio: open at some moment of the span, with the owner at its end or the closer', () => {
  const f = facts();
  const week = f.portfolio(span('2026-03-09', '2026-03-16'), 10);
  // deal 2 went to Анна on the 11th: hers at the week's end; deal 3 closed before the week
  expect([...week.entries()]).toEqual([[ANNA, { ids: [1, 2], total: 2 }]]);
  // the 9th–10th: deal 2 is still Борис's
  const early = f.portfolio(span('2026-03-09', '2026-03-11'), 10);
  expect(early.get(BORIS)).toEqual({ ids: [2], total: 1 });
  // the month: deal 3 was open on 2–3 March, closed by Борис
  expect(f.portfolio(span('2026-03-01', '2026-04-01'), 10).get(BORIS)).toEqual({
    ids: [3],
    total: 1,
  });
});

test('stocks: now, and as they stood at an instant in the past', () => {
  const f = facts();
  const now = f.stocks('current', NOW, 10);
  expect(now.get(ANNA)).toEqual({
    inWork: { ids: [2], total: 1 },
    openTasks: { ids: [11, 12], total: 2 },
    overdueTasks: { ids: [11], total: 1 },
    // amoCRM's closest_task_at decides now: none on deal 2
    leadsWithoutTasks: { ids: [2], total: 1 },
  });
  // at the end of the 11th: deal 1 was still open (won on the 12th) with task 11, not overdue
  // yet; deal 2's only task came on the 12th, so it had none
  const then = f.stocks(ms('2026-03-12 00:00'), NOW, 10);
  expect(then.get(ANNA)).toEqual({
    inWork: { ids: [1, 2], total: 2 },
    openTasks: { ids: [11], total: 1 },
    overdueTasks: { ids: [], total: 0 },
    leadsWithoutTasks: { ids: [2], total: 1 },
  });
  expect(then.get(BORIS)).toBeUndefined();
});
