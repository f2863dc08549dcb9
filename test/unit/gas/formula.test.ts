/** The runtime's formula evaluator (used for cell formulas and custom-formula conditional rules). */
import { evaluateFormula, FormulaError, type Scalar } from '../../../dev/gas/formula';

const grid: Record<string, Scalar> = { A1: 2, B1: 3, C1: 'x', A2: 10, B2: '', D4: 7 };
const resolver = {
  cell: (_s: string | null, r: number, c: number): Scalar =>
    grid[`${String.fromCharCode(64 + c)}${r}`] ?? '',
};
const ev = (f: string, rowOffset = 0, colOffset = 0) =>
  evaluateFormula(f, { resolver, rowOffset, colOffset });

test.each([
  ['=A1*B1+1', 7],
  ['=SUM(A1:B2)', 15],
  ['=A1&"-"&C1', '2-x'],
  ['=IF(A2>5,"big","small")', 'big'],
  ['=AND(A1>1,B1<4)', true],
  ['=ISBLANK(B2)', true],
  ['=ROUND(B1/A1*100,1)', 150],
  ['=HYPERLINK("http://x","y")', 'y'],
  ['=50%', 0.5],
  ['=-A1^2', 4],
])('%s → %p', (f, expected) => {
  expect(ev(f)).toEqual(expected);
});

test('errors are values: division by zero, unknown names, bad syntax', () => {
  expect(ev('=A1/B2')).toEqual(new FormulaError('#DIV/0!'));
  expect(ev('=IMPORTXML("u","x")')).toEqual(new FormulaError('#NAME?'));
  expect(ev('=+7 900 123')).toEqual(new FormulaError('#ERROR!'));
});

test('relative references shift with the evaluated cell; $-anchored ones do not', () => {
  // a rule written for row 1 evaluated at row 2: A1 → A2, $B$1 stays
  expect(ev('=A1>$B$1', 1, 0)).toBe(true);
  expect(ev('=$D1>3', 3, 0)).toBe(true);
});
