/** The rating command line on the sample shipped in samples/rating, as the README shows it. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const run = (...args: string[]) =>
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
      join(ROOT, 'tools', 'rating-cli.ts'),
      ...args,
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );

test("npm run rating prints the week's rating of the sample", () => {
  const out = JSON.parse(
    run(
      '--data',
      'samples/rating',
      '--settings',
      'samples/rating/settings.json',
      '--period',
      'week',
      '--now',
      '2026-03-16T09:00:00+03:00',
    ),
  );
  expect(out.period).toMatchObject({
    kind: 'week',
    firstDay: '2026-03-09',
    lastDay: '2026-03-15',
    start: '2026-03-08T21:00:00.000Z',
  });
  expect(
    out.rows.map((r: { place: number; medal: string; name: string; points: number }) => [
      r.place,
      r.medal,
      r.name,
      r.points,
    ]),
  ).toEqual([
    [1, '🥇', 'Анна Смирнова', 65.2],
    [2, '🥈', 'Борис Петров', 43.2],
    [3, '🥉', 'Вера <Отдел & Ко>', 18.1],
  ]);
  // the deactivated and the deleted are not ranked (docs/rules.md §3.4.6)
  expect(
    out.outside.map((r: { name: string; userState: string; points: number }) => [
      r.name,
      r.userState,
      r.points,
    ]),
  ).toEqual([
    ['Григорий Иванов', 'inactive', 0],
    ['#599', 'deleted', 0.1],
  ]);
  expect(out.rows[0].plan).toBe(23.62); // 124 × 4/21: 4 of March's 21 working days
  expect(out.totals.points).toBe(126.5);
});

test('a closed month without snapshots shows empty stocks', () => {
  const out = JSON.parse(
    run(
      '--data',
      'samples/rating',
      '--settings',
      'samples/rating/settings.json',
      '--period',
      'month',
      '--final',
      '--now',
      '2026-04-02T09:00:00+03:00',
    ),
  );
  expect(out.period).toMatchObject({
    kind: 'month',
    final: true,
    firstDay: '2026-03-01',
    lastDay: '2026-03-31',
  });
  expect(out.stocksSource).toBe('missing');
  expect(out.rows[0].figures.inWork).toBeNull();
});

test('bad arguments get a usage message and exit code 2', () => {
  expect(() => run('--data', 'samples/rating', '--period', 'year')).toThrow(
    /usage: npm run rating/,
  );
});
