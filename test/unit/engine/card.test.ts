/** The manager card's model (docs/rules.md §5.4) on hand-made ratings: the arithmetic in comments. */
import { cardModel, median, type Rating, type RatingRow } from '../../../src/engine';

function row(
  p: Partial<RatingRow> & { userId: number; name: string; place: number; points: number },
): RatingRow {
  return {
    medal: '',
    userState: 'active',
    figures: {
      totalLeads: 0,
      inWork: null,
      newLeads: 0,
      meetingsScheduled: 0,
      meetingsHeld: 0,
      contractsSigned: 0,
      advancesPaid: 0,
      won: 0,
      lost: 0,
      totalTasks: null,
      overdueTasks: null,
      leadsWithoutTasks: null,
    },
    plan: null,
    planPercent: null,
    pace: null,
    figurePlans: {},
    breaches: { overdueTasks: false, lost: false, leadsWithoutTasks: false },
    lostShare: null,
    previousPlace: null,
    change: null,
    ...p,
  };
}

function rating(
  rows: RatingRow[],
  rankedBy: Rating['rankedBy'] = 'points',
  first = '2026-03-09',
): Rating {
  return {
    period: { kind: 'week', firstDay: first, lastDay: first, start: 0, end: 0 },
    rankedBy,
    rows,
    explain: {},
  } as unknown as Rating;
}

test('median as MEDIAN: the middle value, or the mean of the middle two; none of nothing', () => {
  expect(median([5, 1, 3])).toBe(3);
  expect(median([4, 1, 3, 10])).toBe(3.5); // (3 + 4) / 2
  expect(median([])).toBeNull();
});

test('points to the place above, by points and by plan %; the leader and a manager without a plan', () => {
  const week = rating([
    row({ userId: 1, name: 'Анна', place: 1, points: 65.2 }),
    row({ userId: 2, name: 'Борис', place: 2, points: 43.2 }),
  ]);
  // by plan %: Вера 80 % of 50 = 40 points, Глеб 50 % of 60 = 30 points; Глеб needs (0.8 − 0.5) × 60 = 18
  const month = rating(
    [
      row({ userId: 3, name: 'Вера', place: 1, points: 40, plan: 50, planPercent: 0.8 }),
      row({ userId: 4, name: 'Глеб', place: 2, points: 30, plan: 60, planPercent: 0.5 }),
      row({ userId: 2, name: 'Борис', place: 3, points: 50, plan: null, planPercent: null }),
    ],
    'planPercent',
  );
  const m = cardModel({ week, month, quarter: rating([]), trend: [week] });
  const by = (id: number) => m.rows.find((r) => r.userId === id)!;
  expect(by(1).periods.week).toMatchObject({ place: 1, toNext: null, nextPlace: null });
  expect(by(2).periods.week?.toNext).toBeCloseTo(22, 9); // 65.2 − 43.2
  expect(by(4).periods.month?.toNext).toBeCloseTo(18, 9);
  expect(by(2).periods.month).toMatchObject({ place: 3, toNext: null, nextPlace: 2 }); // no plan
  // a manager of the month only still has a card; one not ranked in the week shows none there
  expect(by(3).periods.week).toBeNull();
  expect(by(3).trend).toEqual([null]);
  expect(m.rows.map((r) => r.name)).toEqual(['Анна', 'Борис', 'Вера', 'Глеб']);
});

test('a name two managers share, in any letter case, gets the user id; an empty name too', () => {
  const week = rating([
    row({ userId: 7, name: 'Анна', place: 1, points: 2 }),
    row({ userId: 8, name: 'анна', place: 2, points: 1 }),
    row({ userId: 9, name: '  ', place: 3, points: 0 }),
  ]);
  const m = cardModel({ week, month: rating([]), quarter: rating([]), trend: [week] });
  expect(m.rows.map((r) => r.name).sort()).toEqual(['Анна (#7)', 'анна (#8)', '— (#9)'].sort());
});
