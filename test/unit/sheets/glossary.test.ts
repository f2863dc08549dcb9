/**
 * One name per figure (src/i18n/glossary.ts): the rating sheet's header, the sidebar's labels and
 * the norms' preview, the posts and the hall of fame say the same words for the same figure, and
 * the former second names («доля проигранных», «Проигранных сделок», «Успешных сделок») are gone.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { layoutSheet } from '../../../src/sheets/rating-layout';
import { FIGURE_NAMES, figureNameInText } from '../../../src/i18n/glossary';
import { hallLabels } from '../../../src/i18n/hall-labels';
import { legendLines } from '../../../src/i18n/legend';
import { LANGUAGES, t } from '../../../src/i18n/messages';
import { pageText } from '../../../src/i18n/page-texts';
import { postText } from '../../../src/i18n/post-texts';
import { ANNA, engine, lead, move, NOW, S, settings } from '../engine/fixture';

const SRC = join(__dirname, '..', '..', '..', 'src');

function sheetHeader(lang: (typeof LANGUAGES)[number]): string[] {
  const s = settings();
  const e = engine(
    {
      leads: [lead(1, '2026-03-09 09:00', ANNA, S.WON)],
      events: [move(1, '2026-03-10 10:00', S.NEW, S.WON)],
    },
    s,
  );
  const rating = e.rating(e.period('week', NOW), NOW);
  const layout = layoutSheet(
    { title: '', zone: '', dataAsOf: '', warning: '' },
    [{ title: '', rating }],
    { lang, settings: s, points: null },
  );
  const header = layout.tables[0]?.headerRow ?? 0;
  return (layout.values[header - 1] ?? []).map(String);
}

describe.each(LANGUAGES)('%s', (lang) => {
  const sheet = sheetHeader(lang);
  const names = FIGURE_NAMES[lang];

  test('the sheet heads its columns with the glossary’s names', () => {
    for (const key of Object.keys(names) as Array<keyof typeof names>)
      expect(sheet).toContain(names[key]);
  });

  test('the sidebar names the lost deals as the sheet does, and the norms’ preview too', () => {
    expect(sheet).toContain(pageText(lang, 'normLost'));
    expect(t(lang, 'reasonLost', { n: 3 })).toBe(`${figureNameInText(lang, 'lost')}: 3`);
    expect(t(lang, 'reasonLostShare', { pct: 60 })).toBe(
      `${figureNameInText(lang, 'lostShare')} 60%`,
    );
    expect(t(lang, 'reasonOverdue', { n: 2 })).toBe(`${figureNameInText(lang, 'overdueTasks')}: 2`);
    expect(t(lang, 'reasonNoTasks', { n: 1 })).toBe(
      `${figureNameInText(lang, 'leadsWithoutTasks')}: 1`,
    );
  });

  test('the posts and the hall of fame say the sheet’s words', () => {
    expect(postText(lang, 'digestLegend')).toContain(figureNameInText(lang, 'newLeads'));
    expect(sheet).toContain(hallLabels(lang).head[5]);
  });

  test('the legend names the norms by the columns they colour', () => {
    const legend = legendLines(
      lang,
      { maxOverdueTasks: 0, maxLost: 1, maxLostShare: 0.5, maxLeadsWithoutTasks: 0 },
      { green: 1, yellow: 0.5 },
      null,
    );
    const text = legend.lines.map((l) => l.text).join(' ');
    if (lang === 'ru')
      for (const key of ['overdueTasks', 'lost', 'lostShare', 'leadsWithoutTasks'] as const)
        expect(text).toContain(figureNameInText(lang, key));
  });
});

test('the funnel’s counts read alike: «Встреч назначено» beside «Встреч проведено»', () => {
  expect(FIGURE_NAMES.ru.meetingsScheduled).toBe('Встреч назначено');
  expect(FIGURE_NAMES.ru.meetingsHeld).toBe('Встреч проведено');
});

test('no second name for a figure is left in the texts', () => {
  const texts = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) return texts(full);
      return /\.(ts|tsx)$/.test(name) ? [readFileSync(full, 'utf8')] : [];
    });
  const all = texts(SRC).join('\n');
  for (const former of ['роигранн', 'Успешных сделок', 'Проигранных сделок', 'lost deals:'])
    expect(all).not.toContain(former);
});

test('the sidebar and the plans dialog take the figures’ names from the glossary', () => {
  for (const file of ['client/sidebar/sections/points.tsx', 'client/plans/app.tsx']) {
    const text = readFileSync(join(SRC, file), 'utf8');
    expect(text).toMatch(/import \{ FIGURE_NAMES \} from '[./]+i18n\/glossary'/);
  }
});
