/** «Заполнить»: one value into a month's points for every manager shown. */
import { fillColumn } from '../../../../src/client/plans/fill-column';
import { cellId, type Cells } from '../../../../src/client/plans/plan-cells';
import { isBadCell } from '../../../../src/client/plans/plan-errors';
import { ANNA, BORIS, MANAGERS, VERA } from './fixture';

const APRIL = '2026-04';
const column = (c: Cells, month = APRIL) =>
  MANAGERS.map((u) => c.get(cellId(month, u.id, 'points')) ?? null);

test('every manager shown gets the value; other months, figures and managers stay', () => {
  const before: Cells = new Map([
    [cellId(APRIL, ANNA.id, 'points'), 500],
    [cellId(APRIL, ANNA.id, 'won'), 4],
    [cellId('2026-05', BORIS.id, 'points'), 800],
    [cellId(APRIL, 99, 'points'), 300],
  ]);
  const c = fillColumn(before, MANAGERS, APRIL, 'points', 1000);
  expect(column(c)).toEqual([1000, 1000, 1000]);
  expect(c.get(cellId(APRIL, ANNA.id, 'won'))).toBe(4);
  expect(c.get(cellId('2026-05', BORIS.id, 'points'))).toBe(800);
  expect(c.get(cellId(APRIL, 99, 'points'))).toBe(300);
  expect(before.get(cellId(APRIL, ANNA.id, 'points'))).toBe(500);
});

test('a figure column fills the same way', () => {
  const c = fillColumn(new Map(), MANAGERS, APRIL, 'won', 5);
  expect(MANAGERS.map((u) => c.get(cellId(APRIL, u.id, 'won')))).toEqual([5, 5, 5]);
});

test('an empty value empties the column', () => {
  const before: Cells = new Map([
    [cellId(APRIL, ANNA.id, 'points'), 500],
    [cellId(APRIL, VERA.id, 'points'), 700],
  ]);
  expect(column(fillColumn(before, MANAGERS, APRIL, 'points', null))).toEqual([null, null, null]);
});

test('a wrong value fills the column as typed, every cell marked', () => {
  const c = fillColumn(new Map(), MANAGERS, APRIL, 'points', 'тысяча');
  expect(column(c)).toEqual(['тысяча', 'тысяча', 'тысяча']);
  expect(column(c).every(isBadCell)).toBe(true);
});
