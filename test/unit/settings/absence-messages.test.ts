/**
 * The working calendar's days, absences and ramps are refused in words, by the same schema on the
 * page and the server (docs/rules.md §3.2.9–§3.2.10); the dialog's own reading of what was typed
 * refuses before anything is sent.
 */
import { absenceOf, rampOf } from '../../../src/client/plans/absence-edits';
import { calendarEditOf } from '../../../src/client/sidebar/calendar-edit';
import { defaultSettings } from '../../../src/settings/defaults';
import type { Settings } from '../../../src/settings/schema';
import { checkSettings, parseTypedDay } from '../../../src/settings/validate';

function refusal(change: (s: Settings) => void) {
  const s = defaultSettings();
  s.rating.pipelineIds = [1];
  change(s);
  const c = checkSettings(s, 'ru');
  if (c.ok) throw new Error('accepted');
  return c.errors;
}

test('stored settings without the new lists read as none; the defaults are empty', () => {
  const s = defaultSettings() as unknown as { rating: Record<string, unknown> };
  s.rating.pipelineIds = [1];
  delete s.rating.calendarDays;
  delete s.rating.absences;
  delete s.rating.ramps;
  const c = checkSettings(s, 'ru');
  expect(
    c.ok && [c.settings.rating.calendarDays, c.settings.rating.absences, c.settings.rating.ramps],
  ).toEqual([[], [], []]);
});

test('the server refuses an inverted or overlapping absence, a bad percent, a day twice', () => {
  expect(
    refusal(
      (s) =>
        (s.rating.absences = [
          { userId: 5, kind: 'vacation', from: '2026-05-15', to: '2026-05-04' },
        ]),
    ),
  ).toEqual([
    {
      field: 'rating.absences[0]',
      message: 'Отсутствие кончается (04.05.2026) раньше, чем начинается (15.05.2026).',
    },
  ]);
  expect(
    refusal(
      (s) =>
        (s.rating.absences = [
          { userId: 5, kind: 'vacation', from: '2026-05-04', to: '2026-05-15' },
          { userId: 5, kind: 'sick', from: '2026-05-15', to: '2026-05-20' },
        ]),
    ),
  ).toEqual([
    {
      field: 'rating.absences',
      message:
        'Два отсутствия одного менеджера пересекаются: 04.05.2026–15.05.2026 и 15.05.2026–20.05.2026.',
    },
  ]);
  // two managers may be away on the same days
  const both = defaultSettings();
  both.rating.pipelineIds = [1];
  both.rating.absences = [
    { userId: 5, kind: 'vacation', from: '2026-05-04', to: '2026-05-15' },
    { userId: 6, kind: 'vacation', from: '2026-05-04', to: '2026-05-15' },
  ];
  expect(checkSettings(both, 'ru').ok).toBe(true);
  expect(
    refusal((s) => (s.rating.ramps = [{ userId: 5, start: '2026-05-18', percents: [50, 150] }])),
  ).toEqual([
    {
      field: 'rating.ramps[0].percents[1]',
      message: 'Процент плана — число от 0 до 100, а не «150».',
    },
  ]);
  expect(
    refusal(
      (s) =>
        (s.rating.calendarDays = [
          { day: '2026-12-30', off: true },
          { day: '2026-12-30', off: false },
        ]),
    ),
  ).toEqual([
    {
      field: 'rating.calendarDays',
      message: 'День 30.12.2026 уже есть в списке изменений календаря.',
    },
  ]);
  expect(refusal((s) => (s.rating.calendarDays = [{ day: '2026-02-30', off: true }]))).toEqual([
    { field: 'rating.calendarDays[0].day', message: 'Такой даты нет: «2026-02-30».' },
  ]);
});

test('the page reads ДД.ММ.ГГГГ and refuses what is not a day in words', () => {
  expect(parseTypedDay('4.5.2026')).toBe('2026-05-04');
  expect(parseTypedDay(' 31.12.2026 ')).toBe('2026-12-31');
  expect(parseTypedDay('31.02.2026')).toBeNull();
  expect(parseTypedDay('2026-05-04')).toBeNull();
  expect(calendarEditOf('30.02.2026', true, [], 'ru')).toEqual({
    error: 'Дата пишется как ДД.ММ.ГГГГ, например 31.12.2026, а не «30.02.2026».',
  });
  expect(calendarEditOf('31.12.2026', false, [], 'ru')).toEqual({ day: '2026-12-31', off: false });
  expect(calendarEditOf('31.12.2026', true, [{ day: '2026-12-31' }], 'ru')).toEqual({
    error: 'День 31.12.2026 уже есть в списке изменений календаря.',
  });
  const vacation = { userId: 5, kind: 'vacation' as const, from: '2026-05-04', to: '2026-05-15' };
  expect(
    absenceOf({ userId: 5, kind: 'sick', from: '10.05.2026', to: '20.05.2026' }, [vacation], 'ru'),
  ).toEqual({
    error:
      'Два отсутствия одного менеджера пересекаются: 04.05.2026–15.05.2026 и 10.05.2026–20.05.2026.',
  });
  expect(
    absenceOf({ userId: 6, kind: 'sick', from: '10.05.2026', to: '20.05.2026' }, [vacation], 'ru'),
  ).toEqual({
    userId: 6,
    kind: 'sick',
    from: '2026-05-10',
    to: '2026-05-20',
  });
  expect(rampOf({ userId: 5, start: '18.05.2026', percents: '50 75' }, [], 'ru')).toEqual({
    userId: 5,
    start: '2026-05-18',
    percents: [50, 75],
  });
  expect(rampOf({ userId: 5, start: '18.05.2026', percents: '50 120' }, [], 'ru')).toEqual({
    error: 'Процент плана — число от 0 до 100, а не «120».',
  });
  expect(rampOf({ userId: 5, start: '18.05.2026', percents: 'половина' }, [], 'ru')).toEqual({
    error: 'Процент плана — число от 0 до 100, а не «половина».',
  });
  expect(rampOf({ userId: 5, start: '18.05.2026', percents: '' }, [], 'ru')).toEqual({
    error: 'Разгон — от 1 до 12 месяцев с процентом плана на каждый.',
  });
});
