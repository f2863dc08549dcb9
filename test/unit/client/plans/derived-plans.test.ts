/**
 * The week and quarter plans shown beside each manager follow from the months in the grid, as the
 * rating prorates them: a week by its working days in each month, a quarter as the sum of its
 * months.
 */
import { derivedPlans } from '../../../../src/client/plans/derived-plans';
import { cellId, type Cells } from '../../../../src/client/plans/plan-cells';
import { ANNA, BORIS, MONTHS } from './fixture';

const TZ = 'Europe/Moscow';
// 3 April 2026, 09:00 in Moscow: the week is 27 March – 2 April, the quarter April – June
const APRIL_3 = Date.parse('2026-04-03T06:00:00Z');
const DIALOG = { months: MONTHS, timeZone: TZ, now: APRIL_3 };

const planned = (entries: Array<[string, number | string]>, userId = ANNA.id): Cells =>
  new Map(entries.map(([month, v]) => [cellId(month, userId, 'points'), v]));

test('a week across two months: 3 of March’s 21 working days and 2 of April’s 22', () => {
  const cells = planned([
    ['2026-03', 310],
    ['2026-04', 300],
  ]);
  // 27 March – 2 April 2026: 27, 30, 31 March and 1, 2 April are worked;
  // 310 × 3/21 + 300 × 2/22 = 44.285… + 27.272… = 71.56
  expect(derivedPlans(DIALOG, cells, ANNA.id).week).toBe(71.56);
});

test('an absence typed in the dialog lowers the week it falls in', () => {
  const cells = planned([
    ['2026-03', 310],
    ['2026-04', 300],
  ]);
  // away 30 March – 1 April: the week keeps 27 March and 2 April: 310/21 + 300/22 = 28.40
  const absences = [
    { userId: ANNA.id, kind: 'vacation' as const, from: '2026-03-30', to: '2026-04-01' },
  ];
  expect(derivedPlans({ ...DIALOG, absences }, cells, ANNA.id).week).toBe(28.4);
});

test('the quarter: the sum of its three months', () => {
  const cells = planned([
    ['2026-04', 300],
    ['2026-05', 310],
    ['2026-06', 320.5],
  ]);
  expect(derivedPlans(DIALOG, cells, ANNA.id).quarter).toBe(930.5);
});

test('a month without a plan leaves the period without one', () => {
  const cells = planned([
    ['2026-04', 300],
    ['2026-05', 310],
  ]);
  expect(derivedPlans(DIALOG, cells, ANNA.id)).toEqual({ week: null, quarter: null });
});

test('a value that did not parse counts as no plan', () => {
  const cells = planned([
    ['2026-03', 310],
    ['2026-04', 'много'],
  ]);
  expect(derivedPlans(DIALOG, cells, ANNA.id).week).toBeNull();
});

test("another manager's plans do not count; figures do not count", () => {
  const cells = new Map([
    ...planned(
      [
        ['2026-03', 310],
        ['2026-04', 300],
      ],
      BORIS.id,
    ),
    [cellId('2026-03', ANNA.id, 'won'), 5],
  ]);
  expect(derivedPlans(DIALOG, cells, ANNA.id)).toEqual({ week: null, quarter: null });
});

test('in the last month of a quarter its first month is not in the dialog: the quarter has no plan', () => {
  // June 2026: the dialog shows May to August, the quarter is April to June
  const june = {
    months: [
      { key: '2026-05', label: 'май 2026', editable: false },
      { key: '2026-06', label: 'июнь 2026', editable: true },
      { key: '2026-07', label: 'июль 2026', editable: true },
      { key: '2026-08', label: 'август 2026', editable: true },
    ],
    timeZone: TZ,
    now: Date.parse('2026-06-15T06:00:00Z'),
  };
  const cells = planned([
    ['2026-04', 300],
    ['2026-05', 310],
    ['2026-06', 320],
  ]);
  expect(derivedPlans(june, cells, ANNA.id).quarter).toBeNull();
});

test("in a quarter's third month its first month is not in the grid: its stored plan still counts", () => {
  // 10 June 2026: the grid holds May (read-only) to August; the quarter is April – June
  const june = { ...DIALOG, now: Date.parse('2026-06-10T06:00:00Z') };
  const months = [
    { key: '2026-05', label: 'май 2026', editable: false },
    { key: '2026-06', label: 'июнь 2026', editable: true },
    { key: '2026-07', label: 'июль 2026', editable: true },
    { key: '2026-08', label: 'август 2026', editable: true },
  ];
  const cells = planned([
    ['2026-05', 310],
    ['2026-06', 320],
  ]);
  const april = { month: '2026-04', userId: ANNA.id, points: 300 };
  expect(derivedPlans({ ...june, months }, cells, ANNA.id).quarter).toBeNull();
  expect(derivedPlans({ ...june, months, plans: [april] }, cells, ANNA.id).quarter).toBe(930);
  // another manager's April does not count for Anna
  const boris = { ...april, userId: BORIS.id };
  expect(derivedPlans({ ...june, months, plans: [boris] }, cells, ANNA.id).quarter).toBeNull();
});
