/**
 * Sheets a head reads at a glance, written by the built bundle from the hand-checked sample
 * (docs/rules.md §3.3.3, §3.3.4, §5.1, §5.3, §5.4): the manager's name marked when a norm is
 * broken (the red cells are far right, off-screen), pace below yellow red, a closed period's plan %
 * shown once, «Разбор» for every period with the overdue tasks and the deals without tasks and the
 * deals' names as links, История with names and whole headers, a bronze that is not the breach red.
 */
import { FakeClock, spreadsheetToHtml, type GasRuntime } from '../../dev/gas';
import type { ChildServer } from '../support/child-server';
import {
  NOW,
  rowOf,
  setUpRuntime,
  sheetValues,
  startFixtureEmulator,
} from '../support/fixture-account';
import { refresh } from '../support/set-up-rating';
import { runScript } from '../support/gas';
import { withoutMarks } from '../oracle/sheets';

jest.setTimeout(60000);
let emu: ChildServer & { token: string };
beforeAll(async () => {
  emu = await startFixtureEmulator();
});
afterAll(() => emu.stop());

const RED = '#f4c7c3';
// overdue tasks > 0 and a lost share > 50 % are red; deals without tasks only above 1
const NORMS = { maxOverdueTasks: 0, maxLost: null, maxLostShare: 0.5, maxLeadsWithoutTasks: 1 };

/** What the conditional rules paint on a cell, as the HTML picture evaluates them. */
function ruleColour(rt: GasRuntime, sheet: string, cell: string): string | null {
  const html = spreadsheetToHtml(rt.spreadsheet, { sheets: [sheet], title: sheet });
  return new RegExp(`data-cell="${cell}"\\s+data-cf-bg="([^"]+)"`).exec(html)?.[1] ?? null;
}

const sheetState = (rt: GasRuntime, name: string) => {
  const sheet = rt.spreadsheet.sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
};

/** A sheet's values and display texts as the bundle reads them (formulas evaluated). */
function read(rt: GasRuntime, name: string): { values: unknown[][]; shown: string[][] } {
  const out = runScript(
    rt,
    `const r = SpreadsheetApp.getActive().getSheetByName(${JSON.stringify(name)}).getDataRange();
     return JSON.stringify({ values: r.getValues(), shown: r.getDisplayValues() });`,
  );
  return JSON.parse(String(out)) as { values: unknown[][]; shown: string[][] };
}

describe('16 March: the week, Разбор and История', () => {
  let rt: GasRuntime;
  beforeAll(() => {
    ({ rt } = setUpRuntime(emu, {
      rating: { norms: NORMS },
    }));
    refresh(rt);
  });
  afterAll(() => rt.close());

  test('a broken norm marks the name: red by a rule on the row’s own cells, the norm named in its note', () => {
    const v = sheetValues(rt, 'Неделя');
    const row = (name: string) => v.indexOf(rowOf(v, name)) + 1;
    // Анна: 2 deals without tasks (norm 1); Борис: 2 overdue tasks (norm 0); Вера: 1 deal without tasks
    expect(ruleColour(rt, 'Неделя', `C${row('Анна Смирнова')}`)).toBe(RED);
    expect(ruleColour(rt, 'Неделя', `C${row('Борис Петров')}`)).toBe(RED);
    expect(ruleColour(rt, 'Неделя', `C${row('Вера <Отдел & Ко>')}`)).toBeNull();
    const note = (name: string) => sheetState(rt, 'Неделя').rows[row(name) - 1]?.[2]?.note ?? '';
    expect(note('Анна Смирнова')).toBe(
      'Нарушена норма: Сделок без задач — 2 (норма: не больше 1).',
    );
    expect(note('Борис Петров')).toBe('Нарушена норма: Просрочено задач — 2 (норма: не больше 0).');
    expect(note('Вера <Отдел & Ко>')).toBe('');
  });

  test('the mark follows the row’s cells: rows re-ordered by hand keep it on the right names', () => {
    const copy = setUpRuntime(emu, { rating: { norms: NORMS } }).rt;
    refresh(copy);
    // the owner re-orders the three managers (the local runtime has no Range.sort; the rows'
    // values moved by hand are what a sort leaves): Вера, Борис, Анна
    runScript(
      copy,
      `const r = SpreadsheetApp.getActive().getSheetByName('Неделя').getRange(7, 1, 3, 22);
       r.setValues(r.getValues().reverse());`,
    );
    const v = sheetValues(copy, 'Неделя');
    // the names without their streak marks (🏆2 ⭐, rules §3.6): the marks moved with the rows too
    expect(v.slice(6, 9).map((r) => withoutMarks(String(r[2])))).toEqual([
      'Вера <Отдел & Ко>',
      'Борис Петров',
      'Анна Смирнова',
    ]);
    expect(['C7', 'C8', 'C9'].map((c) => ruleColour(copy, 'Неделя', c))).toEqual([null, RED, RED]);
    return copy.close();
  });

  test('the closed week shows its plan % once, coloured there; no «Темп» column repeating it', () => {
    const v = sheetValues(rt, 'Неделя');
    expect(v[5]).not.toContain('Темп');
    expect(v[5]?.[5]).toBe('План %');
    const anna = rowOf(v, 'Анна Смирнова');
    expect(anna[5]).toBeCloseTo(65.2 / 23.62, 2); // plan % of the week's plan (124 × 4/21 working days)
    expect(anna[6]).toBe('');
    expect(ruleColour(rt, 'Неделя', 'F7')).toBe('#b7e1cd'); // green, by the plan %
  });

  test('«Разбор» lists the week, the month and the quarter, with the overdue tasks and the deals without tasks', () => {
    const { values } = read(rt, 'Разбор');
    const head = values.findIndex((r) => r[0] === 'Период');
    expect(values[head]).toEqual([
      'Период',
      'Место',
      'Менеджер',
      'Показатель',
      'Сделка или задача',
      'Когда',
      'Баллы',
    ]);
    const rows = values.slice(head + 1);
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(['Неделя', 'Месяц', 'Квартал']));
    // as many rows as the week's red cells count, per manager
    const week = sheetValues(rt, 'Неделя');
    for (const name of ['Анна Смирнова', 'Борис Петров', 'Вера <Отдел & Ко>']) {
      const count = (figure: string) =>
        rows.filter((r) => r[0] === 'Неделя' && r[2] === name && r[3] === figure).length;
      expect(count('Просрочено задач')).toBe(rowOf(week, name)[20]);
      expect(count('Сделок без задач')).toBe(rowOf(week, name)[21]);
    }
    const overdue = rows.find((r) => r[0] === 'Неделя' && r[3] === 'Просрочено задач');
    expect(overdue?.[4]).toMatch(/^Задача #\d+ · сделка «.+»$/);
    expect(typeof overdue?.[5]).toBe('string'); // the deadline, a date (read back as JSON text)
  });

  test('a deal’s name is a link to it in amoCRM; a name with "=" and quotes shows as typed', () => {
    const sheet = sheetState(rt, 'Разбор');
    const { values, shown } = read(rt, 'Разбор');
    const i = values.findIndex((r) => r[0] === 'Неделя' && r[3] === 'Успешно закрыто');
    expect(sheet.rows[i]?.[4]?.f).toBe(
      '=HYPERLINK("https://demo.amocrm.ru/leads/detail/101","ООО «Ромашка»")',
    );
    expect(shown[i]?.[4]).toBe('ООО «Ромашка»');
    // the sample's deal named =HYPERLINK("http://x","y"): its own text is the label, never a formula
    const odd = shown.findIndex((r) => r[4] === '=HYPERLINK("http://x","y")');
    expect(odd).toBeGreaterThan(0);
    const formula = sheet.rows[odd]?.[4]?.f ?? '';
    expect(formula).toMatch(
      /^=HYPERLINK\("https:\/\/demo\.amocrm\.ru\/leads\/detail\/\d+","=HYPERLINK\(""http:\/\/x"",""y""\)"\)$/,
    );
    // no raw address column any more
    expect(values.flat().some((c) => typeof c === 'string' && c.startsWith('https://'))).toBe(
      false,
    );
  });

  test('История: the manager’s name first, a gone user named as on the sheets, the id last with a note, headers wrapped', () => {
    const v = sheetValues(rt, 'История');
    const head = (v[0] ?? []).map(String);
    expect(head.slice(0, 2)).toEqual(['Дата', 'Менеджер']);
    expect(head.at(-1)).toBe('ID');
    const names = v.slice(1).map((r) => r[1]);
    expect(names).toContain('Анна Смирнова');
    expect(names).toContain('Пользователь #599 (удалён)');
    expect(names.some((n) => typeof n === 'string' && /^#\d+$/.test(n))).toBe(false);
    const sheet = sheetState(rt, 'История');
    const cells = sheet.rows[0] ?? [];
    expect(cells.every((c) => c?.wrap === true)).toBe(true);
    expect(cells.at(-1)?.note).toContain('ID пользователя в amoCRM');
    // a wrapped header is whole when its longest word fits its column (~8 px a bold letter)
    head.forEach((h, i) => {
      const longest = Math.max(...h.split(' ').map((w) => w.length));
      expect(sheet.colWidths[i + 1] ?? 100).toBeGreaterThanOrEqual(longest * 8 + 10);
    });
  });
});

describe('2 April: last month’s final and the hall of fame', () => {
  let rt: GasRuntime;
  beforeAll(() => {
    const clock = new FakeClock(NOW);
    ({ rt } = setUpRuntime(emu, { clock }));
    clock.set('2026-04-02T06:00:00Z');
    refresh(rt);
  });
  afterAll(() => rt.close());

  test('a final is judged on its plan %: below yellow is red; it has no pace column', () => {
    const v = sheetValues(rt, 'Месяц');
    const title = v.findIndex((r) => String(r[0]).startsWith('Итоги прошлого месяца'));
    const header = title + 2;
    expect(v[header]?.[5]).toBe('План %');
    expect(v[header]?.[6]).toBe('');
    const row = (name: string) => v.findIndex((r, i) => i > header && r[2] === name) + 1;
    // March: Анна 69.4 of 124 (56 %) yellow; Борис 43.3 of 93 (47 %) and Вера 18.1 of 62 (29 %) red
    expect(ruleColour(rt, 'Месяц', `F${row('Анна Смирнова')}`)).toBe('#fce8b2');
    expect(ruleColour(rt, 'Месяц', `F${row('Борис Петров')}`)).toBe(RED);
    expect(ruleColour(rt, 'Месяц', `F${row('Вера <Отдел & Ко>')}`)).toBe(RED);
    // the running April has no plan: nothing to judge, nothing red
    expect(ruleColour(rt, 'Месяц', 'F7')).toBeNull();
  });

  test('Зал славы: the bronze row is bronze, not the breach colour', () => {
    const hall = sheetState(rt, 'Зал славы');
    const third = hall.rows.findIndex((r) => r?.[1]?.v === 3);
    const bg = hall.rows[third]?.[0]?.bg;
    expect(bg).toBe('#f0d9c0');
    expect(['#fbe9e7', RED, '#fde7e9']).not.toContain(bg);
  });
});
