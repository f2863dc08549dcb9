/**
 * Sheets a head reads at a glance (docs/rules.md §5.1, §5.4): the broken norm named beside the
 * manager's name, a closed period's plan % shown once, «Разбор» for every period with the tasks
 * and deals that turn cells red and amoCRM's text kept out of formulas, and a bronze that is not
 * the breach colour.
 */
import { layoutSheet, COL, COLOURS } from '../../../src/sheets/rating-layout';
import { hyperlink, layoutExplain, LINK_COL } from '../../../src/sheets/explain-layout';
import { PLACE_BACKGROUNDS } from '../../../src/sheets/hall-of-fame';
import type { Rating } from '../../../src/engine';
import { ANNA, BORIS, engine, lead, move, NOW, S, settings, task } from '../engine/fixture';

const data = {
  leads: [
    lead(1, '2026-03-09 09:00', ANNA, S.HELD),
    lead(2, '2026-03-09 09:00', BORIS, S.WON, { name: '=IMPORTXML("http://x", "//a") «Окна»' }),
    lead(3, '2026-03-10 09:00', BORIS, S.LOST),
    lead(4, '2026-03-11 09:00', ANNA, S.NEW, { closest_task_at: null }),
  ],
  events: [
    move(1, '2026-03-10 10:00', S.NEW, S.HELD),
    move(2, '2026-03-10 10:00', S.NEW, S.WON),
    move(3, '2026-03-11 10:00', S.NEW, S.LOST),
  ],
  // Анна's task on deal 1 is overdue since 12 March; her deal 4 has none; Борис has no open deal
  tasks: [task(7, ANNA, { due: '2026-03-12 18:00', leadId: 1 })],
};
const header = { title: 'Неделя', zone: 'Москва', dataAsOf: '16.03.2026 09:00', warning: '' };
const norms = { maxOverdueTasks: 0, maxLostShare: 0.4, maxLeadsWithoutTasks: 5 };
const s = settings({ norms, plans: [{ month: '2026-03', userId: ANNA, points: 40 }] });
const e = engine(data, s);
const week = e.rating(e.period('week', NOW), NOW);
const month = e.rating(e.period('month', NOW), NOW);
const quarter = e.rating(e.period('quarter', NOW), NOW);
const layoutOf = (...ratings: Rating[]) =>
  layoutSheet(
    header,
    ratings.map((rating) => ({ title: 'Неделя', rating })),
    { lang: 'ru', settings: s, points: null },
  );

describe('the rating sheet', () => {
  const layout = layoutOf(week);
  const first = layout.tables[0];
  const rowOf = (name: string) =>
    layout.values.findIndex(
      (r, i) => i >= (first?.firstRow ?? 0) - 1 && r[COL.manager - 1] === name,
    );

  test('a broken norm is named in the note on the manager’s name, with the value and the norm', () => {
    const anna = rowOf('Анна');
    const boris = rowOf('Борис');
    expect(layout.notes[anna]?.[COL.manager - 1]).toBe(
      'Нарушена норма: Просрочено задач — 1 (норма: не больше 0).',
    );
    // won 1, lost 1: a share of 50 % over the norm of 40 %; no deal in work, so no deals without tasks
    expect(layout.notes[boris]?.[COL.manager - 1]).toBe(
      'Нарушена норма: Доля отказов — 50 % (норма: не больше 40 %).',
    );
  });

  test('no note where no norm is broken', () => {
    const loose = layoutSheet(header, [{ title: 'Неделя', rating: week }], {
      lang: 'ru',
      settings: settings({ norms: { maxOverdueTasks: 3, maxLostShare: 0.5 } }),
      points: null,
    });
    const names = (first?.firstRow ?? 0) - 1;
    expect(loose.notes.slice(names, names + 2).map((r) => r[COL.manager - 1])).toEqual(['', '']);
  });

  test('a closed week shows its plan % once: no «Темп» header, no pace cells, the column narrow', () => {
    const head = layout.values[(first?.headerRow ?? 0) - 1] ?? [];
    expect(head[COL.planPct - 1]).toBe('План %');
    expect(head).not.toContain('Темп');
    const anna = layout.values[rowOf('Анна')] ?? [];
    expect(anna[COL.planPct - 1]).toEqual(expect.any(Number));
    expect(anna[COL.pace - 1]).toBe('');
    expect(first?.closed).toBe(true);
    expect(layout.widths[COL.pace - 1]).toBeLessThanOrEqual(12);
  });

  test('a running month keeps its pace beside its plan %', () => {
    const m = layoutOf(month);
    const head = m.values[(m.tables[0]?.headerRow ?? 0) - 1] ?? [];
    expect(head[COL.pace - 1]).toBe('Темп');
    expect(m.tables[0]?.closed).toBe(false);
    expect(m.widths[COL.pace - 1]).toBeGreaterThan(12);
  });
});

describe('«Разбор»', () => {
  const names = new Map(data.leads.map((l) => [l.id, l.name]));
  const layout = layoutExplain(
    { week, month, quarter },
    {
      leadName: (id) => names.get(id),
      taskLead: (id) => (id === 7 ? 1 : undefined),
      taskDue: (id) => (id === 7 ? Date.parse('2026-03-12T15:00:00Z') : undefined),
      baseUrl: 'https://demo.amocrm.ru',
    },
    'ru',
  );
  const rows = layout.values.slice(layout.headerRow);

  test('lists the week, the month and the quarter', () => {
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(['Неделя', 'Месяц', 'Квартал']));
  });

  test('has the overdue task, with its deadline, and the deals without tasks', () => {
    const overdue = rows.filter((r) => r[3] === 'Просрочено задач');
    expect(overdue.map((r) => r[0])).toEqual(['Неделя', 'Месяц', 'Квартал']);
    expect(overdue[0]?.[LINK_COL]).toBe(
      hyperlink('https://demo.amocrm.ru/leads/detail/1', 'Задача #7 · сделка «Сделка 1»'),
    );
    expect(overdue[0]?.[5]).toEqual(new Date('2026-03-12T15:00:00Z'));
    const without = rows.filter((r) => r[3] === 'Сделок без задач');
    expect(without.map((r) => [r[0], r[2], r[LINK_COL]])).toEqual(
      ['Неделя', 'Месяц', 'Квартал'].map((p) => [
        p,
        'Анна',
        hyperlink('https://demo.amocrm.ru/leads/detail/4', 'Сделка 4'),
      ]),
    );
  });

  test('a deal’s name is a link, and a name like a formula stays inside its quoted literal', () => {
    const won = rows.find((r) => r[0] === 'Неделя' && r[3] === 'Успешно закрыто');
    expect(won?.[LINK_COL]).toBe(
      '=HYPERLINK("https://demo.amocrm.ru/leads/detail/2","=IMPORTXML(""http://x"", ""//a"") «Окна»")',
    );
    const formats = layout.formats[layout.values.indexOf(won ?? [])];
    expect(formats?.[LINK_COL]).not.toBe('@'); // a text cell would keep the formula as typed
    expect(formats?.[2]).toBe('@'); // the manager's name is text
  });

  test('without the account’s address, the name is plain text in a text cell', () => {
    const plain = layoutExplain(
      { week, month, quarter },
      { leadName: (id) => names.get(id), taskLead: () => undefined, baseUrl: '' },
      'ru',
    );
    const i = plain.values.findIndex((r) => r[3] === 'Успешно закрыто');
    expect(plain.values[i]?.[LINK_COL]).toBe('=IMPORTXML("http://x", "//a") «Окна»');
    expect(plain.formats[i]?.[LINK_COL]).toBe('@');
  });
});

describe('«Зал славы»', () => {
  const hue = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [
      number,
      number,
      number,
    ];
    const max = Math.max(r, g, b);
    const d = max - Math.min(r, g, b);
    if (d === 0) return null;
    const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
    return (h * 60 + 360) % 360;
  };

  test('the bronze row is a bronze tone, far from the breach pinks', () => {
    const bronze = PLACE_BACKGROUNDS[2];
    const h = hue(bronze) ?? -1;
    expect(h).toBeGreaterThanOrEqual(20);
    expect(h).toBeLessThanOrEqual(45);
    for (const breach of [COLOURS.red, COLOURS.warning, '#fbe9e7']) {
      expect(bronze).not.toBe(breach);
      const apart = Math.abs(h - (hue(breach) ?? 0));
      expect(Math.min(apart, 360 - apart)).toBeGreaterThanOrEqual(15);
    }
  });
});
