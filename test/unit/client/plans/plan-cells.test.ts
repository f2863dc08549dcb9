/** The grid's cells: how the plans the server sent become cells, and how a change is told. */
import {
  cellId,
  cellsDiffer,
  cellsFromPlans,
  FIGURE_KEYS,
  withCell,
  type Cells,
} from '../../../../src/client/plans/plan-cells';

test('a cell is named by month, manager and plan', () => {
  expect(cellId('2026-04', 11, 'points')).toBe('2026-04|11|points');
  expect(cellId('2026-04', 11, 'won')).toBe('2026-04|11|won');
});

test('the figures with a plan: every flow but lost deals', () => {
  expect(FIGURE_KEYS).toEqual([
    'newLeads',
    'meetingsScheduled',
    'meetingsHeld',
    'contractsSigned',
    'advancesPaid',
    'won',
  ]);
});

test('the plans sent become cells: points and figures, a missing value stays empty', () => {
  const cells = cellsFromPlans([
    { month: '2026-04', userId: 11, points: 1000, figures: { won: 5, meetingsHeld: 0 } },
    { month: '2026-05', userId: 11, figures: { newLeads: 40 } },
    { month: '2026-04', userId: 22, points: 0 },
  ]);
  expect([...cells]).toEqual([
    ['2026-04|11|points', 1000],
    ['2026-04|11|meetingsHeld', 0],
    ['2026-04|11|won', 5],
    ['2026-05|11|newLeads', 40],
    ['2026-04|22|points', 0],
  ]);
});

test('a plan for lost deals (the schema allows one) has no cell in the dialog', () => {
  const cells = cellsFromPlans([{ month: '2026-04', userId: 11, figures: { lost: 3 } }]);
  expect(cells.size).toBe(0);
});

test('changing a cell gives a new map and leaves the old one; null empties the cell', () => {
  const before: Cells = new Map([['2026-04|11|points', 1000]]);
  const set = withCell(before, '2026-04|22|points', 1300.5);
  expect(set).not.toBe(before);
  expect([...before]).toEqual([['2026-04|11|points', 1000]]);
  expect(set.get('2026-04|22|points')).toBe(1300.5);
  const emptied = withCell(set, '2026-04|11|points', null);
  expect(emptied.has('2026-04|11|points')).toBe(false);
  expect(withCell(before, '2026-04|11|points', 'много').get('2026-04|11|points')).toBe('много');
});

test('unsaved changes: a value changed, added or emptied; the same values are no change', () => {
  const saved: Cells = new Map<string, number | string>([
    ['a', 1000],
    ['b', 'x'],
  ]);
  expect(cellsDiffer(new Map(saved), saved)).toBe(false);
  expect(cellsDiffer(withCell(saved, 'a', 1001), saved)).toBe(true);
  expect(cellsDiffer(withCell(saved, 'c', 1), saved)).toBe(true);
  expect(cellsDiffer(withCell(saved, 'a', null), saved)).toBe(true);
  // typed back to what was saved: nothing to save
  expect(cellsDiffer(withCell(withCell(saved, 'a', 5), 'a', 1000), saved)).toBe(false);
});
