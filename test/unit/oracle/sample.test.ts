/**
 * The reference recount on the hand-checked sample account (samples/rating): the week of 9–15
 * March 2026 as of Monday 16 March 09:00 Moscow, every number worked out by hand in
 * docs/rules.md's examples and pinned for the published sheet in rating-sheets.test.ts. Flows,
 * points, plans, places and change of place are the hand count's. Figure 1 and the stocks follow
 * PRODUCT.md §2 (docs/rules.md §2.6.1, §2.7): deal 105, opened by Анна
 * and handed to Вера on 12 March, is Вера's in figure 1 (responsible at the period's end); and
 * the stocks are the state at the week's end (16 March 00:00), when task 9001 (created on
 * 16 March at 12:00) did not exist yet and deal 105 had no open task (its only task was done
 * on 12 March).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OracleDump, OracleSettings } from '../../oracle/inputs';
import { DumpLog, expectedSheets } from '../../oracle/sheets';

const SAMPLE = join(__dirname, '..', '..', '..', 'samples', 'rating');
const read = <T>(name: string): T =>
  JSON.parse(readFileSync(join(SAMPLE, `${name}.json`), 'utf8')) as T;
const NOW = Date.parse('2026-03-16T06:00:00Z');

function sample(): { dump: OracleDump; settings: OracleSettings } {
  const dump: OracleDump = {
    now: NOW / 1000,
    account: read('account'),
    users: read('users'),
    pipelines: read('pipelines'),
    leads: read('leads'),
    events: read('events'),
    tasks: read('tasks'),
  };
  // the case's defaults (PRODUCT.md §3.1) under the sample's own settings
  const settings: OracleSettings = {
    meetingsHeldFrom: 'stage',
    meetingTaskTypeIds: [2],
    countSkippedStages: false,
    tasksScope: 'all',
    points: [
      {
        from: '1970-01-01',
        values: {
          newLeads: 0.1,
          meetingsScheduled: 1,
          meetingsHeld: 3,
          contractsSigned: 7,
          advancesPaid: 15,
          won: 35,
        },
      },
    ],
    rankBy: 'points',
    ...read<Pick<OracleSettings, 'pipelineIds' | 'stages' | 'plans' | 'excludedUserIds'>>(
      'settings',
    ),
  };
  return { dump, settings };
}

test('the week 9–15 March: the hand-computed rows, total and change of place', () => {
  const { dump, settings } = sample();
  const dumps = new DumpLog();
  dumps.add(NOW, dump);
  const week = expectedSheets(dumps, settings, NOW, 'Europe/Moscow').find(
    (s) => s.name === 'Неделя',
  );
  const table = week?.tables[0];
  expect(table?.dates).toBe('09.03.2026 – 15.03.2026');
  expect([...(table?.rows.values() ?? [])]).toEqual([
    // place, medal, name, points, plan (124, 93, 62 × 4/21: the week works 10–13 March of
    // March's 21 working days, 9 March being the day off for 8 March), plan %, pace (blank:
    // closed), change, '',
    // total, in work, new, scheduled, held, contract, advance, won, lost, lost share,
    // tasks, overdue, without tasks
    [
      1,
      '🥇',
      'Анна Смирнова',
      65.2,
      23.62, // 124 × 4/21 = 23.619…
      65.2 / 23.62,
      '', // a closed week shows no pace: its plan % once
      '—',
      '',
      3,
      2,
      2,
      1,
      0,
      2,
      1,
      1,
      0,
      0,
      0,
      0,
      2,
    ],
    [
      2,
      '🥈',
      'Борис Петров',
      43.2,
      17.71, // 93 × 4/21 = 17.714…
      43.2 / 17.71,
      '',
      '—',
      '',
      3,
      1,
      2,
      1,
      0,
      1,
      0,
      1,
      1,
      0.5,
      2,
      2,
      0,
    ],
    [
      3,
      '🥉',
      'Вера <Отдел & Ко>',
      18.1,
      11.81, // 62 × 4/21 = 11.809…
      18.1 / 11.81,
      '',
      'нов.',
      '',
      2,
      2,
      1,
      0,
      1,
      0,
      1,
      0,
      0,
      '',
      1,
      0,
      2,
    ],
  ]);
  expect(table?.total).toEqual([
    '',
    '',
    'Итого по отделу',
    126.5,
    53.14, // 23.62 + 17.71 + 11.81
    126.5 / 53.14,
    '',
    '',
    '',
    8,
    5,
    5,
    2,
    1,
    3,
    2,
    2,
    1,
    1 / 3,
    3,
    2,
    4,
  ]);
});
