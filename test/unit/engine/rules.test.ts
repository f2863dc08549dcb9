/**
 * Hand-computed examples, one rule each (docs/rules.md §2 and §3). Moscow time; now is Monday
 * 16 March 2026 09:00, so the week is 9–15 March and the month runs from 1 March.
 */
import type { Rating, RatingRow } from '../../../src/engine';
import {
  ANNA,
  DARIA,
  BORIS,
  GONE,
  NOW,
  P2,
  S,
  VERA,
  completed,
  engine,
  lead,
  move,
  reassign,
  settings,
  task,
  t,
} from './fixture';

const row = (r: Rating, userId: number): RatingRow => {
  const found = r.rows.find((x) => x.userId === userId);
  if (!found) throw new Error(`no row for ${userId}: ${r.rows.map((x) => x.userId).join(',')}`);
  return found;
};

const week = (e: ReturnType<typeof engine>, snapshots = []) =>
  e.rating(e.period('week', NOW), NOW, snapshots);
const month = (e: ReturnType<typeof engine>) => e.rating(e.period('month', NOW), NOW);

test('§2 flows come from the stage-change history: contract on Tuesday and won on Thursday both count, in their days', () => {
  const e = engine({
    leads: [lead(1, '2026-03-10 10:00', ANNA, S.WON, { closed_at: t('2026-03-12 15:00') })],
    events: [
      move(1, '2026-03-10 11:00', S.NEW, S.CONTRACT),
      move(1, '2026-03-12 15:00', S.CONTRACT, S.WON),
    ],
  });
  const a = row(week(e), ANNA);
  expect(a.figures).toMatchObject({
    newLeads: 1,
    contractsSigned: 1,
    won: 1,
    meetingsScheduled: 0,
    lost: 0,
  });
  expect(a.points).toBe(42.1); // 0.1 + 7 + 35
  // Tuesday alone holds the contract, Thursday the win
  const tuesday = e.rating(
    {
      ...e.period('week', NOW),
      start: t('2026-03-10 00:00') * 1000,
      end: t('2026-03-11 00:00') * 1000,
    },
    NOW,
  );
  expect(row(tuesday, ANNA).figures).toMatchObject({ contractsSigned: 1, won: 0 });
});

test('§2 a lead counts at most once per stage: moving back and forth farms nothing', () => {
  const e = engine({
    leads: [lead(2, '2026-03-09 09:00', ANNA, S.MEET)],
    events: [
      move(2, '2026-03-09 10:00', S.NEW, S.MEET),
      move(2, '2026-03-10 10:00', S.MEET, S.NEW),
      move(2, '2026-03-11 10:00', S.NEW, S.MEET),
      move(2, '2026-03-12 10:00', S.MEET, S.NEW),
      move(2, '2026-03-13 10:00', S.NEW, S.MEET),
    ],
  });
  expect(row(week(e), ANNA).figures.meetingsScheduled).toBe(1);
  expect(row(week(e), ANNA).points).toBe(1.1);
});

test('§2 the first reach is the one that counts, even when it was before the period', () => {
  const e = engine({
    leads: [lead(3, '2026-02-20 09:00', ANNA, S.CONTRACT)],
    events: [
      move(3, '2026-02-25 10:00', S.NEW, S.CONTRACT),
      move(3, '2026-03-02 10:00', S.CONTRACT, S.NEW),
      move(3, '2026-03-10 10:00', S.NEW, S.CONTRACT),
    ],
  });
  expect(row(week(e), ANNA).figures.contractsSigned).toBe(0);
});

test('§2 skipped stages earn nothing by default, and everything below when the setting is on', () => {
  const data = {
    leads: [lead(4, '2026-03-09 09:00', ANNA, S.CONTRACT)],
    events: [move(4, '2026-03-10 10:00', S.NEW, S.CONTRACT)],
  };
  expect(row(week(engine(data)), ANNA).figures).toMatchObject({
    meetingsScheduled: 0,
    meetingsHeld: 0,
    contractsSigned: 1,
  });
  const on = row(week(engine(data, settings({ countSkippedStages: true }))), ANNA);
  expect(on.figures).toMatchObject({
    meetingsScheduled: 1,
    meetingsHeld: 1,
    contractsSigned: 1,
    advancesPaid: 0,
  });
  expect(on.points).toBe(11.1); // 0.1 + 1 + 3 + 7
});

test('§2 a figure goes to the manager responsible at the moment of the event', () => {
  const e = engine({
    leads: [lead(5, '2026-03-09 09:00', BORIS, S.CONTRACT)],
    events: [
      move(5, '2026-03-10 10:00', S.NEW, S.MEET),
      reassign(5, '2026-03-11 10:00', ANNA, BORIS),
      move(5, '2026-03-12 10:00', S.MEET, S.CONTRACT),
    ],
  });
  const r = week(e);
  expect(row(r, ANNA).figures).toMatchObject({
    newLeads: 1,
    meetingsScheduled: 1,
    contractsSigned: 0,
    inWork: 0,
  });
  expect(row(r, BORIS).figures).toMatchObject({
    newLeads: 0,
    meetingsScheduled: 0,
    contractsSigned: 1,
    inWork: 1,
  });
  expect(r.explain[BORIS]?.contractsSigned).toEqual([
    expect.objectContaining({ lead: 5, at: '2026-03-12T07:00:00.000Z', points: 7 }),
  ]);
});

test('§2 pipelines outside the selection are ignored; won/lost count in every selected pipeline', () => {
  const e = engine({
    leads: [
      lead(6, '2026-03-09 09:00', ANNA, S.WON, { pipeline_id: P2 }),
      lead(7, '2026-03-09 09:00', ANNA, S.LOST),
    ],
    events: [
      move(6, '2026-03-10 10:00', 21, S.WON, { pipeline: P2 }),
      move(7, '2026-03-10 10:00', S.NEW, S.LOST),
    ],
  });
  expect(row(week(e), ANNA).figures).toMatchObject({ newLeads: 1, won: 0, lost: 1 });
});

test('§2 robot moves (created_by 0) count for the responsible manager', () => {
  const e = engine({
    leads: [lead(8, '2026-03-09 09:00', ANNA, S.HELD)],
    events: [move(8, '2026-03-10 10:00', S.MEET, S.HELD, { by: 0 })],
  });
  expect(row(week(e), ANNA).figures.meetingsHeld).toBe(1);
});

test('§2 meetings held can come from completed meeting tasks instead of the stage', () => {
  const data = {
    leads: [lead(9, '2026-03-09 09:00', ANNA, S.HELD)],
    events: [
      move(9, '2026-03-10 10:00', S.MEET, S.HELD),
      completed(90, '2026-03-11 12:00'),
      completed(91, '2026-03-12 12:00'),
    ],
    tasks: [
      task(90, BORIS, { due: '2026-03-11 18:00', leadId: 9, task_type_id: 2, is_completed: true }),
      task(91, BORIS, { due: '2026-03-12 18:00', task_type_id: 1, is_completed: true }), // a call, not a meeting
    ],
  };
  expect(row(week(engine(data)), ANNA).figures.meetingsHeld).toBe(1);
  const byTasks = week(engine(data, settings({ meetingsHeldFrom: 'tasks' })));
  expect(row(byTasks, ANNA).figures.meetingsHeld).toBe(0);
  expect(row(byTasks, BORIS).figures.meetingsHeld).toBe(1);
});

test('§2 stocks of a running period are now: in work, tasks, overdue, without tasks', () => {
  const e = engine({
    leads: [
      lead(10, '2026-03-01 09:00', ANNA, S.NEW, { closest_task_at: null }),
      lead(11, '2026-03-01 09:00', ANNA, S.MEET),
      lead(12, '2026-03-01 09:00', ANNA, S.WON),
    ],
    events: [completed(101, '2026-03-03 12:00')],
    tasks: [
      task(100, ANNA, { due: '2026-03-15 18:00', leadId: 11 }), // overdue on the 16th
      task(101, ANNA, { due: '2026-03-03 18:00', leadId: 11, is_completed: true }),
      task(102, ANNA, { due: '2026-03-20 18:00', leadId: 11 }),
    ],
  });
  const a = row(month(e), ANNA);
  expect(a.figures).toMatchObject({
    inWork: 2,
    totalTasks: 3,
    overdueTasks: 1,
    leadsWithoutTasks: 1,
  });
  expect(month(e).stocksSource).toBe('current');
});

test("§2 stocks of a closed period come from its last day's snapshot, and are empty (never guessed) without one", () => {
  const data = {
    leads: [lead(13, '2026-02-10 09:00', ANNA, S.MEET)],
    events: [move(13, '2026-02-11 10:00', S.NEW, S.MEET)],
  };
  const e = engine(data);
  const feb = e.period('month', NOW, true);
  expect([feb.firstDay, feb.lastDay]).toEqual(['2026-02-01', '2026-02-28']);
  const none = e.rating(feb, NOW);
  expect(none.stocksSource).toBe('missing');
  expect(row(none, ANNA).figures).toMatchObject({
    meetingsScheduled: 1,
    inWork: null,
    totalTasks: null,
    overdueTasks: null,
    leadsWithoutTasks: null,
  });
  const snap = e.rating(feb, NOW, [
    {
      day: '2026-02-28',
      userId: ANNA,
      inWork: 4,
      openTasks: 2,
      overdueTasks: 1,
      leadsWithoutTasks: 3,
      flows: {
        newLeads: 0,
        meetingsScheduled: 0,
        meetingsHeld: 0,
        contractsSigned: 0,
        advancesPaid: 0,
        won: 0,
        lost: 0,
      },
    },
  ]);
  expect(snap.stocksSource).toBe('snapshot');
  expect(row(snap, ANNA).figures).toMatchObject({
    inWork: 4,
    totalTasks: 2,
    overdueTasks: 1,
    leadsWithoutTasks: 3,
  });
});

test('§2 the portfolio counts leads open at some moment of the period', () => {
  const e = engine({
    leads: [
      lead(14, '2026-02-10 09:00', ANNA, S.WON),
      lead(15, '2026-03-15 23:00', ANNA, S.NEW),
      lead(16, '2026-01-10 09:00', ANNA, S.LOST),
    ],
    events: [
      move(14, '2026-03-02 10:00', S.NEW, S.WON),
      move(16, '2026-02-01 10:00', S.NEW, S.LOST),
    ],
  });
  expect(row(month(e), ANNA).figures.totalLeads).toBe(2); // 14 (closed during March) and 15
  expect(row(week(e), ANNA).figures.totalLeads).toBe(1); // only 15: 14 was closed before the week
});

test('§2, §5.1 deleted and deactivated users keep their figures, unranked, below the rating', () => {
  const e = engine({
    leads: [
      lead(17, '2026-03-10 09:00', GONE, S.NEW),
      lead(18, '2026-03-10 09:00', VERA, S.NEW),
      lead(19, '2026-03-10 09:00', ANNA, S.NEW),
    ],
  });
  const r = week(e);
  expect(r.rows.map((x) => x.userId)).toEqual([ANNA]);
  expect(r.outside).toEqual([
    expect.objectContaining({ userId: VERA, name: 'Вера', userState: 'inactive', points: 0.1 }),
    expect.objectContaining({ userId: GONE, name: '#4', userState: 'deleted', points: 0.1 }),
  ]);
  expect(r.outside[0]?.figures).toMatchObject({ newLeads: 1, inWork: 1, leadsWithoutTasks: 0 });
  expect(r.totals.figures.newLeads).toBe(1); // the team total is the ranked rows'
});

test("§3.1 the case's point table on a worked example: 3 new, 2 scheduled, 1 held, 1 contract, 1 advance, 1 won = 62.3", () => {
  const e = engine({
    leads: [
      lead(20, '2026-03-09 09:00', ANNA, S.WON),
      lead(21, '2026-03-09 09:00', ANNA, S.MEET),
      lead(22, '2026-03-09 09:00', ANNA, S.NEW),
    ],
    events: [
      move(20, '2026-03-09 10:00', S.NEW, S.MEET),
      move(20, '2026-03-10 10:00', S.MEET, S.HELD),
      move(20, '2026-03-11 10:00', S.HELD, S.CONTRACT),
      move(20, '2026-03-12 10:00', S.CONTRACT, S.ADVANCE),
      move(20, '2026-03-13 10:00', S.ADVANCE, S.WON),
      move(21, '2026-03-10 10:00', S.NEW, S.MEET),
    ],
  });
  const a = row(week(e), ANNA);
  expect(a.figures).toMatchObject({
    newLeads: 3,
    meetingsScheduled: 2,
    meetingsHeld: 1,
    contractsSigned: 1,
    advancesPaid: 1,
    won: 1,
  });
  expect(a.points).toBe(62.3);
});

test('§3.1 point values are versioned: each event is scored with the values in force on its day', () => {
  const s = settings({
    points: [
      {
        from: '1970-01-01',
        values: {
          newLeads: 0.1,
          meetingsScheduled: 1,
          meetingsHeld: 3,
          contractsSigned: 7,
          advancesPaid: 15,
          won: 35,
        },
      },
      {
        from: '2026-03-11',
        values: {
          newLeads: 0,
          meetingsScheduled: 1,
          meetingsHeld: 3,
          contractsSigned: 7,
          advancesPaid: 15,
          won: 50,
        },
      },
    ],
  });
  const e = engine(
    {
      leads: [lead(23, '2026-03-08 09:00', ANNA, S.WON), lead(24, '2026-03-08 09:00', ANNA, S.WON)],
      events: [
        move(23, '2026-03-10 23:59', S.NEW, S.WON),
        move(24, '2026-03-11 00:00', S.NEW, S.WON),
      ],
    },
    s,
  );
  expect(row(week(e), ANNA).points).toBe(85); // 35 on the 10th + 50 on the 11th (new leads fell on the 8th)
});

test('§3.2 plans: a week is prorated by its working days, a month is the whole month, a quarter sums its months', () => {
  const plans = [
    { month: '2026-01', userId: ANNA, points: 100 },
    { month: '2026-02', userId: ANNA, points: 280 },
    { month: '2026-03', userId: ANNA, points: 310, figures: { won: 31 } },
  ];
  const e = engine(
    {
      leads: [lead(25, '2026-03-10 09:00', ANNA, S.WON)],
      events: [move(25, '2026-03-10 10:00', S.NEW, S.WON)],
    },
    settings({ plans }),
  );
  const w = row(week(e), ANNA);
  // March 2026 has 21 working days (31 − 9 weekend days − 9 March, the day off for 8 March on
  // a Sunday); the week 9–15 March works 10, 11, 12, 13 March: 310 × 4/21 = 59.047… → 59.05
  expect(w.plan).toBe(59.05);
  expect(w.planPercent).toBeCloseTo(35.1 / 59.05, 10);
  // 31 × 4/21 = 5.904… → 5.9
  expect(w.figurePlans.won).toEqual({ plan: 5.9, actual: 1, percent: 1 / 5.9 });
  expect(row(month(e), ANNA).plan).toBe(310);
  expect(row(e.rating(e.period('quarter', NOW), NOW), ANNA).plan).toBe(690);
  // a week across two months, 24 Feb – 2 Mar: February 2026 has 19 working days (23 February is
  // a holiday), the week works 24–27 February and 2 March: 280 × 4/19 + 310 × 1/21
  // = 58.947… + 14.761… = 73.71
  const early = t('2026-03-03 09:00') * 1000;
  const e2 = engine({ leads: [lead(26, '2026-02-25 09:00', ANNA, S.NEW)] }, settings({ plans }));
  expect(row(e2.rating(e2.period('week', early), early), ANNA).plan).toBe(73.71);
  // a month without a plan leaves the period without one (never three months against one plan)
  // (lead 28 makes Анна appear in the week of 24 February: lead 27 did not exist yet)
  const onlyMarch = engine(
    {
      leads: [lead(27, '2026-03-10 09:00', ANNA, S.NEW), lead(28, '2026-02-25 09:00', ANNA, S.NEW)],
    },
    settings({ plans: [{ month: '2026-03', userId: ANNA, points: 310, figures: { won: 31 } }] }),
  );
  const q = row(onlyMarch.rating(onlyMarch.period('quarter', NOW), NOW), ANNA);
  expect([q.plan, q.planPercent, q.figurePlans.won]).toEqual([null, null, undefined]);
  expect(row(month(onlyMarch), ANNA).plan).toBe(310);
  expect(row(onlyMarch.rating(onlyMarch.period('week', early), early), ANNA).plan).toBeNull();
});

test('§3.3 colour inputs: green at ≥ 100 %, yellow at ≥ 50 %; norm breaches for overdue, lost (count or share), no tasks', () => {
  const plans = [
    { month: '2026-03', userId: ANNA, points: 31 },
    { month: '2026-03', userId: BORIS, points: 62 },
  ];
  const norms = { maxOverdueTasks: 0, maxLostShare: 0.5, maxLeadsWithoutTasks: 1 };
  const e = engine(
    {
      leads: [
        lead(27, '2026-03-09 09:00', ANNA, S.WON),
        lead(28, '2026-03-09 09:00', BORIS, S.WON),
        lead(29, '2026-03-09 09:00', BORIS, S.LOST),
        lead(30, '2026-03-09 09:00', BORIS, S.LOST),
        lead(31, '2026-03-09 09:00', BORIS, S.NEW, { closest_task_at: null }),
        lead(32, '2026-03-09 09:00', BORIS, S.NEW, { closest_task_at: null }),
      ],
      events: [
        move(27, '2026-03-10 10:00', S.NEW, S.WON),
        move(28, '2026-03-10 10:00', S.NEW, S.WON),
        move(29, '2026-03-10 10:00', S.NEW, S.LOST),
        move(30, '2026-03-10 10:00', S.NEW, S.LOST),
      ],
      tasks: [task(110, ANNA, { due: '2026-03-12 10:00' })],
    },
    settings({ plans, norms, thresholds: { green: 1, yellow: 0.5 } }),
  );
  const r = week(e); // week plans (4 of March's 21 working days): Anna 5.9, Boris 11.81
  expect(row(r, ANNA).pace).toBeGreaterThanOrEqual(1); // green: the sheet's rule colours pace ≥ 100 %
  expect(row(r, ANNA)).toMatchObject({
    breaches: { overdueTasks: true, lost: false, leadsWithoutTasks: false },
  });
  expect(row(r, BORIS).planPercent).toBeCloseTo(35.5 / 11.81, 10); // 35 + 5 new leads × 0.1
  expect(row(r, BORIS).breaches).toEqual({
    overdueTasks: false,
    lost: true,
    leadsWithoutTasks: true,
  }); // 2/3 lost > 50 %, 2 leads without tasks > 1
});

test('§3.4 ranking by points; ties break by won, then contracts, then name; medals for the top three', () => {
  // everyone gets 35.1 points in different ways
  const e = engine({
    leads: [
      lead(40, '2026-03-09 09:00', ANNA, S.CONTRACT),
      lead(41, '2026-03-09 09:00', BORIS, S.WON),
      lead(42, '2026-03-09 09:00', DARIA, S.CONTRACT),
    ],
    events: [
      move(40, '2026-03-10 10:00', S.NEW, S.CONTRACT),
      move(40, '2026-03-10 11:00', S.CONTRACT, S.ADVANCE),
      move(40, '2026-03-10 12:00', S.ADVANCE, S.HELD),
      move(40, '2026-03-10 13:00', S.HELD, S.MEET),
      move(40, '2026-03-10 14:00', S.MEET, S.CONTRACT), // 7+15+3+1 = 26 … plus:
      move(41, '2026-03-10 10:00', S.NEW, S.WON),
      move(42, '2026-03-10 10:00', S.NEW, S.CONTRACT),
      move(42, '2026-03-10 11:00', S.CONTRACT, S.ADVANCE),
      move(42, '2026-03-10 12:00', S.ADVANCE, S.HELD),
      move(42, '2026-03-10 13:00', S.HELD, S.MEET),
    ],
  });
  const r = week(e);
  expect(r.rows.map((x) => [x.name, x.points])).toEqual([
    ['Борис', 35.1],
    ['Анна', 26.1],
    ['Дарья', 26.1],
  ]);
  expect(r.rows.map((x) => [x.place, x.medal])).toEqual([
    [1, '🥇'],
    [2, '🥈'],
    [3, '🥉'],
  ]);
});

test('§3.4 equal points: more won deals first, then more contracts, then the name', () => {
  const e = engine(
    {
      leads: [
        lead(43, '2026-03-09 09:00', DARIA, S.WON),
        lead(44, '2026-03-09 09:00', BORIS, S.CONTRACT),
        lead(45, '2026-03-09 09:00', ANNA, S.CONTRACT),
      ],
      events: [
        move(43, '2026-03-10 10:00', S.NEW, S.WON),
        move(44, '2026-03-10 10:00', S.NEW, S.CONTRACT),
        move(45, '2026-03-10 10:00', S.NEW, S.CONTRACT),
      ],
    },
    settings({
      points: [
        {
          from: '1970-01-01',
          values: {
            newLeads: 0,
            meetingsScheduled: 1,
            meetingsHeld: 3,
            contractsSigned: 7,
            advancesPaid: 15,
            won: 7,
          },
        },
      ],
    }),
  );
  expect(week(e).rows.map((x) => x.name)).toEqual(['Дарья', 'Анна', 'Борис']);
});

test('§3.4 ranking by plan % is a setting; a manager without a plan goes last', () => {
  const plans = [
    { month: '2026-03', userId: ANNA, points: 31 },
    { month: '2026-03', userId: BORIS, points: 3100 },
  ];
  const e = engine(
    {
      leads: [
        lead(46, '2026-03-09 09:00', ANNA, S.MEET),
        lead(47, '2026-03-09 09:00', BORIS, S.WON),
        lead(48, '2026-03-09 09:00', DARIA, S.WON),
      ],
      events: [
        move(46, '2026-03-10 10:00', S.NEW, S.MEET),
        move(47, '2026-03-10 10:00', S.NEW, S.WON),
        move(48, '2026-03-10 10:00', S.NEW, S.WON),
      ],
    },
    settings({ plans, rankBy: 'planPercent' }),
  );
  expect(week(e).rows.map((x) => x.name)).toEqual(['Анна', 'Борис', 'Дарья']);
});

test('§3.4 ranking by plan % in a period without any plan ranks by points, and says so', () => {
  // Anna: 3 meetings held (3 × (0.1 + 1 + 3) = 12.3 points); Boris: 1 contract (7.1 points).
  // Without plans a plan-% ranking would leave only the tie-breaks (Boris's contract first).
  const data = {
    leads: [
      lead(461, '2026-03-09 09:00', ANNA, S.HELD),
      lead(462, '2026-03-09 09:00', ANNA, S.HELD),
      lead(463, '2026-03-09 09:00', ANNA, S.HELD),
      lead(464, '2026-03-09 09:00', BORIS, S.CONTRACT),
    ],
    events: [
      move(461, '2026-03-10 10:00', S.NEW, S.HELD),
      move(462, '2026-03-10 10:00', S.NEW, S.HELD),
      move(463, '2026-03-10 10:00', S.NEW, S.HELD),
      move(464, '2026-03-10 10:00', S.NEW, S.CONTRACT),
    ],
  };
  const byPlan = week(engine(data, settings({ rankBy: 'planPercent', countSkippedStages: true })));
  expect(byPlan.rankedBy).toBe('points');
  expect(byPlan.rows.map((x) => [x.name, x.place, x.points])).toEqual([
    ['Анна', 1, 12.3],
    ['Борис', 2, 11.1],
  ]);
  const plain = week(engine(data, settings({ rankBy: 'planPercent' })));
  expect(plain.rows.map((x) => [x.name, x.points])).toEqual([
    ['Анна', 9.3],
    ['Борис', 7.1],
  ]);
  // with a plan for anyone in the period, plan % decides again
  const planned = week(
    engine(
      data,
      settings({ rankBy: 'planPercent', plans: [{ month: '2026-03', userId: BORIS, points: 31 }] }),
    ),
  );
  expect(planned.rankedBy).toBe('planPercent');
  expect(planned.rows.map((x) => x.name)).toEqual(['Борис', 'Анна']);
});

test('§3.4 change of place against the previous week', () => {
  const e = engine({
    // Boris keeps an open lead, so he is in this week's rating with 0 points
    leads: [
      lead(50, '2026-03-02 09:00', ANNA, S.WON),
      lead(51, '2026-03-02 09:00', BORIS, S.WON),
      lead(55, '2026-03-02 09:00', BORIS, S.NEW),
    ],
    events: [
      move(50, '2026-03-03 10:00', S.NEW, S.MEET),
      move(51, '2026-03-03 10:00', S.NEW, S.WON),
      move(50, '2026-03-10 10:00', S.MEET, S.WON),
    ],
  });
  const r = week(e);
  expect(row(r, ANNA)).toMatchObject({ place: 1, previousPlace: 2, change: 1 });
  expect(row(r, BORIS)).toMatchObject({ place: 2, previousPlace: 1, change: -1 });
});

test('§3 team totals add up the rows', () => {
  const e = engine(
    {
      leads: [
        lead(52, '2026-03-09 09:00', ANNA, S.WON),
        lead(53, '2026-03-09 09:00', BORIS, S.MEET),
      ],
      events: [
        move(52, '2026-03-10 10:00', S.NEW, S.WON),
        move(53, '2026-03-10 10:00', S.NEW, S.MEET),
      ],
    },
    settings({ excludedUserIds: [DARIA] }),
  );
  const r = week(e);
  expect(r.totals.points).toBe(36.2);
  expect(r.totals.figures).toMatchObject({ newLeads: 2, won: 1, meetingsScheduled: 1, inWork: 1 });
});

test('§3 excluded users do not appear', () => {
  const e = engine(
    { leads: [lead(54, '2026-03-10 09:00', BORIS, S.NEW)] },
    settings({ excludedUserIds: [BORIS] }),
  );
  expect(week(e).rows).toEqual([]);
});

test('§3.5 bottom watch counts consecutive weeks in the bottom N among managers with enough new deals', () => {
  const leads = [];
  const events = [];
  let id = 600;
  // three weeks: Anna wins every week, Boris and Daria only get leads; Daria stops after week 2
  for (const [weekStart, who] of [
    ['2026-02-23', [ANNA, BORIS, DARIA]],
    ['2026-03-02', [ANNA, BORIS, DARIA]],
    ['2026-03-09', [ANNA, BORIS]],
  ] as const) {
    for (const u of who) {
      for (let i = 0; i < 2; i++) {
        const l = ++id;
        leads.push(
          lead(l, `${weekStart} 10:00`, u, u === ANNA ? S.WON : S.NEW, { closed_at: null }),
        );
        if (u === ANNA) events.push(move(l, `${weekStart} 11:00`, S.NEW, S.WON));
      }
    }
  }
  // Week 9–15: Anna 70.2, Boris 0.2, Daria 0 with no new deal (her 4 open leads are a portfolio,
  // not new deals): with a minimum of 1 new deal she is not counted, so Boris is at the bottom.
  // Weeks 2–8 and 23 Feb–1 Mar: Boris and Daria tie on 0.2; the name puts Daria last, so Boris's
  // stay at the bottom is one week.
  const e = engine({ leads, events }, settings({ bottomWatch: { size: 1, minLeads: 1 } }));
  expect(Object.fromEntries(e.bottomWatch(e.period('week', NOW), NOW))).toEqual({ [BORIS]: 1 });
  // With no minimum Daria is counted every week: three weeks in a row.
  const all = engine({ leads, events }, settings({ bottomWatch: { size: 1, minLeads: 0 } }));
  expect(Object.fromEntries(all.bottomWatch(all.period('week', NOW), NOW))).toEqual({
    [DARIA]: 3,
  });
  // With a minimum of 3 new deals nobody qualifies this week (2 each at most): nobody is listed.
  const strict = engine({ leads, events }, settings({ bottomWatch: { size: 1, minLeads: 3 } }));
  expect(strict.bottomWatch(strict.period('week', NOW), NOW).size).toBe(0);
});
