/**
 * The sidebar's draft holds what was typed; it becomes settings only through the settings schema
 * (the check the server applies on saving), and a group of typed values is used as numbers only
 * once each one is a number.
 */
import { perKey, SCORED_FIGURES } from '../../../../src/engine';
import { defaultSettings } from '../../../../src/settings/defaults';
import type { Settings } from '../../../../src/settings/schema';
import { checkSettings } from '../../../../src/settings/validate';
import { allNumbers, errorsStillTrue, type Draft } from '../../../../src/client/sidebar/draft';

/** the defaults with a pipeline chosen: settings the schema accepts */
function settings(): Settings {
  const s = defaultSettings();
  s.rating.pipelineIds = [1];
  return s;
}

function draftOf(change: (d: Draft) => void): Draft {
  const d: Draft = settings();
  change(d);
  return d;
}

test('saved settings are a draft, and the schema takes them back as the same settings', () => {
  const unchanged = draftOf(() => undefined);
  const checked = checkSettings(unchanged, 'ru');
  expect(checked).toEqual({ ok: true, settings: settings() });
});

test.each([
  ['rating.bottomWatch.size', (d: Draft) => (d.rating.bottomWatch.size = '')],
  ['rating.bottomWatch.minLeads', (d: Draft) => (d.rating.bottomWatch.minLeads = '1.')],
  ['rating.thresholds.green', (d: Draft) => (d.rating.thresholds.green = 'abc')],
  ['rating.norms.maxLost', (d: Draft) => (d.rating.norms.maxLost = '5 шт')],
  ['telegram.publicTopN', (d: Draft) => (d.telegram.publicTopN = 'десять')],
])('text typed into %s is not a setting: the schema names that field', (field, change) => {
  const checked = checkSettings(draftOf(change), 'ru');
  expect(checked.ok).toBe(false);
  if (checked.ok) return;
  expect(checked.errors.map((e) => e.field)).toEqual([field]);
});

test('numbers typed into the number fields are settings once the schema accepts them', () => {
  const checked = checkSettings(
    draftOf((d) => {
      d.rating.bottomWatch.size = 2;
      d.rating.norms.maxLostShare = 0.5;
      d.telegram.publicTopN = null;
    }),
    'ru',
  );
  expect(checked.ok).toBe(true);
  if (!checked.ok) return;
  expect(checked.settings.rating.bottomWatch.size).toBe(2);
  expect(checked.settings.rating.norms.maxLostShare).toBe(0.5);
});

describe('allNumbers', () => {
  const numbers = perKey(SCORED_FIGURES, (f) => SCORED_FIGURES.indexOf(f));

  test('every value a number: yes', () => {
    expect(allNumbers(SCORED_FIGURES, numbers)).toBe(true);
  });

  test.each(['', '1,5x', 'abc'])('one value still the text %j: no', (text) => {
    const [first] = SCORED_FIGURES;
    if (!first) throw new Error('no scored figures');
    expect(allNumbers(SCORED_FIGURES, { ...numbers, [first]: text })).toBe(false);
  });
});

describe("the server's field errors once the draft changes", () => {
  const errors = [
    { field: 'rating.norms.maxLost', message: 'refused' },
    { field: 'rating.stages.meetingsHeld[0]', message: 'no such status' },
    { field: '', message: 'the whole save' },
  ];

  test('an error goes once its field changes; the others, and one about the whole save, stay', () => {
    const before = draftOf((d) => (d.rating.norms.maxLost = 5));
    const after = draftOf((d) => (d.rating.norms.maxLost = 4));
    expect(errorsStillTrue(errors, before, after).map((e) => e.field)).toEqual([
      'rating.stages.meetingsHeld[0]',
      '',
    ]);
  });

  test('a field named with an index is compared at that index', () => {
    const before = draftOf(
      (d) => (d.rating.stages.meetingsHeld = [{ pipelineId: 1, statusId: 9 }]),
    );
    const after = draftOf(
      (d) => (d.rating.stages.meetingsHeld = [{ pipelineId: 1, statusId: 13 }]),
    );
    expect(errorsStillTrue(errors, before, after).map((e) => e.field)).toEqual([
      'rating.norms.maxLost',
      '',
    ]);
  });

  test('a change elsewhere keeps every error (the same list)', () => {
    const before = draftOf(() => undefined);
    const after = draftOf((d) => (d.scheduleHour = 8));
    expect(errorsStillTrue(errors, before, after)).toBe(errors);
  });
});
