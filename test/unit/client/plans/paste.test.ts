/**
 * «Вставить»: a column copied from a spreadsheet lands on the right managers of the chosen month,
 * numbers read as a Russian spreadsheet writes them, and a paste that names an unknown manager is
 * refused with a message.
 */
import { pasteColumn } from '../../../../src/client/plans/paste';
import { cellId, type Cells } from '../../../../src/client/plans/plan-cells';
import { cellMessage, isBadCell } from '../../../../src/client/plans/plan-errors';
import { ANNA, BORIS, MANAGERS, VERA } from './fixture';

const APRIL = '2026-04';
const points = (c: Cells, userId: number, month = APRIL) =>
  c.get(cellId(month, userId, 'points')) ?? null;

function pasted(text: string, before: Cells = new Map()): Cells {
  const r = pasteColumn(before, MANAGERS, APRIL, text, 'ru');
  if (!r.ok) throw new Error(`refused: ${r.message}`);
  return r.cells;
}

describe('a column of numbers goes to the managers in the order shown', () => {
  test('one number per line', () => {
    const c = pasted('1000\n1200\n900');
    expect([points(c, ANNA.id), points(c, BORIS.id), points(c, VERA.id)]).toEqual([
      1000, 1200, 900,
    ]);
  });

  test('only the points of the chosen month change', () => {
    const before: Cells = new Map([
      [cellId('2026-05', ANNA.id, 'points'), 500],
      [cellId(APRIL, ANNA.id, 'won'), 4],
    ]);
    const c = pasted('1000', before);
    expect([...c]).toEqual([
      [cellId('2026-05', ANNA.id, 'points'), 500],
      [cellId(APRIL, ANNA.id, 'won'), 4],
      [cellId(APRIL, ANNA.id, 'points'), 1000],
    ]);
    expect(before.size).toBe(2);
  });

  test.each([
    ['a Russian decimal with a space between thousands', '1 300,5', 1300.5],
    ['a formatted cell (a no-break space)', '1\u00a0300,5', 1300.5],
    ["Intl's Russian format (a narrow no-break space)", '1\u202f300,5', 1300.5],
    ['a decimal point', '1300.5', 1300.5],
    ['spaces around', '  250  ', 250],
    ['zero', '0', 0],
    ['the largest plan', '1000000', 1000000],
  ])('%s: %p is read as %p', (_what, text, value) => {
    expect(points(pasted(text), ANNA.id)).toBe(value);
  });

  test('Windows line ends and blank lines around the column are ignored', () => {
    const c = pasted('\r\n1000\r\n1200\r\n900\r\n\r\n');
    expect([points(c, ANNA.id), points(c, BORIS.id), points(c, VERA.id)]).toEqual([
      1000, 1200, 900,
    ]);
  });

  test('a blank line inside the column is skipped too: the numbers below it move up one manager', () => {
    // an empty cell in the middle of the copied column does not leave Boris empty
    const c = pasted('1000\n\n900', new Map([[cellId(APRIL, VERA.id, 'points'), 700]]));
    expect([points(c, ANNA.id), points(c, BORIS.id), points(c, VERA.id)]).toEqual([1000, 900, 700]);
  });

  test('a shorter column leaves the managers below as they were; a longer one drops the rest', () => {
    const kept = pasted('1000', new Map([[cellId(APRIL, BORIS.id, 'points'), 800]]));
    expect([points(kept, ANNA.id), points(kept, BORIS.id)]).toEqual([1000, 800]);
    const long = pasted('1\n2\n3\n4\n5');
    expect([...long.values()]).toEqual([1, 2, 3]);
  });

  test('an empty paste changes nothing', () => {
    const before: Cells = new Map([[cellId(APRIL, ANNA.id, 'points'), 1000]]);
    expect([...pasted('', before)]).toEqual([...before]);
    expect([...pasted('\n  \n', before)]).toEqual([...before]);
  });
});

describe('a wrong value', () => {
  test.each(['много', '12%', '1.300,5', '—'])(
    '%p is kept as typed, and its cell is marked with the message',
    (text) => {
      const c = pasted(`1000\n${text}`);
      expect(points(c, BORIS.id)).toBe(text);
      expect(isBadCell(points(c, BORIS.id))).toBe(true);
      expect(cellMessage('ru', points(c, BORIS.id), undefined)).toBe('Число от 0 до 1 000 000');
      expect(points(c, ANNA.id)).toBe(1000);
    },
  );

  test('a negative number or one over the limit is read, and its cell is marked', () => {
    const c = pasted('-5\n1000001');
    expect([points(c, ANNA.id), points(c, BORIS.id)]).toEqual([-5, 1000001]);
    expect(isBadCell(points(c, ANNA.id))).toBe(true);
    expect(isBadCell(points(c, BORIS.id))).toBe(true);
  });

  test('a comma is always the decimal point: an English "1,300" is read as 1.3', () => {
    expect(points(pasted('1,300'), ANNA.id)).toBe(1.3);
  });
});

describe('"name<Tab>number" lines are matched by name', () => {
  test('in any order, whatever the case and the spaces around the name', () => {
    const c = pasted(`вера петрова\t900\n  Анна Смирнова \t1 300,5\n`);
    expect([points(c, ANNA.id), points(c, BORIS.id), points(c, VERA.id)]).toEqual([
      1300.5,
      null,
      900,
    ]);
  });

  test('a name with no number empties the cell; extra columns after the number are ignored', () => {
    const before: Cells = new Map([[cellId(APRIL, BORIS.id, 'points'), 800]]);
    const c = pasted(`Борис Иванов\t\nАнна Смирнова\t1000\t2000`, before);
    expect([points(c, ANNA.id), points(c, BORIS.id)]).toEqual([1000, null]);
  });

  test('one line with a Tab makes every line a name: a line without one is a name alone', () => {
    const before: Cells = new Map([[cellId(APRIL, VERA.id, 'points'), 700]]);
    const c = pasted(`Анна Смирнова\t1000\nВера Петрова`, before);
    expect([points(c, ANNA.id), points(c, VERA.id)]).toEqual([1000, null]);
  });

  test('an unknown name refuses the whole paste with a message naming it', () => {
    const before: Cells = new Map([[cellId(APRIL, ANNA.id, 'points'), 500]]);
    const r = pasteColumn(before, MANAGERS, APRIL, 'Анна Смирнова\t1000\n Пётр \t900', 'ru');
    expect(r).toEqual({ ok: false, message: 'Не найден менеджер: Пётр' });
    expect([...before]).toEqual([[cellId(APRIL, ANNA.id, 'points'), 500]]);
  });

  test('the message follows the language of the dialog', () => {
    expect(pasteColumn(new Map(), MANAGERS, APRIL, 'Peter\t900', 'en')).toEqual({
      ok: false,
      message: 'No such manager: Peter',
    });
  });

  test('a header row copied with the column is an unknown manager', () => {
    const r = pasteColumn(new Map(), MANAGERS, APRIL, 'Менеджер\tПлан\nАнна Смирнова\t1000', 'ru');
    expect(r).toEqual({ ok: false, message: 'Не найден менеджер: Менеджер' });
  });
});
