/**
 * Which fields of a save win, which are kept as stored and which are refused, from the versions
 * the page loaded them at (src/settings/settings-write.ts, src/settings/versions.ts).
 */
import { fieldConflicts } from '../../../src/settings/settings-write';
import { versionOf } from '../../../src/settings/versions';

const loaded = { scheduleHour: 7, editors: ['a@x.example'], explainSheet: true };

test('equal values have equal versions; a changed value, a reordered list, null and a missing value differ', () => {
  expect(versionOf({ a: [1, 2] })).toBe(versionOf({ a: [1, 2] }));
  expect(versionOf([1, 2])).not.toBe(versionOf([2, 1]));
  expect(versionOf(7)).not.toBe(versionOf('7'));
  expect(versionOf(undefined)).toBe(versionOf(null));
  expect(versionOf('Ж')).not.toBe(versionOf('Е'));
});

test('a field nobody else touched is taken; one brought back unchanged keeps what is stored', () => {
  const base = { scheduleHour: versionOf(7), explainSheet: versionOf(true) };
  const stored = { ...loaded, explainSheet: false }; // someone else turned it off meanwhile
  expect(fieldConflicts(stored, { scheduleHour: 9, explainSheet: true }, base)).toEqual({
    changed: ['scheduleHour'],
    conflicts: [],
  });
});

test('a field someone else changed since, to another value, is refused; to the same value, agreed', () => {
  const base = { editors: versionOf(loaded.editors) };
  const stored = { ...loaded, editors: ['b@x.example'] };
  expect(fieldConflicts(stored, { editors: ['c@x.example'] }, base).conflicts).toEqual(['editors']);
  expect(fieldConflicts(stored, { editors: ['b@x.example'] }, base)).toEqual({
    changed: ['editors'],
    conflicts: [],
  });
});

test('without a version the field applies over what is stored (a call not from the pages)', () => {
  const stored = { ...loaded, scheduleHour: 10 };
  expect(fieldConflicts(stored, { scheduleHour: 8 }, {})).toEqual({
    changed: ['scheduleHour'],
    conflicts: [],
  });
});
