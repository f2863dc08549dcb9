/**
 * The head's digest names stays at the bottom of two weeks or more: one week there is noise.
 */
import { DIGEST_MIN_WEEKS, longStays } from '../../../src/engine';

const rows = [
  { name: 'Анна', weeks: 4 },
  { name: 'Борис', weeks: 1 },
  { name: 'Вера', weeks: 2 },
];

test('by default a one-week stay is left out, two weeks and more are named, in their order', () => {
  expect(DIGEST_MIN_WEEKS).toBe(2);
  expect(longStays(rows).map((r) => r.name)).toEqual(['Анна', 'Вера']);
});

test('nobody stays two weeks: the digest names nobody', () => {
  expect(longStays([{ name: 'Борис', weeks: 1 }])).toEqual([]);
});
