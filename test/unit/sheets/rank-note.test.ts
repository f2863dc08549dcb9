/** The line under a table ranked by points because its period has no plan (docs/rules.md §3.4.3). */
import { layoutSheet } from '../../../src/sheets/rating-layout';
import { ANNA, BORIS, engine, lead, move, NOW, S, settings } from '../engine/fixture';

const data = {
  leads: [lead(1, '2026-03-09 09:00', ANNA, S.HELD), lead(2, '2026-03-09 09:00', BORIS, S.WON)],
  events: [move(1, '2026-03-10 10:00', S.NEW, S.HELD), move(2, '2026-03-10 10:00', S.NEW, S.WON)],
};
const header = { title: 'Неделя', zone: 'Москва', dataAsOf: '16.03.2026 09:00', warning: '' };
const NOTE = 'Планов на этот период нет: места по баллам, а не по % плана';

function lines(s: ReturnType<typeof settings>): string[] {
  const e = engine(data, s);
  const rating = e.rating(e.period('week', NOW), NOW);
  const layout = layoutSheet(header, [{ title: 'Неделя', rating }], {
    lang: 'ru',
    settings: s,
    points: null,
  });
  return layout.values.map((r) => String(r[0]));
}

test('ranking by plan % in a week without plans: the sheet says the places are by points', () => {
  expect(lines(settings({ rankBy: 'planPercent' }))).toContain(NOTE);
});

test('no such line when ranking by points, or when someone has a plan', () => {
  expect(lines(settings())).not.toContain(NOTE);
  const planned = settings({
    rankBy: 'planPercent',
    plans: [{ month: '2026-03', userId: ANNA, points: 10 }],
  });
  expect(lines(planned)).not.toContain(NOTE);
});
