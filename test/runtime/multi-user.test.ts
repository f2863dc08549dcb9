/**
 * Several people, one spreadsheet (docs/rules.md §5.2): the owner, the sales head who set the
 * rating up, a deputy the head lists in the settings, a manager who may edit the file but not
 * the rating, and a viewer. Whoever refreshes, nobody who must write the rating is locked out;
 * nobody else can change a rating cell. Facts: reference spreadsheet/protection ("Neither the
 * owner of the spreadsheet nor the current user can be removed"); docs/services.md §2.4.
 */
import { FakeClock } from '../../dev/gas';
import { PROTECTED_MESSAGE, NO_EDIT_MESSAGE } from '../../dev/gas/access';
import { setUpRuntime, sheetValues, startFixtureEmulator } from '../support/fixture-account';

const OWNER = 'owner@sales.example';
const HEAD = 'head@sales.example';
const DEPUTY = 'deputy@sales.example';
const MANAGER = 'manager@sales.example';
const VIEWER = 'viewer@sales.example';

test("the head sets up; the deputy's manual refresh and the owner's and head's scheduled ones all publish; a manager or a viewer cannot change a rating cell", async () => {
  const amo = await startFixtureEmulator();
  const clock = new FakeClock('2026-03-16T06:00:00Z');
  const { rt } = setUpRuntime(amo, { clock });
  try {
    rt.sharing.owner = OWNER;
    rt.sharing.editors.push(HEAD, DEPUTY, MANAGER);
    rt.sharing.viewers.push(VIEWER);
    rt.user = HEAD;
    rt.open();
    expect(rt.callFromClient('saveSettingsPart', { editors: [DEPUTY] })).toMatchObject({
      ok: true,
    });
    rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас', HEAD); // the first refresh protects the sheets
    rt.clickMenu('Рейтинг менеджеров', 'Включить расписание', OWNER); // the owner's trigger
    expect(rt.triggerList().map((t) => t.user)).toEqual([OWNER]);
    const week = () => rt.spreadsheet.sheets.find((s) => s.name === 'Неделя');
    const protection = () => week()?.protections.find((p) => p.kind === 'SHEET');
    expect(protection()?.editors.sort()).toEqual([DEPUTY, HEAD, OWNER].sort());

    // the deputy refreshes by hand; the owner's trigger refreshes the next morning
    const before = rt.executions.length;
    rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас', DEPUTY);
    rt.advanceTo('2026-03-17T06:00:00Z');
    const runs = rt.executions.slice(before);
    expect(runs.map((r) => [r.user, r.functionName, r.outcome])).toEqual(
      expect.arrayContaining([
        [DEPUTY, 'menuRefresh', 'ok'],
        [OWNER, 'schedulerTick', 'ok'],
      ]),
    );
    expect(rt.ui.alerts.filter((a) => /не удалось|failed/i.test(a.prompt))).toEqual([]);
    expect(String(sheetValues(rt, 'Неделя')[2]?.[0])).toContain('17.03.2026');
    expect(rt.triggerFailures).toEqual([]);
    // the head turns the schedule on from their own account too: a trigger each (a person sees
    // and deletes only their own); both fire, one refreshes, the other finds it done
    rt.clickMenu('Рейтинг менеджеров', 'Включить расписание', HEAD);
    expect(rt.triggerList().map((t) => t.user)).toEqual([OWNER, HEAD]);
    const mark = rt.executions.length;
    rt.advanceTo('2026-03-18T06:00:00Z');
    const ticks = rt.executions.slice(mark).filter((x) => x.functionName === 'schedulerTick');
    expect(new Set(ticks.map((x) => x.user))).toEqual(new Set([OWNER, HEAD]));
    const records = JSON.parse(rt.properties.document['sync.records'] ?? '[]') as Array<{
      startedAt: string;
    }>;
    expect(records.filter((r) => r.startedAt.startsWith('2026-03-18'))).toHaveLength(1);
    expect(String(sheetValues(rt, 'Неделя')[2]?.[0])).toContain('18.03.2026');
    expect(rt.triggerFailures).toEqual([]);
    // nobody was removed on the way
    expect(protection()?.editors.sort()).toEqual([DEPUTY, HEAD, OWNER].sort());

    // a manager who may edit the file, and a viewer, cannot change a rating cell
    expect(rt.userEdit(MANAGER, 'Неделя', 7, 4, '9999')).toBe(PROTECTED_MESSAGE);
    expect(rt.userEdit(VIEWER, 'Неделя', 7, 4, '9999')).toBe('You can only view this spreadsheet.');
    expect(rt.userEdit('stranger@else.example', 'Неделя', 7, 4, '9999')).toBe(NO_EDIT_MESSAGE);
    expect(rt.userEdit(DEPUTY, 'Неделя', 7, 4, 'правка')).toBeNull(); // a listed editor may
    // and the manager cannot turn the schedule on for a rating their trigger could not write
    rt.clickMenu('Рейтинг менеджеров', 'Включить расписание', MANAGER);
    expect(rt.triggerList().map((t) => t.user)).toEqual([OWNER, HEAD]);
    expect(rt.ui.alerts.at(-1)?.prompt).toContain('не можете редактировать');
  } finally {
    await rt.close();
    await amo.stop();
  }
});
