/**
 * Plans for chosen figures on the rating sheets (docs/rules.md §3.2.6, §5.1): a plan column per
 * planned figure after the twelve figures, a note with the plan, plan % and pace on the figure's
 * cell, and the figure's cell coloured by native conditional rules against the plan in its row.
 * And the users outside the rating listed under a closed period's final too (§3.4.6). The
 * hand-checked sample account (samples/rating), as of Monday 16 March 2026 09:00 Moscow.
 */
import { FakeClock, spreadsheetToHtml, type GasRuntime } from '../../dev/gas';
import type { ChildServer } from '../support/child-server';
import { runScript } from '../support/gas';
import { readSettings, saveSettingsAsPages } from '../support/settings-io';
import {
  NOW,
  rowOf,
  setUpRuntime,
  sheetValues,
  startFixtureEmulator,
} from '../support/fixture-account';
import { refresh } from '../support/set-up-rating';

jest.setTimeout(60000);
let emu: ChildServer & { token: string };
beforeAll(async () => {
  emu = await startFixtureEmulator();
});
afterAll(() => emu.stop());

const HEAD = 5; // 0-based index of the column header row; managers from row 7 (1-based)

/** The background a conditional rule gives a cell, as the HTML picture evaluates the rules. */
function ruleColour(rt: GasRuntime, sheet: string, cell: string): string | null {
  const html = spreadsheetToHtml(rt.spreadsheet, { sheets: [sheet], title: sheet });
  const m = new RegExp(`data-cell="${cell}"\\s+data-cf-bg="([^"]+)"`).exec(html);
  return m?.[1] ?? null;
}

describe('figure plans', () => {
  let rt: GasRuntime;
  beforeAll(() => {
    // March plans: Анна 8 new deals and 31 won, Борис 12 new deals
    ({ rt } = setUpRuntime(emu, {
      rating: {
        plans: [
          { month: '2026-03', userId: 501, points: 124, figures: { newLeads: 8, won: 31 } },
          { month: '2026-03', userId: 502, points: 93, figures: { newLeads: 12 } },
          { month: '2026-03', userId: 503, points: 62 },
        ],
      },
    }));
    refresh(rt);
  });
  afterAll(() => rt.close());

  test('a plan column per planned figure after the twelve figures, with the week’s prorated plan', () => {
    const v = sheetValues(rt, 'Неделя');
    // columns W and X: the figures with a plan, in the figures' order
    expect(v[HEAD - 1]?.[22]).toBe('Планы по показателям');
    expect(v[HEAD]?.slice(22, 24)).toEqual(['Новых сделок', 'Успешно закрыто']);
    // by working days: the week 9–15 March works 10–13 March, 4 of March's 21 working days
    // (9 March is the day off for 8 March): 8 × 4/21 = 1.52, 31 × 4/21 = 5.9, 12 × 4/21 = 2.29
    expect(rowOf(v, 'Анна Смирнова').slice(22, 24)).toEqual([1.52, 5.9]);
    expect(rowOf(v, 'Борис Петров').slice(22, 24)).toEqual([2.29, '']);
    expect(rowOf(v, 'Вера <Отдел & Ко>').slice(22, 24)).toEqual(['', '']);
    expect(rowOf(v, 'Итого по отделу').slice(22, 24)).toEqual(['', '']);
    const sheet = rt.spreadsheet.sheets.find((s) => s.name === 'Неделя');
    expect(sheet?.rows[HEAD]?.[22]?.note).toMatch(/План по показателю «Новых сделок»/);
  });

  test('the figure’s cell carries the plan, plan % and pace in its note', () => {
    const sheet = rt.spreadsheet.sheets.find((s) => s.name === 'Неделя');
    // Анна: 2 new deals (102 on 3 March is before the week: 105 and 111) against 1.52: 132 %;
    // 1 won of 5.9: 17 %
    expect(rowOf(sheetValues(rt, 'Неделя'), 'Анна Смирнова')[11]).toBe(2);
    expect(sheet?.rows[6]?.[11]?.note).toBe('План: 1,5 · выполнено 132 % · темп 132 %');
    expect(sheet?.rows[6]?.[16]?.note).toBe('План: 5,9 · выполнено 17 % · темп 17 %');
    // the month runs: 4 new deals of 8 is 50 %; on 16 March 09:00, 9.375 of March's 21 working
    // days have passed (2–6, 10–13 March and 9 hours of the 16th): 50 % ÷ 9.375/21 = 112 %
    const month = rt.spreadsheet.sheets.find((s) => s.name === 'Месяц');
    expect(month?.rows[6]?.[11]?.note).toBe('План: 8 · выполнено 50 % · темп 112 %');
  });

  test('native rules colour the figure by its pace against the plan in its row', () => {
    // Анна 132 % green; Борис 2 of 2.29 = 87 % yellow; Анна's won 17 % uncoloured
    expect(ruleColour(rt, 'Неделя', 'L7')).toBe('#b7e1cd');
    expect(ruleColour(rt, 'Неделя', 'L8')).toBe('#fce8b2');
    expect(ruleColour(rt, 'Неделя', 'Q7')).toBeNull();
    expect(ruleColour(rt, 'Неделя', 'L9')).toBeNull(); // Вера: no plan for the figure
    const rules = rt.spreadsheet.sheets.find((s) => s.name === 'Неделя')?.rules ?? [];
    // the figures' rules (the pace's red and the name's mark are formulas too)
    const onPlan = (r: (typeof rules)[number], col: string) => {
      const f = r.boolean?.values[0];
      return r.boolean?.type === 'CUSTOM_FORMULA' && typeof f === 'string' && f.includes(col);
    };
    const formulas = rules.filter((r) => onPlan(r, '$W7') || onPlan(r, '$X7'));
    expect(formulas.map((r) => [r.boolean?.values, r.boolean?.background])).toEqual([
      [['=AND($W7>0,L7>=$W7*1)'], '#b7e1cd'],
      [['=AND($W7>0,L7>=$W7*0.5)'], '#fce8b2'],
      [['=AND($X7>0,Q7>=$X7*1)'], '#b7e1cd'],
      [['=AND($X7>0,Q7>=$X7*0.5)'], '#fce8b2'],
    ]);
    // the running month prorates the plan to the working time elapsed (9.375 of 21 days)
    const month = rt.spreadsheet.sheets.find((s) => s.name === 'Месяц')?.rules ?? [];
    const first = month.find((r) => onPlan(r, '$W7'));
    const formula = first?.boolean?.values[0];
    const factor = /^=AND\(\$W7>0,L7>=\$W7\*([\d.]+)\)$/.exec(
      typeof formula === 'string' ? formula : '',
    );
    // (the data is as of the sync's start, a few seconds after 09:00)
    expect(Number(factor?.[1])).toBeCloseTo(9.375 / 21, 4);
    expect(ruleColour(rt, 'Месяц', 'L7')).toBe('#b7e1cd');
    // the legend says so
    expect(
      sheetValues(rt, 'Неделя').some((r) => String(r[2]).includes('Показатель с планом')),
    ).toBe(true);
  });

  test('sorting the rows keeps each colour with its row', () => {
    const sheet = rt.spreadsheet.sheets.find((s) => s.name === 'Неделя');
    if (!sheet) throw new Error('no sheet');
    // swap Анна's and Борис's rows as a sort would
    const [a, b] = [sheet.rows[6], sheet.rows[7]];
    if (!a || !b) throw new Error('no rows');
    sheet.rows[6] = b;
    sheet.rows[7] = a;
    expect(ruleColour(rt, 'Неделя', 'L7')).toBe('#fce8b2');
    expect(ruleColour(rt, 'Неделя', 'L8')).toBe('#b7e1cd');
  });

  test('without figure plans the sheet has no plan columns', async () => {
    const { rt: plain } = setUpRuntime(emu);
    refresh(plain);
    const v = sheetValues(plain, 'Неделя');
    expect(v[HEAD]?.length).toBe(22);
    await plain.close();
  });
});

describe('when the figure plans go', () => {
  // on Месяц, the running period: a closed week's final is kept as published, its plans too
  test('their columns are cleared; a cell the head filled right of the table stays', async () => {
    const plans = [{ month: '2026-03', userId: 501, points: 124, figures: { won: 31 } }];
    const { rt } = setUpRuntime(emu, { rating: { plans } });
    refresh(rt);
    expect(rowOf(sheetValues(rt, 'Месяц'), 'Анна Смирнова')[22]).toBe(31); // March's plan: the month runs
    const current = readSettings(rt) as unknown as { rating: Record<string, unknown> };
    const saved = saveSettingsAsPages(rt, {
      ...current,
      rating: { ...current.rating, plans: [{ month: '2026-03', userId: 501, points: 124 }] },
    });
    expect(saved.ok).toBe(true);
    refresh(rt);
    const v = sheetValues(rt, 'Месяц');
    expect([v[HEAD - 1]?.[22], v[HEAD]?.[22], rowOf(v, 'Анна Смирнова')[22]]).toEqual(['', '', '']);
    // the head writes a remark in column W; the next refresh leaves it
    runScript(
      rt,
      `SpreadsheetApp.getActive().getSheetByName('Месяц').getRange('W7').setValue('позвонить');`,
    );
    refresh(rt);
    expect(sheetValues(rt, 'Месяц')[6]?.[22]).toBe('позвонить');
    await rt.close();
  });
});

describe('one planned figure', () => {
  // its group header sits over one column: a cell, not a merge, so nothing reads as a hand edit
  test('the next refresh does not take the sheet for one changed by hand', async () => {
    const plans = [{ month: '2026-03', userId: 501, points: 124, figures: { won: 31 } }];
    const clock = new FakeClock(NOW);
    const { rt } = setUpRuntime(emu, { rating: { plans }, clock });
    refresh(rt);
    clock.advance(3600_000);
    refresh(rt);
    expect(rowOf(sheetValues(rt, 'Месяц'), 'Анна Смирнова')[22]).toBe(31); // the one plan column
    for (const sheet of ['Неделя', 'Месяц', 'Квартал'])
      expect(String(sheetValues(rt, sheet)[3]?.[0])).not.toMatch(/вручную/);
    await rt.close();
  });
});

describe('users outside the rating in a final', () => {
  test('on 1 April, March’s final lists them below its own table, with March’s figures', async () => {
    const clock = new FakeClock(NOW);
    const { rt } = setUpRuntime(emu, { clock });
    clock.set('2026-04-01T04:00:00Z'); // 07:00 in Moscow
    refresh(rt);
    const v = sheetValues(rt, 'Месяц');
    const finalTitle = v.findIndex((r) => String(r[0]).startsWith('Итоги прошлого месяца'));
    expect(finalTitle).toBeGreaterThan(0);
    const titles = v
      .map((r, i) => (String(r[0]).startsWith('Не в рейтинге') ? i : -1))
      .filter((i) => i >= 0);
    // one list under April's table, one under March's final
    expect(titles).toHaveLength(2);
    const [, inFinal] = titles;
    expect(inFinal).toBeGreaterThan(finalTitle);
    // name, points | total deals, in work, new deals: Григорий's 107 (open since February),
    // #599's 108 (created 12 March); both in work at March's end
    expect(
      v.slice((inFinal ?? 0) + 1, (inFinal ?? 0) + 3).map((r) => [r[2], r[3], ...r.slice(9, 12)]),
    ).toEqual([
      ['Григорий Иванов (неактивен)', 0, 1, 1, 0],
      ['Пользователь #599 (удалён)', 0.1, 1, 1, 1],
    ]);
    await rt.close();
  });
});
