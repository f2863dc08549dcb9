/**
 * The posts' text: Russian plural forms, numbers, escaping of amoCRM names, the top-N summary,
 * which posts a day calls for, and splitting big teams into parts Telegram accepts — each part
 * checked with the Telegram emulator's own parser (the reference server's rules), not ours.
 */
import { parseHtml, codePoints } from '../../../dev/telegram/html-entities';
import type { Rating, RatingRow, RatingSet } from '../../../src/engine';
import { formatNumber, points, ruPlural } from '../../../src/i18n/post-texts';
import {
  MAX_POST,
  postsFor,
  visibleLength,
  type PostInput,
} from '../../../src/telegram/post-format';
import { PHONE_LINE_PX, phoneWidth } from '../../../src/telegram/phone-line';

function row(place: number, name: string, pts: number, extra: Partial<RatingRow> = {}): RatingRow {
  return {
    place,
    medal: ['🥇', '🥈', '🥉'][place - 1] ?? '',
    userId: place,
    name,
    userState: 'active',
    figures: {} as RatingRow['figures'],
    points: pts,
    plan: 100,
    planPercent: pts / 100,
    pace: pts / 80,
    figurePlans: {},
    breaches: { overdueTasks: false, lost: false, leadsWithoutTasks: false },
    lostShare: null,
    previousPlace: null,
    change: null,
    ...extra,
  };
}

function rating(
  kind: 'week' | 'month' | 'quarter',
  rows: RatingRow[],
  first: string,
  last: string,
  final = false,
  label = first,
): Rating {
  return {
    period: { kind, final, start: 0, end: 0, fullEnd: 0, firstDay: first, lastDay: last, label },
    timeZone: 'Europe/Moscow',
    stocksSource: 'current',
    rankedBy: 'points',
    elapsed: 0.5,
    rows,
    outside: [],
    totals: {
      figures: {} as Rating['totals']['figures'],
      points: rows.reduce((s, r) => s + r.points, 0),
      plan: null,
      planPercent: null,
      pace: 0.92,
    },
    explain: {},
  };
}

function input(today: string, rows: RatingRow[], extra: Partial<RatingSet> = {}): PostInput {
  const ratings: RatingSet = {
    now: 0,
    timeZone: 'Europe/Moscow',
    today,
    snapshot: { day: today, rows: [] },
    week: rating('week', rows, '2026-03-09', '2026-03-15'),
    month: rating('month', rows, '2026-03-01', '2026-03-31', false, '2026-03'),
    previousMonth: null,
    quarter: rating('quarter', rows, '2026-01-01', '2026-03-31', false, '2026-Q1'),
    previousQuarter: null,
    lastQuarter: rating('quarter', rows, '2025-10-01', '2025-12-31', true, '2025-Q4'),
    ...extra,
  };
  return {
    lang: 'ru',
    ratings,
    dataAsOf: '16.03.2026 07:00 (Москва, UTC+3)',
    spreadsheetUrl: 'https://docs.google.com/spreadsheets/d/abc/edit',
    publicTopN: null,
    enabled: { daily: true, monday: true, quarter: true, headDigest: true, workingDaysOnly: false },
    bottom: { size: 3, rows: [{ name: 'Борис <Б>', weeks: 3, leads: 4 }] },
  };
}

describe('words and numbers', () => {
  test('Russian plural forms of «балл», fractions included', () => {
    const forms = ['балл', 'балла', 'баллов'] as const;
    expect(
      [0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 1.5].map((n) => ruPlural(n, forms)),
    ).toEqual([
      'баллов',
      'балл',
      'балла',
      'балла',
      'баллов',
      'баллов',
      'баллов',
      'баллов',
      'балл',
      'балла',
      'баллов',
      'балл',
      'баллов',
      'балла',
    ]);
    expect(points('ru', 1234.5)).toBe('1\u00a0234,5 балла');
    expect(points('ru', 21)).toBe('21 балл');
    expect(points('en', 1)).toBe('1 point');
    expect(points('en', 1234.5)).toBe('1,234.5 points');
    expect(formatNumber('ru', 0.25)).toBe('0,3');
  });
});

describe('header lines on a phone', () => {
  const rows = [row(1, 'Анна Смирнова', 100)];
  const headerOf = (today: string, dataAsOf: string): string[] => {
    const post = postsFor({ ...input(today, rows), dataAsOf })[0];
    const text = parseHtml(post?.parts[0] ?? '').text;
    return text.slice(0, text.indexOf('\n\n')).split('\n');
  };

  test('a title and a short period share a line; a long period goes under the title', () => {
    expect(headerOf('2026-03-17', '17.03.2026 07:00')).toEqual([
      '🏆 Рейтинг недели · 9–15 марта 2026',
      'данные на 17.03.2026 07:00',
    ]);
    // Tuesday 7 April: the week across two months is too wide beside the title
    const week = rating('week', rows, '2026-03-30', '2026-04-05');
    const post = postsFor({ ...input('2026-04-07', rows, { week }), dataAsOf: '07.04.2026 07:00' });
    expect(
      parseHtml(post[0]?.parts[0] ?? '')
        .text.split('\n')
        .slice(0, 3),
    ).toEqual(['🏆 Рейтинг недели', '30 марта – 5 апреля 2026', 'данные на 07.04.2026 07:00']);
  });

  test('«данные на»: the offset goes first, then the zone moves to a line of its own', () => {
    expect(headerOf('2026-03-17', '17.03.2026 07:00 (Москва, UTC+3)')[1]).toBe(
      'данные на 17.03.2026 07:00 (Москва)',
    );
    expect(headerOf('2026-03-17', '17.03.2026 07:00 (Петропавловск-Камчатский, UTC+12)')).toEqual([
      '🏆 Рейтинг недели · 9–15 марта 2026',
      'данные на 17.03.2026 07:00',
      '(Петропавловск-Камчатский, UTC+12)',
    ]);
  });
});

describe('the posts of a day', () => {
  const names = [
    'Анна Смирнова',
    '<b>Вера & "Co"</b>',
    '=HYPERLINK("http://x.ru";"жми")',
    'Григорий',
  ];
  const rows = names.map((n, i) => row(i + 1, n, 100 - i * 10, i === 0 ? { change: 2 } : {}));

  test('a Monday: one group message with the week and the month, and the head digest; names arrive as text', () => {
    const posts = postsFor(input('2026-03-16', rows));
    expect(posts.map((p) => [p.kind, p.audience, p.period])).toEqual([
      ['monday', 'group', '2026-03-16'],
      ['digest', 'head', '2026-03-16'],
    ]);
    expect(posts[0]?.parts).toHaveLength(1);
    const parsed = parseHtml(posts[0]?.parts[0] ?? '');
    const lines = parsed.text.split('\n');
    expect(lines[0]).toBe('🏆 Рейтинг недели · 9–15 марта 2026');
    // too long for a phone's line as one: the period under the title
    expect(lines).toContain('📅 Рейтинг месяца');
    expect(lines[lines.indexOf('📅 Рейтинг месяца') + 1]).toBe('март 2026, на 16 марта');
    expect(lines.indexOf('📅 Рейтинг месяца')).toBeGreaterThan(
      lines.indexOf('🥇 Анна Смирнова — 100 · 125\u00a0% ↑2'),
    );
    // the tags in a name are its text, cut like any other
    expect(parsed.text).toMatch(/\n🥈 <b>Вера & "[^\n]* — 90 · 113\u00a0%\n/);
    expect(parsed.text).toMatch(/\n🥉 =HYPERLINK\("ht[^\n]*… — 80 · /);
    expect(parsed.text).toContain('баллы · темп к плану');
    // the only links are ours
    expect(parsed.entities.filter((e) => e.type === 'text_link').map((e) => e.url)).toEqual([
      'https://docs.google.com/spreadsheets/d/abc/edit',
    ]);
    const digest = parseHtml(posts[1]?.parts[0] ?? '').text;
    expect(digest).toContain('недель подряд внизу · новых сделок');
    expect(digest).toMatch(/\n• Борис <Б> — 3 недели · \d+\n?/);
  });

  test('Monday 2 March: the week only — no month to date of one day, no February final (it went on the 1st)', () => {
    const posts = postsFor(
      input('2026-03-02', rows, {
        previousMonth: rating('month', rows, '2026-02-01', '2026-02-28', true, '2026-02'),
      }),
    );
    // February's final is offered again only for the ledger to skip it (sent on 1 March)
    expect(posts.map((p) => p.kind)).toEqual(['monthFinal', 'daily', 'digest']);
    expect(posts.map((p) => parseHtml(p.parts[0] ?? '').text)).not.toContainEqual(
      expect.stringContaining('на 2 марта'),
    );
    // the week's chart still goes above the week on a Monday, captioned with its title
    const week = posts.find((p) => p.kind === 'daily');
    expect(week?.photoCaption).toBe(week?.parts[0]?.split('\n')[0]);
    expect(week?.photoCaption).toContain('Рейтинг недели');
    // a Tuesday's week post has none
    expect(postsFor(input('2026-03-03', rows))[0]?.photoCaption).toBeUndefined();
  });

  test("1 April: March's final, then the quarter's top 3 without arrows, then the week", () => {
    const moved = rows.map((r, k) => ({ ...r, change: k === 0 ? 2 : -1, previousPlace: 1 }));
    const april = postsFor(
      input('2026-04-01', moved, {
        previousMonth: rating('month', moved, '2026-03-01', '2026-03-31', true, '2026-03'),
        previousQuarter: rating('quarter', moved, '2026-01-01', '2026-03-31', true, '2026-Q1'),
      }),
    );
    expect(april.map((p) => [p.kind, p.period])).toEqual([
      ['monthFinal', '2026-03'],
      ['quarter', '2026-Q1'],
      ['daily', '2026-04-01'],
    ]);
    const [month, quarter, week] = april.map((p) => parseHtml(p.parts[0] ?? '').text);
    expect(month).toContain('🏁 Итоги месяца · март 2026');
    expect(quarter).toContain('I кв. 2026');
    expect(quarter).toContain('Поздравляем призёров квартала!');
    expect(quarter).not.toContain('Григорий'); // the top 3 only
    // a final says where the period ended: no change of place
    expect(month).not.toMatch(/[↑↓]/);
    expect(quarter).not.toMatch(/[↑↓]/);
    expect(week).toMatch(/↑2/);
    expect(postsFor(input('2026-03-17', rows)).map((p) => p.kind)).toEqual(['daily']);
  });

  test('nobody has points: one line says so, no places and no arrows among zeros', () => {
    const zeros = rows.map((r, k) => ({ ...r, points: 0, change: k === 0 ? 2 : null }));
    const text = parseHtml(postsFor(input('2026-03-17', zeros))[0]?.parts[0] ?? '').text;
    expect(text).toContain('За этот период баллов нет ни у кого.');
    expect(text).not.toMatch(/Анна|↑/);
  });

  test('working days only: no daily post on a Saturday', () => {
    const i = input('2026-03-21', rows);
    expect(postsFor(i).map((p) => p.kind)).toEqual(['daily']);
    i.enabled.workingDaysOnly = true;
    expect(postsFor(i)).toEqual([]);
  });

  test('"only the top N publicly" summarises the rest in one line', () => {
    const i = input('2026-03-17', rows);
    i.publicTopN = 2;
    const text = parseHtml(postsFor(i)[0]?.parts[0] ?? '').text;
    expect(text).not.toContain('Григорий');
    expect(text).toContain('…и ещё 2 менеджера: 150 баллов');
  });

  test('a name is one short line: a line break cannot forge a ranking line, a long name is cut', () => {
    const forged = row(3, 'Григорий\n🥇 Самозванец — 9999 баллов\u0007', 80);
    const huge = row(2, `Анна ${'Очень'.repeat(2000)}`, 90);
    const twin = row(1, `${'Петрова-Водкина '.repeat(4)}(#123)`, 100);
    const daily = postsFor(input('2026-03-17', [twin, huge, forged]))[0];
    expect(daily?.parts).toHaveLength(1); // 10 000 characters no longer push it past part 1
    const text = parseHtml(daily?.parts[0] ?? '').text;
    const lines = text.split('\n');
    const ranking = (l: string) => / — \d+ · \d+\u00a0%/.test(l);
    // exactly three ranking lines, one per manager; the forged one is part of Григорий's
    expect(lines.filter(ranking)).toHaveLength(3);
    expect(lines.filter((l) => l.startsWith('🥇'))).toHaveLength(1);
    expect(text).toMatch(/\n🥉 Григорий 🥇 С[^\n]*… — 80 · /);
    expect(text).not.toContain('\u0007');
    for (const l of lines.filter(ranking)) expect(phoneWidth(l)).toBeLessThanOrEqual(PHONE_LINE_PX);
    expect(text).toContain('🥈 Анна О. — 90'); // the first name and the initial
    expect(text).toMatch(/…/);
    // the id that tells two users of one name apart survives the shortening
    expect(text).toMatch(/Петрова-В[^\n]*… \(#123\) — 100 · /);
  });

  test('200 managers with long names: parts of at most 4096 characters as Telegram counts them, split between rows', () => {
    const many = Array.from({ length: 200 }, (_, k) =>
      row(k + 1, `№ ${k + 1} & <компания> ${'с очень длинной фамилией '.repeat(3)}`, 1000 - k),
    );
    const daily = postsFor(input('2026-03-17', many))[0];
    expect(daily?.parts.length).toBeGreaterThan(1);
    let seen = 0;
    daily?.parts.forEach((part, i) => {
      const parsed = parseHtml(part); // the emulator's parser: Telegram's rules
      expect(codePoints(parsed.text)).toBeLessThanOrEqual(MAX_POST);
      expect(visibleLength(part)).toBe(codePoints(parsed.text));
      expect(parsed.text.split('\n')[0]).toContain(`(${i + 1}/${daily.parts.length})`);
      seen += (parsed.text.match(/№ \d+ & </g) ?? []).length;
    });
    expect(seen).toBe(200); // every row once, none cut in half
    expect(parseHtml(daily?.parts.at(-1) ?? '').text).toContain('Команда:');
  });
});
