/**
 * Two people saving settings at once (docs/rules.md §5.2, docs/services.md §1.6): each opens the
 * sidebar or the plans dialog, changes something and saves the way the page does — the section's
 * fields with the versions the page loaded them at, the plans with the plans as loaded. Saves of
 * different fields both survive; a save of a field the other person changed since the page loaded
 * it is refused with «Не сохранено: пока вы правили, эти же настройки сохранил другой пользователь…», never "saved"
 * while lost. Saves run under the document lock and read the settings again under it: a save
 * landing while another waits on amoCRM sees it, one landing while another holds the lock is
 * refused with a message.
 */
import { FakeClock, type GasRuntime } from '../../dev/gas';
import { t } from '../../src/i18n/messages';
import { valueAt, copyJson, setValueAt } from '../../src/settings/field-paths';
import type { Settings } from '../../src/settings/schema';
import { SECTION_FIELDS } from '../../src/settings/sections';
import { versionOf } from '../../src/settings/versions';
import type { PlansData } from '../../src/app/plans-api';
import { setUpRuntime, sheetValues, startFixtureEmulator } from '../support/fixture-account';

jest.setTimeout(120_000);

const HEAD = 'head@sales.example';
const DEPUTY = 'deputy@sales.example';
const CHANGED = t('ru', 'settingsChanged');
const BUSY = t('ru', 'settingsBusy');

interface Answer {
  ok: boolean;
  errors: Array<{ field: string; message: string }>;
  message?: string;
  settings?: Settings;
}

type Section = keyof typeof SECTION_FIELDS;

/** A sidebar as one person has it open: loaded once, edited, saved section by section. */
class Sidebar {
  draft: Settings;
  private versions: Record<string, string>;
  constructor(
    private readonly rt: GasRuntime,
    private readonly user: string,
  ) {
    const loaded = this.call('sidebarLoad') as { settings: Settings };
    this.draft = copyJson(loaded.settings);
    this.versions = Object.fromEntries(
      Object.values(SECTION_FIELDS)
        .flat()
        .map((p) => [p, versionOf(valueAt(loaded.settings, p))]),
    );
  }
  private call(name: string, ...args: unknown[]): unknown {
    this.rt.user = this.user;
    return this.rt.callFromClient(name, ...args);
  }
  edit(path: string, value: unknown): this {
    setValueAt(this.draft, path, value);
    return this;
  }
  /** the section's «Сохранить»: its fields, each with the version the page loaded it at */
  save(section: Section): Answer {
    const paths = SECTION_FIELDS[section];
    const part = Object.fromEntries(paths.map((p) => [p, valueAt(this.draft, p)]));
    const base = Object.fromEntries(paths.map((p) => [p, this.versions[p]]));
    const answer = this.call('saveSettingsPart', part, base) as Answer;
    // as the page does: the saved fields take the stored values and their new versions
    if (answer.ok && answer.settings)
      for (const p of paths) {
        setValueAt(this.draft, p, copyJson(valueAt(answer.settings, p)));
        this.versions[p] = versionOf(valueAt(answer.settings, p));
      }
    return answer;
  }
  /** «Расписание»: the toggle sends the hour with its version */
  toggleSchedule(on: boolean): Answer {
    return this.call(
      'setSchedule',
      on,
      this.draft.scheduleHour,
      this.versions.scheduleHour,
    ) as Answer;
  }
}

/** The plans dialog as one person has it open. */
class PlansDialog {
  readonly data: PlansData;
  plans: PlansData['plans'];
  constructor(
    private readonly rt: GasRuntime,
    private readonly user: string,
  ) {
    rt.user = user;
    this.data = rt.callFromClient('plansLoad') as PlansData;
    this.plans = copyJson(this.data.plans);
  }
  set(userId: number, points: number): this {
    const month = this.data.months.find((m) => m.editable)?.key ?? '';
    this.plans = this.plans.filter((p) => !(p.month === month && p.userId === userId));
    this.plans.push({ month, userId, points });
    return this;
  }
  save(): Answer {
    this.rt.user = this.user;
    const editable = new Set(this.data.months.filter((m) => m.editable).map((m) => m.key));
    return this.rt.callFromClient(
      'savePlans',
      this.plans.filter((p) => editable.has(p.month)),
      this.data.plans,
    ) as Answer;
  }
}

function stored(rt: GasRuntime): Settings {
  return (rt.callFromClient('sidebarLoad') as { settings: Settings }).settings;
}

describe('two people saving settings at once', () => {
  let amo: Awaited<ReturnType<typeof startFixtureEmulator>>;
  let rt: GasRuntime;
  beforeAll(async () => {
    amo = await startFixtureEmulator();
  });
  afterAll(async () => {
    await amo.stop();
  });
  beforeEach(() => {
    ({ rt } = setUpRuntime(amo, { clock: new FakeClock('2026-03-16T06:00:00Z') }));
    rt.sharing.owner = HEAD;
    rt.sharing.editors.push(DEPUTY);
  });
  afterEach(async () => {
    await rt.close();
  });

  test('the refresh hour: the second hour is refused with a message; a toggle that keeps the hour keeps the other’s', () => {
    const head = new Sidebar(rt, HEAD);
    const deputy = new Sidebar(rt, DEPUTY);
    expect(head.edit('scheduleHour', 6).save('schedule')).toMatchObject({ ok: true });
    const refused = deputy.edit('scheduleHour', 10).toggleSchedule(true);
    expect(refused).toMatchObject({ ok: false, message: CHANGED });
    expect(stored(rt).scheduleHour).toBe(6);
    expect(rt.triggerList()).toEqual([]); // refused: the schedule was not turned on either
    // pages loaded now: one changes the hour, a second changes it too (refused), a third turns
    // the schedule on and off without touching the hour (the changed hour stays)
    const first = new Sidebar(rt, HEAD);
    const second = new Sidebar(rt, DEPUTY);
    const third = new Sidebar(rt, DEPUTY);
    expect(first.edit('scheduleHour', 9).save('schedule')).toMatchObject({ ok: true });
    expect(second.edit('scheduleHour', 8).save('schedule')).toMatchObject({
      ok: false,
      errors: [{ field: 'scheduleHour', message: CHANGED }],
    });
    expect(third.toggleSchedule(true)).toMatchObject({ ok: true, on: true });
    expect(third.toggleSchedule(false)).toMatchObject({ ok: true, on: false });
    expect(stored(rt).scheduleHour).toBe(9);
  });

  test('norms: a norm and the thresholds both survive; the same norm changed twice is refused', () => {
    const head = new Sidebar(rt, HEAD);
    const deputy = new Sidebar(rt, DEPUTY);
    expect(head.edit('rating.norms.maxOverdueTasks', 3).save('norms')).toMatchObject({ ok: true });
    const green = (deputy.draft.rating.thresholds as { green: number }).green;
    expect(deputy.edit('rating.thresholds.green', green + 1).save('norms')).toMatchObject({
      ok: true,
    });
    let s = stored(rt);
    expect(s.rating.norms.maxOverdueTasks).toBe(3);
    expect((s.rating.thresholds as { green: number }).green).toBe(green + 1);

    const late = new Sidebar(rt, DEPUTY);
    expect(head.edit('rating.norms.maxOverdueTasks', 5).save('norms')).toMatchObject({ ok: true });
    const r = late.edit('rating.norms.maxOverdueTasks', 9).save('norms');
    expect(r).toMatchObject({ ok: false, errors: [{ field: 'rating.norms', message: CHANGED }] });
    s = stored(rt);
    expect(s.rating.norms.maxOverdueTasks).toBe(5);
  });

  test('a points version: the second person’s edit of the versions is refused, the first’s stays', () => {
    const head = new Sidebar(rt, HEAD);
    const deputy = new Sidebar(rt, DEPUTY);
    const versions = head.draft.rating.points;
    const first = versions[0];
    if (!first) throw new Error('the sample has a points version');
    const added = { from: '2026-03-16', values: { ...first.values } };
    expect(head.edit('rating.points', [...versions, added]).save('points')).toMatchObject({
      ok: true,
    });
    const changed = [{ ...first, values: { ...first.values } }];
    const key = Object.keys(first.values)[0] as keyof typeof first.values;
    (changed[0]!.values as Record<string, number>)[key] = 42;
    const r = deputy.edit('rating.points', changed).save('points');
    expect(r).toMatchObject({ ok: false, errors: [{ field: 'rating.points', message: CHANGED }] });
    expect(stored(rt).rating.points.map((p) => p.from)).toEqual([
      ...versions.map((p) => p.from),
      '2026-03-16',
    ]);
  });

  test('a plan: plans of two managers both survive and the rating counts both; the same plan twice is refused', () => {
    const head = new PlansDialog(rt, HEAD);
    const deputy = new PlansDialog(rt, DEPUTY);
    const [a, b] = head.data.managers;
    if (!a || !b) throw new Error('the sample has managers');
    expect(head.set(a.id, 111).save()).toMatchObject({ ok: true });
    expect(deputy.set(b.id, 222).save()).toMatchObject({ ok: true });
    const month = head.data.months.find((m) => m.editable)?.key;
    const plan = (id: number) =>
      stored(rt).rating.plans.find((p) => p.month === month && p.userId === id)?.points;
    expect([plan(a.id), plan(b.id)]).toEqual([111, 222]);

    const late = new PlansDialog(rt, DEPUTY);
    expect(new PlansDialog(rt, HEAD).set(a.id, 150).save()).toMatchObject({ ok: true });
    const r = late.set(a.id, 90).save();
    expect(r).toMatchObject({ ok: false, message: CHANGED });
    expect(plan(a.id)).toBe(150);

    // the refresh counts the plans as saved: the month's plan column shows both
    rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас', HEAD);
    const rows = sheetValues(rt, 'Месяц');
    const header = rows.findIndex((r) => r.some((c) => String(c) === 'План'));
    expect(header).toBeGreaterThan(0);
    const col = rows[header]!.findIndex((c) => String(c) === 'План');
    const name = rows[header]!.findIndex((c) => String(c) === 'Менеджер');
    const planOf = (who: string) => rows.slice(header + 1).find((r) => r[name] === who)?.[col];
    expect([planOf(a.name), planOf(b.name)]).toEqual([150, 222]);
  });

  test('the «Разбор» switch and the editors, one each: both survive, whichever page was loaded first', () => {
    const head = new Sidebar(rt, HEAD);
    const deputy = new Sidebar(rt, DEPUTY);
    expect(head.draft.explainSheet).toBe(true);
    expect(head.edit('explainSheet', false).save('schedule')).toMatchObject({ ok: true });
    expect(deputy.edit('editors', [DEPUTY]).save('schedule')).toMatchObject({ ok: true });
    let s = stored(rt);
    expect([s.explainSheet, s.editors]).toEqual([false, [DEPUTY]]);

    // a page loaded before the switch went back on saves the section for another field:
    // the switch it brings unchanged does not undo the other person's
    const late = new Sidebar(rt, DEPUTY);
    expect(new Sidebar(rt, HEAD).edit('explainSheet', true).save('schedule')).toMatchObject({
      ok: true,
    });
    expect(late.edit('editors', [DEPUTY, HEAD]).save('schedule')).toMatchObject({ ok: true });
    s = stored(rt);
    expect([s.explainSheet, s.editors]).toEqual([true, [DEPUTY, HEAD]]);
    // both turning it the same way agree: no refusal
    const one = new Sidebar(rt, HEAD);
    const two = new Sidebar(rt, DEPUTY);
    expect(one.edit('explainSheet', false).save('schedule')).toMatchObject({ ok: true });
    expect(two.edit('explainSheet', false).save('schedule')).toMatchObject({ ok: true });
    expect(stored(rt).explainSheet).toBe(false);
  });

  test('editors: the second list is refused with a message, the first stays', () => {
    const head = new Sidebar(rt, HEAD);
    const deputy = new Sidebar(rt, DEPUTY);
    expect(head.edit('editors', [DEPUTY]).save('schedule')).toMatchObject({ ok: true });
    const r = deputy.edit('editors', ['other@sales.example']).save('schedule');
    expect(r).toMatchObject({ ok: false, errors: [{ field: 'editors', message: CHANGED }] });
    expect(stored(rt).editors).toEqual([DEPUTY]);
    // the same list from both is no conflict
    const again = new Sidebar(rt, DEPUTY);
    expect(new Sidebar(rt, HEAD).edit('editors', [DEPUTY, HEAD]).save('schedule')).toMatchObject({
      ok: true,
    });
    expect(again.edit('editors', [DEPUTY, HEAD]).save('schedule')).toMatchObject({ ok: true });
  });

  test('a save landing while another waits on amoCRM: the other reads it under the lock and keeps it', () => {
    const head = new Sidebar(rt, HEAD);
    const deputy = new Sidebar(rt, DEPUTY);
    let meanwhile: Answer | null = null;
    rt.meanwhile.push({
      at: 'UrlFetchApp.fetchAll',
      run: () => {
        meanwhile = deputy.edit('editors', [DEPUTY]).save('schedule');
      },
    });
    expect(head.edit('explainSheet', false).save('schedule')).toMatchObject({ ok: true });
    expect(meanwhile).toMatchObject({ ok: true });
    const s = stored(rt);
    expect([s.explainSheet, s.editors]).toEqual([false, [DEPUTY]]);
  });

  test('plans saved while another plans save waits on amoCRM: both plans stay', () => {
    const head = new PlansDialog(rt, HEAD);
    const deputy = new PlansDialog(rt, DEPUTY);
    const [a, b] = head.data.managers;
    if (!a || !b) throw new Error('the sample has managers');
    let meanwhile: Answer | null = null;
    rt.meanwhile.push({
      at: 'UrlFetchApp.fetchAll',
      run: () => (meanwhile = deputy.set(b.id, 77).save()),
    });
    expect(head.set(a.id, 66).save()).toMatchObject({ ok: true });
    expect(meanwhile).toMatchObject({ ok: true });
    const month = head.data.months.find((m) => m.editable)?.key;
    const points = (id: number) =>
      stored(rt).rating.plans.find((p) => p.month === month && p.userId === id)?.points;
    expect([points(a.id), points(b.id)]).toEqual([66, 77]);
  });

  test('a save landing while another holds the lock waits, then is refused with a message — not lost as saved', () => {
    const head = new Sidebar(rt, HEAD);
    const deputy = new Sidebar(rt, DEPUTY);
    let meanwhile: Answer | null = null;
    rt.meanwhile.push({
      at: 'Properties.setProperties', // the head's save is writing, under the lock
      run: () => {
        meanwhile = deputy.edit('editors', [DEPUTY]).save('schedule');
      },
    });
    const before = rt.clock.now();
    expect(head.edit('explainSheet', false).save('schedule')).toMatchObject({ ok: true });
    expect(meanwhile).toMatchObject({ ok: false, errors: [{ message: BUSY }] });
    expect(rt.clock.now() - before).toBeGreaterThanOrEqual(30_000); // it waited for the lock
    const s = stored(rt);
    expect([s.explainSheet, s.editors]).toEqual([false, []]);
    // and tried again, it is saved
    expect(deputy.save('schedule')).toMatchObject({ ok: true });
    expect(stored(rt).editors).toEqual([DEPUTY]);
  });
});
