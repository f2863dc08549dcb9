/**
 * The stocks of a closed day are the state at its midnight (docs/rules.md §2.7), end to end: the
 * sample account synced from the emulator, with a deal created and a task completed between
 * midnight and the 09:00 refresh of Monday 16 March 2026 (Moscow). История's row for 15 March
 * and the week (9–15 March) hold the state at midnight; the running month holds the state now.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GasRuntime } from '../../dev/gas';
import type { ChildServer } from '../support/child-server';
import {
  rowOf,
  sampleWithNames,
  setUpRuntime,
  sheetValues,
  startFixtureEmulator,
} from '../support/fixture-account';

jest.setTimeout(60000);

/** Unix seconds of a Moscow wall-clock time. */
const msk = (local: string) => Date.parse(`${local.replace(' ', 'T')}:00+03:00`) / 1000;

let emu: ChildServer & { token: string };
let rt: GasRuntime;
beforeAll(async () => {
  const dir = sampleWithNames({});
  const read = (f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as object[];
  const write = (f: string, rows: object[]) => writeFileSync(join(dir, f), JSON.stringify(rows));
  // Анна's deal created at 06:39 on 16 March
  write('leads.json', [
    ...read('leads.json'),
    {
      id: 112,
      name: 'Утренняя заявка',
      responsible_user_id: 501,
      status_id: 11,
      pipeline_id: 1001,
      created_at: msk('2026-03-16 06:39'),
      updated_at: msk('2026-03-16 06:39'),
      closed_at: null,
      closest_task_at: null,
    },
  ]);
  // Анна's task on deal 102, due 15 March 18:00, completed at 06:00 on 16 March
  write('tasks.json', [
    ...read('tasks.json'),
    {
      id: 9010,
      responsible_user_id: 501,
      entity_id: 102,
      entity_type: 'leads',
      is_completed: true,
      task_type_id: 1,
      complete_till: msk('2026-03-15 18:00'),
      created_at: msk('2026-03-14 10:00'),
      updated_at: msk('2026-03-16 06:00'),
      text: 'Позвонить',
    },
  ]);
  write('events.json', [
    ...read('events.json'),
    {
      id: 'ev900001',
      type: 'task_completed',
      entity_id: 9010,
      entity_type: 'task',
      created_by: 501,
      created_at: msk('2026-03-16 06:00'),
      value_after: [],
      value_before: [],
    },
  ]);
  emu = await startFixtureEmulator(dir);
  ({ rt } = setUpRuntime(emu));
  rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
});
afterAll(async () => {
  await rt.close();
  await emu.stop();
});

test('История’s row for 15 March holds the state at midnight, not at the 09:00 refresh', () => {
  const anna = sheetValues(rt, 'История')
    .slice(1)
    .find((r) => r.at(-1) === 501); // the user id, last
  // in work 102 and 111 (not 112, created at 06:39); open tasks: 9010 (completed at 06:00),
  // not 9001 (created later); 9010 was overdue; 102 had a task, 111 none
  expect(anna?.slice(2, 6)).toEqual([2, 1, 1, 1]);
});

test('the week shows the same midnight state; the running month shows now', () => {
  const week = rowOf(sheetValues(rt, 'Неделя'), 'Анна Смирнова');
  // in work | total tasks, overdue, without tasks
  expect([week[10], ...week.slice(19, 22)]).toEqual([2, 1, 1, 1]);
  const month = rowOf(sheetValues(rt, 'Месяц'), 'Анна Смирнова');
  // now: 102, 111, 112 in work; 9001 open + 9006 and 9010 completed in March; nothing overdue;
  // 111 and 112 without tasks
  expect([month[10], ...month.slice(19, 22)]).toEqual([3, 3, 0, 2]);
});
