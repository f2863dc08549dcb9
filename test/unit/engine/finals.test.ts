/**
 * Frozen finals (docs/rules.md §4.4, §3.4.5): a published final is kept and shown as kept; a
 * change of place is taken from the previous period's kept final. Moscow time; "now" is
 * 1 April 2026 09:00: the week is 25–31 March, March and Q1 are closed and shown.
 */
import {
  computeRatings,
  finalKey,
  FINALS_KEPT_DAYS,
  freeze,
  intlOffset,
  nextBook,
  withFinals,
  Calendar,
  type FinalsBook,
  type Rating,
  type RatingSet,
} from '../../../src/engine';
import { eventLogFromApi, type AccountData } from '../../../src/shapes/account-data';
import type { AmoLead } from '../../../src/shapes/amocrm';
import {
  account,
  ANNA,
  BORIS,
  DARIA,
  lead,
  move,
  pipelines,
  S,
  settings,
  t,
  users,
} from './fixture';

const NOW = t('2026-04-01 09:00') * 1000;
const opts = { utcOffset: intlOffset, fallbackTimeZone: 'Europe/Moscow' };
const cal = new Calendar('Europe/Moscow', intlOffset('Europe/Moscow'));

// Q1: Boris wins twice (one on 27 March, in the week), Anna once, Daria gets a contract.
const leads: AmoLead[] = [
  lead(930, '2026-02-02 10:00', BORIS, S.WON),
  lead(931, '2026-03-27 10:00', BORIS, S.WON),
  lead(932, '2026-02-03 10:00', ANNA, S.WON),
  lead(933, '2026-03-26 10:00', DARIA, S.CONTRACT),
];
const events = [
  move(930, '2026-02-05 10:00', S.NEW, S.WON),
  move(931, '2026-03-27 12:00', S.NEW, S.WON),
  move(932, '2026-02-06 10:00', S.NEW, S.WON),
  move(933, '2026-03-26 12:00', S.NEW, S.CONTRACT),
];

function data(ls: AmoLead[]): AccountData {
  return { account, users, pipelines, leads: ls, tasks: [], events: eventLogFromApi(events) };
}
const ratings = (ls: AmoLead[] = leads): RatingSet =>
  computeRatings(data(ls), settings(), NOW, opts);
const cells = (r: Rating) => ({ rows: r.rows, outside: r.outside, totals: r.totals });
const places = (r: Rating) => r.rows.map((x) => [x.name, x.place, x.previousPlace, x.change]);

test('the closed periods shown are kept at their first publication, the running ones are not', () => {
  const { fresh } = withFinals(ratings(), new Map(), cal);
  expect(fresh.map((f) => finalKey(f.period)).sort()).toEqual([
    'month:2026-03',
    'quarter:2026-Q1',
    'week:2026-03-25…2026-03-31',
  ]);
  expect(fresh.every((f) => !('explain' in f))).toBe(true);
});

test('a kept final is shown as kept: a deal trashed after the publication changes nothing in it', () => {
  const first = withFinals(ratings(), new Map(), cal);
  const book = nextBook(new Map(), first.fresh, NOW);
  // Boris's won deal 930 is trashed later that day: the recount loses a win…
  const trashed = ratings(leads.filter((l) => l.id !== 930));
  expect(trashed.lastQuarter.totals.figures.won).toBe(2);
  // …the kept Q1 final, March final and week do not, on the sheets, the hall and the posts alike
  const again = withFinals(trashed, book, cal);
  expect(again.fresh).toEqual([]);
  expect(cells(again.ratings.lastQuarter)).toEqual(cells(first.ratings.lastQuarter));
  expect(again.ratings.previousQuarter).toBe(again.ratings.lastQuarter);
  expect(cells(again.ratings.previousMonth!)).toEqual(cells(first.ratings.previousMonth!));
  expect(cells(again.ratings.week)).toEqual(cells(first.ratings.week));
  expect(again.ratings.lastQuarter.totals.figures.won).toBe(3);
  // the running quarter is recounted; its change of place is measured against the kept Q1
  expect(again.ratings.quarter.rows.map((r) => r.figures)).toEqual(
    trashed.quarter.rows.map((r) => r.figures),
  );
  expect(places(again.ratings.quarter)).toEqual([['Дарья', 1, 3, 2]]);
});

test("«Изм.» of a final comes from the previous period's kept final, not a recount", () => {
  const set = ratings();
  // Q4 2025 as it was published: Daria first, Anna second, Boris third. The store no longer
  // holds Q4 (the window moved), so a recount finds nobody there.
  const q4: Rating = {
    ...set.lastQuarter,
    period: { ...set.lastQuarter.period, label: '2025-Q4' },
    rows: [DARIA, ANNA, BORIS].map((userId, i) => ({
      ...set.lastQuarter.rows[0]!,
      userId,
      place: i + 1,
    })),
  };
  expect(places(set.lastQuarter)).toEqual([
    ['Борис', 1, null, null],
    ['Анна', 2, null, null],
    ['Дарья', 3, null, null],
  ]);
  const book: FinalsBook = new Map([[finalKey(q4.period), freeze(q4, NOW - 90 * 86400000)]]);
  const { ratings: shown, fresh } = withFinals(set, book, cal);
  expect(places(shown.lastQuarter)).toEqual([
    ['Борис', 1, 3, 2],
    ['Анна', 2, 2, 0],
    ['Дарья', 3, 1, -2],
  ]);
  // what is kept is what was shown
  const keptQ1 = fresh.find((f) => f.period.label === '2026-Q1');
  expect(keptQ1?.rows).toEqual(shown.lastQuarter.rows);
  // the running Q2 compares with the kept Q1 final
  const next = withFinals(set, nextBook(book, fresh, NOW), cal);
  expect(places(next.ratings.quarter)).toEqual([['Дарья', 1, 3, 2]]);
});

test("without a kept previous final the change stays the recount's", () => {
  const set = ratings();
  const { ratings: shown } = withFinals(set, new Map(), cal);
  expect(shown.week.rows).toEqual(set.week.rows);
  expect(shown.month.rows).toEqual(set.month.rows);
});

test('kept finals older than the retention leave the book', () => {
  const { fresh } = withFinals(ratings(), new Map(), cal);
  const book = nextBook(new Map(), fresh, NOW);
  expect(nextBook(book, [], NOW).size).toBe(3);
  const keys = (at: number) => [...nextBook(book, [], at).keys()].sort();
  // the week goes first, the month and the quarter a year later
  expect(keys(NOW + (FINALS_KEPT_DAYS.week + 1) * 86400000)).toEqual([
    'month:2026-03',
    'quarter:2026-Q1',
  ]);
  expect(keys(NOW + (FINALS_KEPT_DAYS.quarter + 1) * 86400000)).toEqual([]);
});

test("a kept final keeps its numbers and shows the user's name as amoCRM has it today", () => {
  const first = withFinals(ratings(), new Map(), cal);
  const book = nextBook(new Map(), first.fresh, NOW);
  // Boris is renamed in amoCRM after the final was published
  const renamed = users.map((u) => (u.id === BORIS ? { ...u, name: 'Борис Сидоров' } : u));
  const again = withFinals(
    computeRatings({ ...data(leads), users: renamed }, settings(), NOW, opts),
    book,
    cal,
  );
  const q1 = again.ratings.lastQuarter;
  const boris = q1.rows.find((r) => r.userId === BORIS);
  expect(boris?.name).toBe('Борис Сидоров');
  const was = first.ratings.lastQuarter.rows.find((r) => r.userId === BORIS);
  expect(was?.name).not.toBe('Борис Сидоров');
  expect({ ...boris, name: '' }).toEqual({ ...was, name: '' });
});
