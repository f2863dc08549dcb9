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

describe('INDEX, MATCH and SUBSTITUTE, as the manager card uses them', () => {
  // names in F1:F4, a value beside each in G1:G4
  const names: Record<string, Scalar> = {
    F1: 'Анна*',
    F2: 'Борис',
    F3: 'анна',
    F4: 'Ан?а',
    G1: 1,
    G2: 2,
    G3: 3,
    G4: 4,
    H1: 'Анна',
  };
  const r = {
    cell: (_s: string | null, row: number, c: number): Scalar =>
      names[`${String.fromCharCode(64 + c)}${row}`] ?? '',
  };
  const e = (f: string) => evaluateFormula(f, { resolver: r });
  const escaped = (ref: string) =>
    `SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${ref},"~","~~"),"*","~*"),"?","~?")`;

  test('MATCH exact: the first equal text, case-insensitive; else #N/A', () => {
    expect(e('=MATCH("борис",F1:F4,0)')).toBe(2);
    expect(e('=MATCH("Вера",F1:F4,0)')).toEqual(new FormulaError('#N/A'));
  });
  test('MATCH exact reads * and ? as wildcards, as Sheets does: a name must be escaped', () => {
    expect(e('=MATCH(H1,F1:F4,0)')).toBe(3); // "Анна" = "анна" (case-insensitive)
    // the name "Ан?а" unescaped is a pattern: it finds "анна" (row 3), another manager
    expect(e('=MATCH(F4,F1:F4,0)')).toBe(3);
    expect(e(`=MATCH(${escaped('F4')},F1:F4,0)`)).toBe(4);
    expect(e(`=MATCH(${escaped('F1')},F1:F4,0)`)).toBe(1);
    expect(e('=MATCH("Бор*",F1:F4,0)')).toBe(2);
  });
  test('INDEX: 1-based inside the reference, #REF! outside', () => {
    expect(e('=INDEX(G1:G4,MATCH("Борис",F1:F4,0))')).toBe(2);
    expect(e('=INDEX(F1:G4,4,2)')).toBe(4);
    expect(e('=INDEX(G1:G4,5)')).toEqual(new FormulaError('#REF!'));
    expect(e('=INDEX(G1:G4,-1)')).toEqual(new FormulaError('#REF!'));
    expect(e('=IFERROR(INDEX(G1:G4,-1),"")')).toBe('');
  });
});
