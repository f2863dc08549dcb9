/**
 * A plan far above its month's others is asked about before saving: over 3 × the month's median
 * or over 100 × its smallest plan; only plans changed since the last save.
 */
import { outliers } from '../../../../src/client/plans/outliers';
import { cellId, type Cells } from '../../../../src/client/plans/plan-cells';
import { ANNA, BORIS, DIALOG, MANAGERS, MONTHS } from './fixture';

const APRIL = '2026-04';
const month = (values: Array<number | string | null>, m = APRIL): Cells =>
  new Map(
    MANAGERS.flatMap((u, i) => {
      const v = values[i] ?? null;
      return v === null ? [] : [[cellId(m, u.id, 'points'), v] as [string, number | string]];
    }),
  );

test('999 999 among plans of 1 200: asked about, with the month and the usual plan', () => {
  expect(outliers(DIALOG, month([1200, 999999, 1300]), new Map())).toEqual([
    { month: APRIL, userId: BORIS.id, value: 999999, median: 1300 },
  ]);
});

test('over 3 × the median', () => {
  expect(outliers(DIALOG, month([1000, 3100, 1000]), new Map()).map((o) => o.userId)).toEqual([
    BORIS.id,
  ]);
  expect(outliers(DIALOG, month([1000, 3000, 1000]), new Map())).toEqual([]);
});

test('over 100 × the smallest: two plans have a median between them, the smallest still tells', () => {
  expect(outliers(DIALOG, month([500, 60000, null]), new Map())).toEqual([
    { month: APRIL, userId: BORIS.id, value: 60000, median: 30250 },
  ]);
  expect(outliers(DIALOG, month([500, 5000, null]), new Map())).toEqual([]);
});

test('a lone plan, zeros, text and the read-only month are not compared', () => {
  expect(outliers(DIALOG, month([999999, null, null]), new Map())).toEqual([]);
  expect(outliers(DIALOG, month([0, 5000, 'много']), new Map())).toEqual([]);
  expect(outliers(DIALOG, month([1000, 999999, 1000], MONTHS[0]?.key), new Map())).toEqual([]);
});

test('a plan saved as it is (confirmed once) is not asked about again', () => {
  const cells = month([1200, 999999, 1300]);
  expect(outliers(DIALOG, cells, cells)).toEqual([]);
  const changed = new Map(cells).set(cellId(APRIL, ANNA.id, 'points'), 1250);
  expect(outliers(DIALOG, changed, cells)).toEqual([]);
});
