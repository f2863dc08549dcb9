/**
 * What is wrong, per cell: a value the page refuses to save, the server's errors on their cells,
 * the message a cell shows.
 */
import { cellId, type Cells } from '../../../../src/client/plans/plan-cells';
import {
  cellMessage,
  errorsAfterEdit,
  errorsByCell,
  hasBadCell,
  isBadCell,
  withoutCellError,
  type CellErrors,
} from '../../../../src/client/plans/plan-errors';

test.each([
  [null, false],
  [0, false],
  [1300.5, false],
  [1000000, false],
  [-1, true],
  [1000000.5, true],
  ['много', true],
  ['', true],
])('%p is a bad cell: %p', (value, bad) => {
  expect(isBadCell(value)).toBe(bad);
});

test('one bad cell is enough to refuse the save', () => {
  const cells: Cells = new Map<string, number | string>([
    ['a', 1000],
    ['b', 0],
  ]);
  expect(hasBadCell(cells)).toBe(false);
  expect(hasBadCell(new Map([...cells, ['c', 'много']]))).toBe(true);
  expect(hasBadCell(new Map())).toBe(false);
});

describe("the server's errors land on their cells", () => {
  const paths = [
    ['2026-04', '11'],
    ['2026-04', '22'],
    ['2026-05', '11'],
  ];

  test('points, a figure, and the plan as a whole (its month or manager: the points cell)', () => {
    const errs = errorsByCell(
      [
        { field: 'plans[0].points', message: 'Баллы: число от 0 до 1 000 000' },
        { field: 'plans[1].figures.won', message: 'План по показателю: число' },
        { field: 'plans[2].month', message: 'Месяц нельзя менять' },
      ],
      paths,
    );
    expect([...errs]).toEqual([
      [cellId('2026-04', 11, 'points'), 'Баллы: число от 0 до 1 000 000'],
      [cellId('2026-04', 22, 'won'), 'План по показателю: число'],
      [cellId('2026-05', 11, 'points'), 'Месяц нельзя менять'],
    ]);
  });

  test('the manager and a plan path without a field go to the points cell too', () => {
    const errs = errorsByCell(
      [
        { field: 'plans[1].userId', message: 'Нет такого менеджера' },
        { field: 'plans[2]', message: 'Лишнее поле' },
      ],
      paths,
    );
    expect([...errs]).toEqual([
      [cellId('2026-04', 22, 'points'), 'Нет такого менеджера'],
      [cellId('2026-05', 11, 'points'), 'Лишнее поле'],
    ]);
  });

  test('an error that names no plan sent is left to the save message', () => {
    const errs = errorsByCell(
      [
        { field: 'plans[7].points', message: 'beyond the list' },
        { field: 'plans', message: 'not a list' },
        { field: 'rating.thresholds.green', message: 'elsewhere' },
      ],
      paths,
    );
    expect(errs.size).toBe(0);
  });

  test('two errors on one cell: the last one stays', () => {
    const errs = errorsByCell(
      [
        { field: 'plans[0].points', message: 'first' },
        { field: 'plans[0].month', message: 'second' },
      ],
      paths,
    );
    expect([...errs]).toEqual([[cellId('2026-04', 11, 'points'), 'second']]);
  });
});

test('typing into a cell takes its server error away (the others stay); no error: the same map', () => {
  const errs: CellErrors = new Map([
    ['a', 'x'],
    ['b', 'y'],
  ]);
  const left = withoutCellError(errs, 'a');
  expect([...left]).toEqual([['b', 'y']]);
  expect(errs.size).toBe(2);
  expect(withoutCellError(errs, 'c')).toBe(errs);
});

describe('the message a cell shows', () => {
  test("the server's message first, even over a fine value", () => {
    expect(cellMessage('ru', 1000, 'Нет такого менеджера')).toBe('Нет такого менеджера');
    expect(cellMessage('ru', 'много', 'Нет такого менеджера')).toBe('Нет такого менеджера');
  });

  test("a bad value: the real reason with the value as typed, in the dialog's language", () => {
    expect(cellMessage('ru', 'много', undefined)).toBe(
      '«много» — не число: пишите цифрами, например 1 300 или 0,5.',
    );
    expect(cellMessage('ru', 1000000.5, undefined)).toBe(
      'План в баллах — число от 0 до 1 000 000, а не «1000000,5».',
    );
    expect(cellMessage('ru', -2, undefined, true)).toBe(
      'План по показателю — число от 0 до 1 000 000, а не «-2».',
    );
    expect(cellMessage('en', -1, undefined)).toBe(
      'A plan in points is a number from 0 to 1,000,000, not "-1".',
    );
  });

  test('a fine or empty cell: none', () => {
    expect(cellMessage('ru', 1000, undefined)).toBeNull();
    expect(cellMessage('ru', null, undefined)).toBeNull();
  });
});

describe('server errors after an edit of the grid', () => {
  const refused: CellErrors = new Map([
    ['2026-04|11|points', 'Настройки изменил другой пользователь'],
    ['2026-04|22|points', 'Пользователя 22 нет в аккаунте amoCRM.'],
  ]);
  const grid = new Map<string, number | string | null>([
    ['2026-04|11|points', 1000],
    ['2026-04|22|points', 900],
  ]);

  test('a fill, copy or paste that changes a refused cell takes its error away; the others stay', () => {
    const filled = new Map(grid).set('2026-04|11|points', 1200).set('2026-05|11|points', 1200);
    expect([...errorsAfterEdit(refused, grid, filled).keys()]).toEqual(['2026-04|22|points']);
    const emptied = new Map(grid);
    emptied.delete('2026-04|22|points');
    expect([...errorsAfterEdit(refused, grid, emptied).keys()]).toEqual(['2026-04|11|points']);
  });

  test('an edit elsewhere leaves every error, as the same map', () => {
    const elsewhere = new Map(grid).set('2026-06|11|points', 5);
    expect(errorsAfterEdit(refused, grid, elsewhere)).toBe(refused);
  });
});
