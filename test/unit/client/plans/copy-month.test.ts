/** «Копировать в следующий»: a month's plans become the next month's. */
import { copyToNextMonth, nextEditableMonth } from '../../../../src/client/plans/copy-month';
import { cellId, type Cells } from '../../../../src/client/plans/plan-cells';
import { ANNA, BORIS, DIALOG, MONTHS, VERA } from './fixture';

const APRIL = '2026-04';
const MAY = '2026-05';

test('the month to copy into: the next one when it is editable; none after the last', () => {
  expect(nextEditableMonth(MONTHS, APRIL)).toBe(MAY);
  expect(nextEditableMonth(MONTHS, MAY)).toBe('2026-06');
  expect(nextEditableMonth(MONTHS, '2026-06')).toBeNull();
  // a month the dialog does not show has no next (the first month shown is read-only)
  expect(nextEditableMonth(MONTHS, '2026-01')).toBeNull();
  // the read-only month's next is this month (the dialog offers the copy only on editable ones)
  expect(nextEditableMonth(MONTHS, '2026-03')).toBe(APRIL);
});

test('points and figures of every manager are copied; other months stay as they were', () => {
  const before: Cells = new Map<string, number | string>([
    [cellId(APRIL, ANNA.id, 'points'), 1000],
    [cellId(APRIL, ANNA.id, 'won'), 5],
    [cellId(APRIL, BORIS.id, 'points'), 1300.5],
    [cellId(APRIL, VERA.id, 'points'), 'много'],
    [cellId('2026-06', ANNA.id, 'points'), 200],
  ]);
  const c = copyToNextMonth(before, DIALOG, APRIL);
  expect(c.get(cellId(MAY, ANNA.id, 'points'))).toBe(1000);
  expect(c.get(cellId(MAY, ANNA.id, 'won'))).toBe(5);
  expect(c.get(cellId(MAY, BORIS.id, 'points'))).toBe(1300.5);
  // a bad value is copied as it is, and stays marked in the next month
  expect(c.get(cellId(MAY, VERA.id, 'points'))).toBe('много');
  expect(c.get(cellId('2026-06', ANNA.id, 'points'))).toBe(200);
  for (const [k, v] of before) expect(c.get(k)).toBe(v);
  expect(before.size).toBe(5);
});

test('the next month becomes the same: its values are overwritten and an empty cell empties it', () => {
  const before: Cells = new Map([
    [cellId(APRIL, ANNA.id, 'points'), 1000],
    [cellId(MAY, ANNA.id, 'points'), 900],
    [cellId(MAY, BORIS.id, 'points'), 800],
    [cellId(MAY, BORIS.id, 'newLeads'), 40],
  ]);
  const c = copyToNextMonth(before, DIALOG, APRIL);
  expect(c.get(cellId(MAY, ANNA.id, 'points'))).toBe(1000);
  expect(c.has(cellId(MAY, BORIS.id, 'points'))).toBe(false);
  expect(c.has(cellId(MAY, BORIS.id, 'newLeads'))).toBe(false);
});

test('a manager no longer shown keeps his plans in the next month', () => {
  const before: Cells = new Map([[cellId(MAY, 99, 'points'), 700]]);
  expect(copyToNextMonth(before, DIALOG, APRIL).get(cellId(MAY, 99, 'points'))).toBe(700);
});

test('from the last month there is nothing to copy into: the cells are returned as they are', () => {
  const before: Cells = new Map([[cellId('2026-06', ANNA.id, 'points'), 1000]]);
  expect(copyToNextMonth(before, DIALOG, '2026-06')).toBe(before);
});
