/**
 * The quarter final across the 1 April window move, in the built bundle against the emulator:
 * the sample's users and pipelines with a hand-made history. Published on 31 March at 23:30
 * (the store holds everything since 1 October), then on 1 April at 09:00, when the sync prunes
 * what is older than 31 December. docs/rules.md §2.2, §2.5, §2.6.10, §3.4.5, §4.4.
 *
 *   900 Анна: created 1 Dec, won 24 Dec, back to «Договор подписан» 28 Dec, won again 6 Jan
 *   901 Борис: created 10 Jan, won 12 Feb
 *   902 Анна: created 2 Feb, «Договор подписан» 3 Feb
 *   903 Борис: created 1 Dec, won 15 Dec; Борис completes a call task on it on 10 Feb
 *   905 Борис: created 1 Nov, won 20 Nov (pruned whole on 1 April: closed, no task)
 *
 * Q4 as published on 31 March: Борис 70.2 (903, 905), Анна 42.1 (900: new, won, contract). A
 * recount of Q4 on 1 April finds 0.1 each (the moves are pruned, 905 is gone): Анна first.
 * Q1: Борис 35.1 and 1 task; Анна 7.1 (902), with 900 in her portfolio and no second win.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '../../dev/gas';
import { intlOffset, lastClosedPeriod, RatingEngine, type Rating } from '../../src/engine';
import { accountData, type StoreData } from '../../src/shapes/store-data';
import type { ChildServer } from '../support/child-server';
import {
  SAMPLE,
  setUpRuntime,
  sheetValues,
  startFixtureEmulator,
} from '../support/fixture-account';
import { runScript } from '../support/gas';
import { readSettings } from '../support/settings-io';
import { readStoreFromState, storeRows } from '../support/store-node';

jest.setTimeout(90000);

const ANNA = 501;
const BORIS = 502;
const s = (local: string) => Math.floor(Date.parse(`${local}:00+03:00`) / 1000);
const moveEv = (id: string, lead: number, at: string, from: number, to: number) => ({
  id,
  type: 'lead_status_changed',
  entity_id: lead,
  entity_type: 'lead',
  created_by: ANNA,
  created_at: s(at),
  value_before: [{ lead_status: { id: from, pipeline_id: 1001 } }],
  value_after: [{ lead_status: { id: to, pipeline_id: 1001 } }],
});
const leadOf = (
  id: number,
  user: number,
  created: string,
  status: number,
  updated: string,
  closed: string | null,
) => ({
  id,
  name: `Сделка ${id}`,
  responsible_user_id: user,
  status_id: status,
  pipeline_id: 1001,
  created_at: s(created),
  updated_at: s(updated),
  closed_at: closed ? s(closed) : null,
  closest_task_at: null,
});

function account(): string {
  const dir = mkdtempSync(join(tmpdir(), 'finals-'));
  cpSync(SAMPLE, dir, { recursive: true });
  const json = (name: string, x: unknown) =>
    writeFileSync(join(dir, `${name}.json`), JSON.stringify(x));
  json('leads', [
    leadOf(900, ANNA, '2025-12-01T10:00', 142, '2026-01-06T10:00', '2026-01-06T10:00'),
    leadOf(901, BORIS, '2026-01-10T10:00', 142, '2026-02-12T10:00', '2026-02-12T10:00'),
    leadOf(902, ANNA, '2026-02-02T10:00', 14, '2026-02-03T10:00', null),
    leadOf(903, BORIS, '2025-12-01T10:00', 142, '2025-12-15T10:00', '2025-12-15T10:00'),
    leadOf(905, BORIS, '2025-11-01T10:00', 142, '2025-11-20T10:00', '2025-11-20T10:00'),
  ]);
  json('events', [
    moveEv('e1', 900, '2025-12-24T10:00', 11, 142),
    moveEv('e2', 900, '2025-12-28T10:00', 142, 14),
    moveEv('e3', 900, '2026-01-06T10:00', 14, 142),
    moveEv('e4', 901, '2026-02-12T10:00', 11, 142),
    moveEv('e5', 902, '2026-02-03T10:00', 11, 14),
    moveEv('e6', 903, '2025-12-15T10:00', 11, 142),
    moveEv('e8', 905, '2025-11-20T10:00', 11, 142),
    {
      id: 'e7',
      type: 'task_completed',
      entity_id: 9100,
      entity_type: 'task',
      created_by: BORIS,
      created_at: s('2026-02-10T12:00'),
    },
  ]);
  json('tasks', [
    {
      id: 9100,
      responsible_user_id: BORIS,
      entity_id: 903,
      entity_type: 'leads',
      is_completed: true,
      task_type_id: 1,
      complete_till: s('2026-02-10T12:00'),
      created_at: s('2026-02-09T12:00'),
      updated_at: s('2026-02-10T12:00'),
      text: 'Позвонить',
    },
  ]);
  return dir;
}

/** The rows of the table under a title on a sheet: place, manager, points, change, won, tasks. */
function tableUnder(values: unknown[][], title: string): unknown[][] {
  const start = values.findIndex((r) => String(r[0]).startsWith(title));
  if (start < 0) throw new Error(`no table «${title}»`);
  const header = values.findIndex((r, i) => i > start && r[0] === 'Место');
  const rows: unknown[][] = [];
  for (let i = header + 1; i < values.length; i++) {
    const r = values[i] ?? [];
    if (typeof r[0] !== 'number') break;
    rows.push(r);
  }
  return rows;
}

type EngineSettings = ConstructorParameters<typeof RatingEngine>[1];

function q1From(d: StoreData, settings: EngineSettings, now: number): Rating {
  const data = accountData(d);
  if (!data) throw new Error('no account');
  const e = new RatingEngine(data, settings, {
    utcOffset: intlOffset,
    fallbackTimeZone: 'Europe/Moscow',
  });
  return e.rating(lastClosedPeriod(e.calendar, 'quarter', now), now);
}

let emu: ChildServer & { token: string };
beforeAll(async () => {
  emu = await startFixtureEmulator(account(), '2026-03-31T20:30:00Z');
});
afterAll(() => emu.stop());

test('the Q1 final after the 1 April prune: no second credit, tasks of pruned deals kept, «Изм.» from the kept Q4 final', async () => {
  const clock = new FakeClock('2026-03-31T20:31:00Z');
  const { rt } = setUpRuntime(emu, { clock, rating: { tasksScope: 'selectedPipelines' } });
  try {
    rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
    const before = readStoreFromState(rt.spreadsheet);
    if (!before) throw new Error('no store on 31 March');
    // the Q4 final published on 31 March (the hall of fame celebrates it)
    const hall31 = sheetValues(rt, 'Зал славы');
    expect(hall31.filter((r) => r[0] === 'IV кв. 2025').map((r) => [r[3], r[4]])).toEqual([
      ['Борис Петров', 70.2],
      ['Анна Смирнова', 42.1],
    ]);

    clock.set('2026-04-01T06:00:00Z');
    rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
    const after = readStoreFromState(rt.spreadsheet);
    if (!after) throw new Error('no store on 1 April');
    // pruned: December's moves; kept: what 900 reached, and 903 for Борис's task
    expect(after.events.size).toBe(4);
    expect(after.reaches.get(900)).toEqual([1001, 11, 1001, 142, 1001, 14]);
    expect(after.leads.has(903)).toBe(true);
    expect(after.leads.has(905)).toBe(false);
    expect(storeRows(rt.spreadsheet, 'finals')).not.toBeNull();

    const table = tableUnder(sheetValues(rt, 'Квартал'), 'Итоги прошлого квартала');
    const shown = table.map((r) => [r[0], r[2], r[3], r[7]]);
    // Борис first; Анна has no second win for 900; the arrows measure against the Q4 published
    // on 31 March (Борис 1st, Анна 2nd), not a Q4 recounted from what the prune left
    expect(shown).toEqual([
      [1, 'Борис Петров', 35.1, '—'],
      [2, 'Анна Смирнова', 7.1, '—'],
    ]);
    // the Q1 final from the store before the prune, cell for cell the same as after it
    const settings: EngineSettings = readSettings(rt).rating;
    const now = clock.now();
    const a = q1From(before, settings, now);
    const b = q1From(after, settings, now);
    const cells = (r: Rating) => r.rows.map((x) => [x.userId, x.points, x.figures]);
    expect(cells(b)).toEqual(cells(a));
    expect(b.rows.find((x) => x.userId === BORIS)?.figures.totalTasks).toBe(1);
    expect(b.rows.find((x) => x.userId === ANNA)?.figures.won).toBe(0);
    // the hall of fame agrees with the kept Q1 final
    const hall = sheetValues(rt, 'Зал славы');
    expect(hall.filter((r) => r[0] === 'I кв. 2026').map((r) => [r[3], r[4]])).toEqual([
      ['Борис Петров', 35.1],
      ['Анна Смирнова', 7.1],
    ]);

    // an hour later the kept Q1 final is shown as kept
    clock.advance(3600_000);
    rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
    expect(tableUnder(sheetValues(rt, 'Квартал'), 'Итоги прошлого квартала')).toEqual(table);

    // someone edits the hidden sheet of kept finals: the refresh says so, recounts, keeps again
    runScript(
      rt,
      `SpreadsheetApp.getActive().getSheetByName('_rating_finals').getRange(2, 3).setValue('x');`,
    );
    clock.advance(3600_000);
    rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
    const warning = String(sheetValues(rt, 'Квартал')[3]?.[0]);
    expect(warning).toContain('Сохранённые итоги закрытых периодов повреждены');
    const recounted = tableUnder(sheetValues(rt, 'Квартал'), 'Итоги прошлого квартала');
    // the same places and points (the recount has what the rules need); the arrows now come
    // from Q4 recounted from what the prune left (Анна 1st, Борис 2nd)
    expect(recounted.map((r) => [r[0], r[2], r[3], r[7]])).toEqual([
      [1, 'Борис Петров', 35.1, '▲1'],
      [2, 'Анна Смирнова', 7.1, '▼1'],
    ]);
    clock.advance(3600_000);
    rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
    expect(String(sheetValues(rt, 'Квартал')[3]?.[0])).not.toContain('итоги закрытых периодов');
  } finally {
    await rt.close();
  }
});
