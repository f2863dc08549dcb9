/**
 * «Карточка менеджера» from the built bundle on the hand-checked sample (Monday 16 March 2026):
 * the drop-down lists the rated managers and refuses anything else; choosing a manager (a
 * person's edit, no script run) makes the card's formulas — INDEX and MATCH over the hidden data
 * sheet, evaluated by the local runtime — show what the rating sheets say for that manager; the
 * deals that need action are links to amoCRM. docs/rules.md §5.4.
 */
import { type GasRuntime } from '../../dev/gas';
import { setUpRuntime, sheetValues, startFixtureEmulator } from '../support/fixture-account';
import { runScript } from '../support/gas';
import { withoutMarks } from '../oracle/sheets';

const CARD = 'Карточка менеджера';
const DATA = 'Карточка (данные)';

/** The ranked rows of a rating sheet's first table: place, name, points (read from the sheet). */
function ranked(
  rt: GasRuntime,
  sheet: string,
): Array<{ place: number; name: string; points: number }> {
  const out: Array<{ place: number; name: string; points: number }> = [];
  for (const r of sheetValues(rt, sheet)) {
    if (typeof r[0] !== 'number' || typeof r[2] !== 'string' || !r[2]) continue;
    // the first table only: a second one (the previous month) starts again at place 1
    if (out.length && r[0] === 1) break;
    // the sheet's name carries the streak marks (🔥3 🏆2 ⭐); the card names the manager
    out.push({ place: r[0], name: withoutMarks(r[2]), points: Number(r[3]) });
  }
  return out;
}

/** The card's cells as the bundle reads them (formulas evaluated). */
function card(rt: GasRuntime): unknown[][] {
  return runScript(
    rt,
    `return SpreadsheetApp.getActive().getSheetByName('${CARD}').getRange(1, 1, 49, 4).getValues();`,
  ) as unknown[][];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

describe('Карточка менеджера', () => {
  let amo: Awaited<ReturnType<typeof startFixtureEmulator>>;
  let rt: GasRuntime;
  let counts: Record<string, number>;

  beforeAll(async () => {
    amo = await startFixtureEmulator();
    ({ rt } = setUpRuntime(amo));
    const before = rt.callCounts();
    rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
    const after = rt.callCounts();
    counts = Object.fromEntries(
      Object.entries(after)
        .map(([k, v]) => [k, v - (before[k] ?? 0)] as const)
        .filter(([, v]) => v > 0),
    );
  });
  afterAll(async () => {
    await rt.close();
    await amo.stop();
  });

  test('the drop-down lists the rated managers, and only those can be chosen', () => {
    const names = new Set(
      ['Неделя', 'Месяц', 'Квартал'].flatMap((s) => ranked(rt, s).map((r) => r.name)),
    );
    expect(names.size).toBeGreaterThanOrEqual(2);
    const listed = runScript(
      rt,
      `var rule = SpreadsheetApp.getActive().getSheetByName('${CARD}').getRange('B2').getDataValidation();
       return { type: String(rule.getCriteriaType()), allowInvalid: rule.getAllowInvalid(),
                names: rule.getCriteriaValues()[0].getValues().map(function (r) { return r[0]; }) };`,
    ) as { type: string; allowInvalid: boolean; names: string[] };
    expect(listed.type).toBe('VALUE_IN_RANGE');
    expect(listed.allowInvalid).toBe(false);
    expect(new Set(listed.names)).toEqual(names);
    expect(rt.userEdit(rt.user, CARD, 2, 2, 'Кто-то другой')).toMatch(
      /violates the data validation/,
    );
    // the names are text in the data sheet, never formulas
    const data = rt.spreadsheet.sheets.find((s) => s.name === DATA);
    expect(data?.hidden).toBe(true);
    for (const r of data?.rows.slice(1) ?? []) expect(r?.[0]?.nf).toBe('@');
  });

  test.each([0, 1])(
    'the card of the week’s manager #%i says what Неделя, Месяц and Квартал say',
    (i) => {
      const week = ranked(rt, 'Неделя');
      const chosen = week[i]!;
      expect(rt.userEdit(rt.user, CARD, 2, 2, chosen.name)).toBeNull();
      const c = card(rt);
      expect(c[1]?.[1]).toBe(chosen.name);
      (['Неделя', 'Месяц', 'Квартал'] as const).forEach((sheet, k) => {
        const row = ranked(rt, sheet).find((r) => r.name === chosen.name);
        expect(c[5 + k]?.[0]).toBe(sheet);
        expect(c[5 + k]?.[1]).toBe(row?.place ?? '—');
        expect(c[5 + k]?.[2]).toBeCloseTo(row?.points ?? NaN, 9);
      });
      // to the place above: the leader's points minus the chosen one's, in the sheet's numbers
      // (the sample's week: Анна 65.2, Борис 43.2 → Борис needs 22.0 points for 1st place)
      if (chosen.place === 1) expect(c[5]?.[3]).toBe('первое место');
      else {
        const gap = week[i - 1]!.points - chosen.points;
        expect(c[5]?.[3]).toBe(
          `${gap.toFixed(1).replace('.', ',')} ${Number.isInteger(Math.round(gap * 10) / 10) ? (Math.round(gap) % 10 === 1 && Math.round(gap) % 100 !== 11 ? 'балл' : [2, 3, 4].includes(Math.round(gap) % 10) && ![12, 13, 14].includes(Math.round(gap) % 100) ? 'балла' : 'баллов') : 'балла'} до ${chosen.place - 1}-го места`,
        );
      }
      // the trend's last week is the week on the sheet
      expect(c[21]?.[0]).toMatch(/9 марта|09\.03/);
      expect(c[21]?.[1]).toBeCloseTo(chosen.points, 9);
      expect(c[21]?.[2]).toBe(chosen.place);
    },
  );

  test('the month’s twelve figures beside the department’s median, as on Месяц', () => {
    const month = sheetValues(rt, 'Месяц');
    const headerRow = month.findIndex((r) => r.includes('Новых сделок'));
    const header = month[headerRow]!;
    const rows = month.slice(headerRow + 1).filter((r) => typeof r[0] === 'number' && r[2]);
    const firstTable: unknown[][] = [];
    for (const r of rows) {
      if (firstTable.length && r[0] === 1) break;
      firstTable.push(r);
    }
    const chosen = firstTable[0]!;
    expect(rt.userEdit(rt.user, CARD, 2, 2, withoutMarks(String(chosen[2])))).toBeNull();
    const c = card(rt);
    let compared = 0;
    for (let k = 24; k < 36; k++) {
      const label = String(c[k]?.[0]);
      const col = header.indexOf(label);
      if (col < 0) continue; // a figure the sheet groups under another header
      compared++;
      const own = chosen[col];
      expect(c[k]?.[1]).toBe(typeof own === 'number' ? own : '');
      const all = firstTable.map((r) => r[col]).filter((v): v is number => typeof v === 'number');
      expect(c[k]?.[2]).toBeCloseTo(median(all), 9);
    }
    expect(compared).toBeGreaterThanOrEqual(10);
  });

  test('a manager with an overdue task gets it as a link to the deal in amoCRM', () => {
    const explain = sheetValues(rt, 'Разбор');
    const overdue = explain.find((r) => r[0] === 'Месяц' && r[3] === 'Просрочено задач');
    expect(overdue).toBeDefined();
    const name = String(overdue?.[2]);
    expect(rt.userEdit(rt.user, CARD, 2, 2, name)).toBeNull();
    const c = card(rt);
    const links = c
      .slice(38, 48)
      .map((r) => String(r[0]))
      .filter(Boolean);
    expect(links.some((l) => l.startsWith('Просрочена задача #'))).toBe(true);
    // the link cell is HYPERLINK over the data sheet's label and address: the address is the deal's
    const formulas = runScript(
      rt,
      `return SpreadsheetApp.getActive().getSheetByName('${CARD}').getRange(39, 1).getFormula();`,
    ) as string;
    expect(formulas).toMatch(/^=IFERROR\(IF\(INDEX\(.*HYPERLINK\(INDEX\(/);
    const data = sheetValues(rt, DATA);
    const row = data.find((r) => r[0] === name)!;
    const urls = row.filter((v) => typeof v === 'string' && v.includes('/leads/detail/'));
    expect(urls.length).toBeGreaterThan(0);
    for (const u of urls)
      expect(u).toMatch(/^https:\/\/[a-z0-9-]+\.amocrm\.ru\/leads\/detail\/\d+$/);
  });

  test('the service calls of a refresh with the card (measured)', () => {
    const total = Object.values(counts).reduce((s, v) => s + v, 0);
    const card =
      (counts['DataValidationBuilder.build'] ?? 0) + (counts['Range.setDataValidation'] ?? 0);
    expect(card).toBe(2); // one rule, set once a refresh
    // written for the report and docs/rules.md §5.4
    console.log(`refresh service calls: ${total}; ${JSON.stringify(counts)}`);
  });
});
