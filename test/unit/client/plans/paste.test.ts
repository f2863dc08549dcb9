/**
 * «Вставить»: a column copied from a spreadsheet lands on the right managers of the chosen month,
 * numbers read as a Russian spreadsheet writes them; a blank cell stays on its manager's line;
 * names match in either order of the words, and a name that matches nobody is listed while the
 * rest is pasted.
 */
import { isColumn, pasteColumn, pasteMessage } from '../../../../src/client/plans/paste';
import { cellId, type Cells } from '../../../../src/client/plans/plan-cells';
import { cellMessage, isBadCell } from '../../../../src/client/plans/plan-errors';
import { ANNA, BORIS, MANAGERS, VERA } from './fixture';

const APRIL = '2026-04';
const points = (c: Cells, userId: number, month = APRIL) =>
  c.get(cellId(month, userId, 'points')) ?? null;

function pasted(text: string, before: Cells = new Map(), from = 0): Cells {
  const r = pasteColumn(before, MANAGERS, APRIL, text, from);
  if (r.unmatched.length) throw new Error(`not found: ${r.unmatched.join(', ')}`);
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

  test('Windows line ends and the line breaks after the column are not lines', () => {
    const c = pasted('1000\r\n1200\r\n900\r\n\r\n');
    expect([points(c, ANNA.id), points(c, BORIS.id), points(c, VERA.id)]).toEqual([
      1000, 1200, 900,
    ]);
  });

  test('a blank cell inside the column empties its own manager: the plans below do not move up', () => {
    const before: Cells = new Map([
      [cellId(APRIL, BORIS.id, 'points'), 800],
      [cellId(APRIL, VERA.id, 'points'), 700],
    ]);
    const c = pasted('1000\n\n900', before);
    expect([points(c, ANNA.id), points(c, BORIS.id), points(c, VERA.id)]).toEqual([
      1000,
      null,
      900,
    ]);
  });

  test('pasted into a cell: the column starts at that manager', () => {
    const c = pasted('1200\n900\n500', new Map([[cellId(APRIL, ANNA.id, 'points'), 1000]]), 1);
    expect([points(c, ANNA.id), points(c, BORIS.id), points(c, VERA.id)]).toEqual([
      1000, 1200, 900,
    ]);
  });

  test('one value is typed into the cell as usual; a column or a Tab is a paste', () => {
    expect(isColumn('1 300,5')).toBe(false);
    expect(isColumn('1300\r\n')).toBe(false);
    expect(isColumn('1300\n900')).toBe(true);
    expect(isColumn('Анна Смирнова\t1300')).toBe(true);
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
  test.each(['много', '12%', '1.300,5', '—', '1e3', '0x10'])(
    '%p is kept as typed, and its cell says it is not a number, quoting it',
    (text) => {
      const c = pasted(`1000\n${text}`);
      expect(points(c, BORIS.id)).toBe(text);
      expect(isBadCell(points(c, BORIS.id))).toBe(true);
      expect(cellMessage('ru', points(c, BORIS.id), undefined)).toBe(
        `«${text}» — не число: пишите цифрами, например 1 300 или 0,5.`,
      );
      expect(points(c, ANNA.id)).toBe(1000);
    },
  );

  test('a negative number or one over the limit is read, and its cell is marked', () => {
    const c = pasted('-5\n1000001');
    expect([points(c, ANNA.id), points(c, BORIS.id)]).toEqual([-5, 1000001]);
    expect(isBadCell(points(c, ANNA.id))).toBe(true);
    expect(isBadCell(points(c, BORIS.id))).toBe(true);
  });

  test.each([
    ['1,300', 1300],
    ['12,500', 12500],
    ['1,300,000', 1300000],
    ['1,300.5', 1300.5],
    ['1,3', 1.3],
    ['1,30', 1.3],
    ['1,3000', 1.3],
    ['0,300', 0.3],
  ])('a comma before groups of exactly three digits groups thousands: %p is %p', (text, value) => {
    expect(points(pasted(text), ANNA.id)).toBe(value);
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

  test('surname first, as Russian tables write it, is the same manager; «ё» is «е»', () => {
    const c = pasted(`Смирнова Анна\t1000\nиванов  борис\t1200\nПетрова Вёра\t900`);
    expect([points(c, ANNA.id), points(c, BORIS.id), points(c, VERA.id)]).toEqual([
      1000, 1200, 900,
    ]);
  });

  test('an unknown name is listed; the lines that match are pasted', () => {
    const before: Cells = new Map([[cellId(APRIL, ANNA.id, 'points'), 500]]);
    const r = pasteColumn(
      before,
      MANAGERS,
      APRIL,
      'Анна Смирнова\t1000\n Пётр \t900\nВера Петрова\t700',
    );
    expect(r.unmatched).toEqual(['Пётр']);
    expect([points(r.cells, ANNA.id), points(r.cells, VERA.id)]).toEqual([1000, 700]);
    expect(r.pasted).toBe(2);
    expect([...before]).toEqual([[cellId(APRIL, ANNA.id, 'points'), 500]]);
    expect(pasteMessage(r, 'ru')).toEqual({
      ok: false,
      text: 'Вставлено значений: 2. Не нашлись менеджеры «Пётр» — их строки не вставлены, проверьте имена.',
    });
  });

  test('the message follows the language of the dialog', () => {
    const r = pasteColumn(new Map(), MANAGERS, APRIL, 'Peter\t900');
    expect(pasteMessage(r, 'en').text).toBe(
      'Values pasted: 0. No managers named "Peter": their lines were not pasted, check the names.',
    );
  });

  test("a header row copied with the column is the table's header: skipped, not reported", () => {
    const r = pasteColumn(new Map(), MANAGERS, APRIL, 'Менеджер\tПлан\nАнна Смирнова\t1000');
    expect(r.unmatched).toEqual([]);
    expect(points(r.cells, ANNA.id)).toBe(1000);
    expect(pasteMessage(r, 'ru')).toEqual({ ok: true, text: 'Вставлено значений: 1.' });
  });
});
