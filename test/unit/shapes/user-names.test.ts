/**
 * A manager's name is one line of plain text whatever amoCRM holds (docs/rules.md §2.8, §7): line
 * breaks become spaces, control and bidirectional characters go, a user without a name gets one,
 * two users of one name are told apart, and posts shorten long names keeping that difference.
 */
import { cleanName, displayNames, POST_NAME_MAX, shortName } from '../../../src/shapes/user-names';

const unnamed = (id: number) => `Пользователь #${id}`;

describe('cleanName', () => {
  test.each([
    ['Анна\nПетрова', 'Анна Петрова'],
    ['Анна\r\n\r\nПетрова', 'Анна Петрова'],
    ['Анна\u2028Петрова\u2029', 'Анна Петрова'],
    ['  Анна   Петрова \t', 'Анна Петрова'],
    ['Анна\u0000\u0007\u001b[31m Петрова', 'Анна[31m Петрова'],
    ['\u202eавортеП аннА', 'авортеП аннА'],
    ['Ан\u200bна', 'Анна'],
    ['\u0085', ''],
  ])('%j → %j', (raw, clean) => {
    expect(cleanName(raw)).toBe(clean);
    // eslint-disable-next-line no-control-regex -- no control character may remain
    expect(cleanName(raw)).not.toMatch(/[\n\r\u0000-\u001f\u007f-\u009f]/);
  });

  test('no name at all is an empty one', () => {
    expect(cleanName(null)).toBe('');
    expect(cleanName(undefined)).toBe('');
  });

  test("formula starters and markup stay text: escaping is the sheets' and posts' job", () => {
    expect(cleanName('=HYPERLINK("x")')).toBe('=HYPERLINK("x")');
    expect(cleanName('<b>Вера</b>')).toBe('<b>Вера</b>');
  });
});

describe('displayNames', () => {
  test('a user without a name, or with only spaces and controls, gets «Пользователь #id»', () => {
    const names = displayNames(
      [
        { id: 5, name: '' },
        { id: 6, name: ' \n\u0007 ' },
        { id: 7, name: 'Борис' },
      ],
      unnamed,
    );
    expect([...names]).toEqual([
      [5, 'Пользователь #5'],
      [6, 'Пользователь #6'],
      [7, 'Борис'],
    ]);
  });

  test('two users of the same name (ignoring case and spacing) are told apart by id', () => {
    const names = displayNames(
      [
        { id: 123, name: 'Анна Петрова' },
        { id: 456, name: 'анна  петрова\n' },
        { id: 789, name: 'Анна Петровна' },
      ],
      unnamed,
    );
    expect(names.get(123)).toBe('Анна Петрова (#123)');
    expect(names.get(456)).toBe('анна петрова (#456)');
    expect(names.get(789)).toBe('Анна Петровна');
    expect(new Set(names.values()).size).toBe(3);
  });
});

describe('shortName', () => {
  test(`a name of at most ${POST_NAME_MAX} characters is kept whole`, () => {
    const name = 'А'.repeat(POST_NAME_MAX);
    expect(shortName(name)).toBe(name);
  });

  test('a longer one is cut with «…» to exactly the limit', () => {
    const s = shortName('Б'.repeat(10_000));
    expect([...s]).toHaveLength(POST_NAME_MAX);
    expect(s.endsWith('…')).toBe(true);
  });

  test('the «(#id)» that tells users apart is kept', () => {
    const s = shortName(`${'Константинопольская '.repeat(3)}(#1234567)`);
    expect(s).toBe('Константинопольская Констант… (#1234567)');
    expect([...s].length).toBeLessThanOrEqual(POST_NAME_MAX);
  });

  test('an emoji is never cut in half', () => {
    const s = shortName('😀'.repeat(100));
    expect(s).toBe(`${'😀'.repeat(POST_NAME_MAX - 1)}…`);
  });
});
