/**
 * Each refusal names the real reason with the value as the person typed it, in plain «…» quotes:
 * a percent field speaks in percent, a count refuses a fraction, text is "not a number" whatever
 * the field's range, a date that does not exist says so. The values go through the page's own
 * reading of what was typed (parseNumber), as the sidebar hands them to the schema.
 */
import { parseNumber } from '../../../src/client/common/fields';
import type { Draft } from '../../../src/client/sidebar/draft';
import { defaultSettings } from '../../../src/settings/defaults';
import { checkBottomWatch, checkSettings, ratedCount } from '../../../src/settings/validate';

function draft(change: (d: Draft) => void): Draft {
  const d: Draft = defaultSettings();
  d.rating.pipelineIds = [1];
  change(d);
  return d;
}

/** The one message the schema gives for a draft, with the field it names. */
function refusal(change: (d: Draft) => void, lang: 'ru' | 'en' = 'ru') {
  const c = checkSettings(draft(change), lang);
  if (c.ok) throw new Error('accepted');
  expect(c.errors).toHaveLength(1);
  const [e] = c.errors;
  if (!e) throw new Error('no message');
  return e;
}

/** What a percent field hands on for what was typed (NumberInput with scale 100). */
const percent = (typed: string) => {
  const v = parseNumber(typed, false);
  return typeof v === 'number' ? v / 100 : v;
};

test('150 in a percent field: «от 0 до 100 %», quoting 150 — not the fraction the engine keeps', () => {
  expect(refusal((d) => (d.rating.norms.maxLostShare = percent('150')))).toEqual({
    field: 'rating.norms.maxLostShare',
    message: 'Доля отказов — от 0 до 100 %, а не «150».',
  });
  expect(refusal((d) => (d.rating.thresholds.green = percent('1500'))).message).toBe(
    'Порог «зелёного» — от 1 до 1000 %, а не «1500».',
  );
});

test('a percent typed in Russian is stored as the fraction the engine uses', () => {
  const c = checkSettings(
    draft((d) => {
      d.rating.norms.maxLostShare = percent('30,5');
      d.rating.thresholds.green = percent('90');
    }),
    'ru',
  );
  expect(
    c.ok && [c.settings.rating.norms.maxLostShare, c.settings.rating.thresholds.green],
  ).toEqual([0.305, 0.9]);
});

test('«abc» in the green threshold is not a number (not «green must exceed yellow»)', () => {
  expect(refusal((d) => (d.rating.thresholds.green = percent('abc')))).toEqual({
    field: 'rating.thresholds.green',
    message: '«abc» — не число: пишите цифрами, например 1 300 или 0,5.',
  });
});

test('green below yellow: both values quoted as typed, in percent', () => {
  const e = refusal((d) => {
    d.rating.thresholds.green = percent('40');
    d.rating.thresholds.yellow = percent('60');
  });
  expect(e).toEqual({
    field: 'rating.thresholds',
    message: 'Порог «зелёного» должен быть больше порога «жёлтого», а сейчас они «40» и «60».',
  });
});

test.each([
  [
    'rating.norms.maxOverdueTasks',
    (d: Draft, v: number | string) => (d.rating.norms.maxOverdueTasks = v),
  ],
  ['rating.norms.maxLost', (d: Draft, v: number | string) => (d.rating.norms.maxLost = v)],
  ['rating.bottomWatch.size', (d: Draft, v: number | string) => (d.rating.bottomWatch.size = v)],
  [
    'rating.bottomWatch.minLeads',
    (d: Draft, v: number | string) => (d.rating.bottomWatch.minLeads = v),
  ],
])(
  'a count refuses a fraction: «2.5» in %s is not a whole number, quoted as typed',
  (field, set) => {
    const e = refusal((d) => set(d, parseNumber('2.5', false)));
    expect(e).toEqual({ field, message: 'Здесь нужно целое число, а не «2,5».' });
  },
);

test.each(['1e3', '1E3', '0x10', 'Infinity', '12 шт', '1.300,5'])(
  '%p is not a number anywhere: not in points, not in a count',
  (typed) => {
    const asPoints = refusal((d) => {
      const [first] = d.rating.points;
      if (first) (first.values as Record<string, number | string>).won = parseNumber(typed, false);
    });
    expect(asPoints.message).toBe(`«${typed}» — не число: пишите цифрами, например 1 300 или 0,5.`);
    const asCount = refusal((d) => (d.rating.bottomWatch.size = parseNumber(typed, false)));
    expect(asCount.message).toBe(`«${typed}» — не число: пишите цифрами, например 1 300 или 0,5.`);
  },
);

test.each([
  ['1 300,5', 1300.5],
  ['1\u00a0300,5', 1300.5],
  ['1\u2009300,5', 1300.5],
  ['1\u202f300,5', 1300.5],
  ['−5', -5],
  ['1,300', 1300],
  ['1,3', 1.3],
  [',5', 0.5],
])('Russian decimals and spaces of every kind: %p is %p', (typed, value) => {
  expect(parseNumber(typed, false)).toBe(value);
});

test('an emptied field that must hold a number says it is empty, not «""»', () => {
  const e = refusal((d) => (d.rating.bottomWatch.size = parseNumber('  ', false)));
  expect(e.message).toBe('Поле не заполнено: впишите число.');
});

test('31 February: such a date does not exist (not the format)', () => {
  const e = refusal((d) => {
    const [first] = d.rating.points;
    if (first) first.from = '2026-02-31';
  });
  expect(e).toEqual({ field: 'rating.points[0].from', message: 'Такой даты нет: «2026-02-31».' });
  const wrong = refusal((d) => {
    const [first] = d.rating.points;
    if (first) first.from = '31.02.2026';
  });
  expect(wrong.message).toBe('Дата пишется как ГГГГ-ММ-ДД, а не «31.02.2026».');
});

test('no message quotes a value as code', () => {
  const c = checkSettings(
    draft((d) => {
      d.rating.thresholds.yellow = '';
      d.rating.norms.maxLost = 'x"y';
      d.telegram.publicTopN = 0;
      d.scheduleHour = 24;
      d.editors = ['no-at'];
    }),
    'ru',
  );
  if (c.ok) throw new Error('accepted');
  expect(c.errors.length).toBeGreaterThanOrEqual(5);
  for (const e of c.errors) expect(e.message).not.toMatch(/\(сейчас: |: ""|"\)/);
  expect(c.errors.map((e) => e.message)).toContain('Час — целое число от 0 до 23, а не «24».');
});

test('English messages quote the value as typed too', () => {
  expect(refusal((d) => (d.rating.norms.maxLostShare = percent('150')), 'en').message).toBe(
    'The lost share is from 0 to 100 %, not "150".',
  );
});

describe('the bottom watch leaves someone above it', () => {
  const team = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i + 1, active: true }));

  test('N equal to the rated managers is refused with the reason; one below is fine', () => {
    expect(checkBottomWatch(19, ratedCount([], team(19)), 'ru')).toEqual([
      {
        field: 'rating.bottomWatch.size',
        message:
          'Число нижних мест должно быть меньше числа менеджеров в рейтинге (19), иначе внизу окажутся все; сейчас «19».',
      },
    ]);
    expect(checkBottomWatch(25, 19, 'ru')).toHaveLength(1);
    expect(checkBottomWatch(18, 19, 'ru')).toEqual([]);
  });

  test('the rated managers: active, not excluded, never the «no responsible user» 0', () => {
    const users = [...team(5), { id: 0, active: true }, { id: 9, active: false }];
    expect(ratedCount([2, 3], users)).toBe(3);
  });
});
