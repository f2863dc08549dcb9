/**
 * «Обновлять в течение дня» (docs/rules.md §4.7.1): off by default and for settings stored before
 * it existed; a window whose «с» is not before «до» is refused in words.
 */
import { checkSettings } from '../../../src/settings/validate';
import { defaultSettings as defaults } from '../../../src/settings/defaults';

// the defaults with a pipeline chosen: valid settings but for what each test changes
const defaultSettings = () => {
  const d = defaults();
  return { ...d, rating: { ...d.rating, pipelineIds: [1001] } };
};

test('off by default, 10–19 ready; stored settings without it read as off', () => {
  expect(defaults().live).toEqual({ on: false, from: 10, to: 19 });
  const { live: _dropped, ...old } = defaultSettings();
  const r = checkSettings(old, 'ru');
  expect(r.ok && r.settings.live).toEqual({ on: false, from: 10, to: 19 });
});

test('a window from 19 to 10 is refused, next to «до», naming both hours', () => {
  const r = checkSettings({ ...defaultSettings(), live: { on: true, from: 19, to: 10 } }, 'ru');
  expect(r).toEqual({
    ok: false,
    errors: [
      {
        field: 'live.to',
        message:
          'Обновление в течение дня: час «с» должен быть раньше часа «до», а сейчас с 19 до 10.',
      },
    ],
  });
  const same = checkSettings({ ...defaultSettings(), live: { on: true, from: 12, to: 12 } }, 'en');
  expect(same.ok ? '' : same.errors[0]?.message).toBe(
    'Refreshing during the day: the "from" hour must come before the "to" hour; now it is 12 to 12.',
  );
});

test('an hour outside 0–23 is refused as an hour', () => {
  const r = checkSettings({ ...defaultSettings(), live: { on: true, from: 10, to: 24 } }, 'ru');
  expect(r.ok ? [] : r.errors.map((e) => e.field)).toEqual(['live.to']);
});
