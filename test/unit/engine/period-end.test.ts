/**
 * A closed period's stocks are the state at its end — local midnight — not at the morning
 * refresh that follows (docs/rules.md §2.7); the portfolio goes to the closer or to the one
 * responsible at the period's end (§2.6.1); users outside the rating keep their rows in finals
 * (§3.4.6). Moscow time; the refresh runs on 1 April 2026 at 07:00, so March has just closed.
 */
import { computeRatings, intlOffset, type Rating, type RatingRow } from '../../../src/engine';
import { eventLogFromApi, type AccountData } from '../../../src/shapes/account-data';
import {
  account,
  ANNA,
  BORIS,
  completed,
  engine,
  GONE,
  lead,
  move,
  pipelines,
  reassign,
  S,
  settings,
  t,
  task,
  users,
  VERA,
  type TestData,
} from './fixture';

const opts = { utcOffset: intlOffset, fallbackTimeZone: 'Europe/Moscow' };
const MORNING = t('2026-04-01 07:00') * 1000;

function ratings(d: TestData, now = MORNING) {
  const { events = [], ...rest } = d;
  const data: AccountData = {
    account,
    users,
    pipelines,
    leads: [],
    tasks: [],
    ...rest,
    events: eventLogFromApi(events),
  };
  return computeRatings(data, settings(), now, opts);
}

const row = (r: Rating | null | undefined, userId: number): RatingRow | undefined =>
  r?.rows.find((x) => x.userId === userId);
const snap = (r: ReturnType<typeof ratings>, userId: number) =>
  r.snapshot.rows.find((x) => x.userId === userId);

test('a deal created at 06:39 on the 1st is not in the previous month’s stocks', () => {
  const r = ratings({
    leads: [
      lead(1, '2026-03-20 10:00', ANNA, S.NEW),
      lead(2, '2026-04-01 06:39', ANNA, S.NEW, { closest_task_at: null }),
    ],
  });
  expect(r.snapshot.day).toBe('2026-03-31');
  expect(snap(r, ANNA)).toMatchObject({ inWork: 1, leadsWithoutTasks: 0 });
  expect(row(r.previousMonth, ANNA)?.figures).toMatchObject({ inWork: 1, leadsWithoutTasks: 0 });
  expect(row(r.previousQuarter, ANNA)?.figures.inWork).toBe(1);
  // the running month sees it: it exists now
  expect(row(r.month, ANNA)?.figures).toMatchObject({ inWork: 2, leadsWithoutTasks: 1 });
});

test('tasks completed at 06:00 on the 1st are still open and overdue in the previous month', () => {
  const r = ratings({
    leads: [lead(3, '2026-03-01 10:00', ANNA, S.NEW)],
    tasks: [
      task(30, ANNA, { due: '2026-03-30 18:00', leadId: 3, is_completed: true }),
      task(31, ANNA, { due: '2026-03-31 12:00', leadId: 3, is_completed: true }),
      // created after midnight: it did not exist at March's end
      task(32, ANNA, { due: '2026-03-31 12:00', leadId: 3, created_at: t('2026-04-01 06:10') }),
    ],
    events: [completed(30, '2026-04-01 06:00'), completed(31, '2026-03-31 11:00')],
  });
  expect(snap(r, ANNA)).toMatchObject({ openTasks: 1, overdueTasks: 1 });
  // open at the end (30) + completed in March (31)
  expect(row(r.previousMonth, ANNA)?.figures).toMatchObject({ totalTasks: 2, overdueTasks: 1 });
  expect(r.previousMonth?.stocksSource).toBe('snapshot');
  // now: only 32 is open, overdue since 31 March
  expect(row(r.month, ANNA)?.figures).toMatchObject({ overdueTasks: 1, totalTasks: 2 });
});

test('moves and hand-overs after midnight are rolled back: the stock is the state at the period’s end', () => {
  const r = ratings({
    leads: [
      // won at 02:00 on the 1st: still in work at March's end
      lead(4, '2026-03-05 10:00', ANNA, S.WON, { closed_at: t('2026-04-01 02:00') }),
      // handed from Анна to Борис at 05:00: Анна's at March's end
      lead(5, '2026-03-05 10:00', BORIS, S.MEET),
      // reopened from lost at 03:00: not in work at March's end
      lead(6, '2026-03-05 10:00', ANNA, S.NEW),
    ],
    events: [
      move(4, '2026-04-01 02:00', S.MEET, S.WON),
      reassign(5, '2026-04-01 05:00', ANNA, BORIS),
      move(6, '2026-03-25 10:00', S.NEW, S.LOST),
      move(6, '2026-04-01 03:00', S.LOST, S.NEW),
    ],
  });
  expect(snap(r, ANNA)?.inWork).toBe(2); // 4 and 5
  expect(snap(r, BORIS)).toBeUndefined();
  expect(row(r.previousMonth, ANNA)?.figures.inWork).toBe(2);
  expect(row(r.month, ANNA)?.figures.inWork).toBe(1); // 6, now
});

test('a deal whose first task was set after midnight was without tasks at the period’s end', () => {
  const r = ratings({
    leads: [lead(7, '2026-03-10 10:00', ANNA, S.NEW, { closest_task_at: t('2026-04-02 12:00') })],
    tasks: [
      task(70, ANNA, { due: '2026-04-02 12:00', leadId: 7, created_at: t('2026-04-01 06:30') }),
    ],
  });
  expect(snap(r, ANNA)).toMatchObject({ inWork: 1, leadsWithoutTasks: 1, openTasks: 0 });
  expect(row(r.month, ANNA)?.figures.leadsWithoutTasks).toBe(0);
});

test('the week, closed at the start of today, has the stocks at midnight even without a snapshot', () => {
  const e = engine({
    leads: [lead(8, '2026-03-20 10:00', ANNA, S.NEW), lead(9, '2026-04-01 06:39', ANNA, S.NEW)],
  });
  const w = e.rating(e.period('week', MORNING), MORNING);
  expect(w.stocksSource).toBe('end');
  expect(row(w, ANNA)?.figures.inWork).toBe(1);
  expect(w.explain[ANNA]?.inWork).toEqual([{ lead: 8 }]);
});

test('the portfolio goes to the manager who closed the deal in the period', () => {
  const r = ratings(
    {
      leads: [lead(10, '2026-03-02 10:00', BORIS, S.WON, { closed_at: t('2026-03-12 12:00') })],
      events: [
        reassign(10, '2026-03-10 10:00', ANNA, BORIS),
        move(10, '2026-03-12 12:00', S.NEW, S.WON),
        reassign(10, '2026-03-20 10:00', BORIS, ANNA),
      ],
    },
    t('2026-03-25 09:00') * 1000,
  );
  // Анна had it first and has it now; Борис won it
  expect(row(r.month, BORIS)?.figures).toMatchObject({ totalLeads: 1, won: 1 });
  expect(row(r.month, ANNA)?.figures.totalLeads ?? 0).toBe(0);
});

test('an open deal counts for the one responsible at the period’s end', () => {
  const r = ratings({
    leads: [lead(11, '2026-03-02 10:00', ANNA, S.NEW)],
    events: [
      reassign(11, '2026-03-10 10:00', ANNA, BORIS),
      // after March: it does not move March's portfolio
      reassign(11, '2026-04-01 05:00', BORIS, ANNA),
    ],
  });
  expect(row(r.previousMonth, BORIS)?.figures).toMatchObject({ totalLeads: 1, inWork: 1 });
  // Анна created it (a new deal), but it is not in her portfolio
  expect(row(r.previousMonth, ANNA)?.figures).toMatchObject({ newLeads: 1, totalLeads: 0 });
  // the running month (from 1 April): Анна holds it now
  expect(row(r.month, ANNA)?.figures.totalLeads).toBe(1);
});

test('users outside the rating appear in a closed period’s final, with that period’s figures', () => {
  const r = ratings({
    leads: [
      lead(12, '2026-03-10 10:00', VERA, S.NEW),
      lead(13, '2026-03-11 10:00', GONE, S.WON, { closed_at: t('2026-03-12 10:00') }),
      lead(14, '2026-03-11 10:00', ANNA, S.NEW),
    ],
    events: [move(13, '2026-03-12 10:00', S.NEW, S.WON)],
  });
  const fin = r.previousMonth;
  expect(fin?.period.final).toBe(true);
  expect(fin?.outside.map((o) => [o.userId, o.userState, o.points])).toEqual([
    [VERA, 'inactive', 0.1],
    [GONE, 'deleted', 35.1],
  ]);
  expect(fin?.outside[0]?.figures).toMatchObject({ newLeads: 1, inWork: 1, totalLeads: 1 });
  expect(fin?.rows.map((x) => x.userId)).toEqual([ANNA]);
});

test('Разбор of the week lists the deals and tasks behind its midnight stocks', () => {
  const r = ratings({
    leads: [
      lead(15, '2026-03-20 10:00', ANNA, S.NEW, { closest_task_at: null }),
      lead(16, '2026-04-01 06:39', ANNA, S.NEW, { closest_task_at: null }),
    ],
    tasks: [task(150, ANNA, { due: '2026-03-30 18:00', leadId: 17 })],
  });
  expect(r.week.stocksSource).toBe('snapshot');
  expect(r.week.explain[ANNA]).toMatchObject({
    inWork: [{ lead: 15 }],
    leadsWithoutTasks: [{ lead: 15 }],
    overdueTasks: [{ task: 150 }],
  });
});
