/** The account generator: deterministic, realistic, and full of the awkward cases on purpose. */
import { createHash } from 'node:crypto';
import { generateAccount } from '../../../dev/amocrm/generator';

const hash = (seed: number) => {
  const s = generateAccount({ seed, size: 'small' });
  return createHash('sha256')
    .update(
      JSON.stringify({
        users: s.users,
        leads: [...s.leads.values()],
        events: s.events,
        tasks: [...s.tasks.values()],
      }),
    )
    .digest('hex');
};

test('the same seed gives the same account; another seed another one', () => {
  expect(hash(11)).toBe(hash(11));
  expect(hash(11)).not.toBe(hash(12));
});

describe('a small account', () => {
  const s = generateAccount({ seed: 5, size: 'small' });
  const leads = [...s.leads.values()];
  const tasks = [...s.tasks.values()];
  const moves = s.events.filter((e) => e.type === 'lead_status_changed');
  const userIds = new Set(s.users.map((u) => u.id));
  const main = s.pipelines.find((p) => p.is_main);

  test('about the requested size, with months of history', () => {
    expect(leads.length).toBeGreaterThan(700);
    expect(leads.length).toBeLessThan(1300);
    const first = Math.min(...leads.map((l) => l.created_at));
    expect((s.now - first) / 86400).toBeGreaterThan(60);
  });

  test("two working pipelines, one with the case's stages, and an archived one", () => {
    expect(s.pipelines.map((p) => p.is_archive ?? false)).toEqual([false, false, true]);
    expect(main?._embedded.statuses.map((x) => x.name)).toEqual([
      'Неразобранное',
      'Новая заявка',
      'Встреча назначена',
      'Встреча проведена',
      'Договор подписан',
      'Аванс внесен',
      'Успешно реализовано',
      'Закрыто и не реализовано',
    ]);
    expect(s.pipelines[1]?._embedded.statuses.map((x) => x.name)).not.toContain('Договор подписан');
  });

  test('robot moves, back-and-forth moves, skipped stages and reopened deals', () => {
    expect(moves.some((e) => e.created_by === 0)).toBe(true);
    const order = (main?._embedded.statuses ?? []).filter((x) => x.type === 0).map((x) => x.id);
    const st = (v: unknown[]) => (v[0] as { lead_status: { id: number } }).lead_status.id;
    const idx = (id: number) => (id === 142 ? order.length : order.indexOf(id));
    const inMain = moves.filter(
      (e) =>
        (e.value_after[0] as { lead_status: { pipeline_id: number } }).lead_status.pipeline_id ===
        main?.id,
    );
    expect(
      inMain.some(
        (e) => st(e.value_after) !== 143 && idx(st(e.value_after)) < idx(st(e.value_before)),
      ),
    ).toBe(true); // back
    expect(
      inMain.some(
        (e) =>
          idx(st(e.value_before)) >= 0 && idx(st(e.value_after)) - idx(st(e.value_before)) >= 2,
      ),
    ).toBe(true); // skip
    expect(inMain.some((e) => st(e.value_before) === 142)).toBe(true); // reopened
  });

  test('a deactivated user and a deleted user still own leads; some leads sit in unsorted', () => {
    const inactive = s.users.filter((u) => !u.rights.is_active).map((u) => u.id);
    expect(inactive.length).toBeGreaterThan(0);
    expect(leads.some((l) => inactive.includes(l.responsible_user_id))).toBe(true);
    expect(leads.some((l) => !userIds.has(l.responsible_user_id))).toBe(true);
    const unsorted = new Set(
      s.pipelines.flatMap((p) => p._embedded.statuses.filter((x) => x.type === 1).map((x) => x.id)),
    );
    expect(
      leads.some((l) => unsorted.has(l.status_id)) ||
        s.events.some(
          (e) =>
            e.type === 'lead_status_changed' &&
            unsorted.has((e.value_before[0] as { lead_status: { id: number } }).lead_status.id),
        ),
    ).toBe(true);
  });

  test('calls and meetings, some overdue, and open leads without tasks', () => {
    expect(new Set(tasks.map((t) => t.task_type_id))).toEqual(new Set([1, 2, s.customTaskTypeId]));
    expect(tasks.some((t) => !t.is_completed && t.complete_till < s.now)).toBe(true);
    expect(
      leads.some((l) => l.closest_task_at === null && l.status_id !== 142 && l.status_id !== 143),
    ).toBe(true);
  });

  test('names with <b>, &, " and ones starting with =, +, -, @', () => {
    const big = generateAccount({ seed: 5, size: 'medium' });
    const names = [...big.leads.values()].map((l) => l.name);
    for (const probe of [/<b>/, /&/, /"/, /^=/, /^\+/, /^-/, /^@/])
      expect(names.some((n) => probe.test(n))).toBe(true);
  });

  test('managers differ in funnel and discipline', () => {
    const d = s.profiles.map((p) => p.discipline);
    expect(Math.max(...d) - Math.min(...d)).toBeGreaterThan(0.2);
    const k = s.profiles.map((p) => p.skill);
    expect(Math.max(...k) - Math.min(...k)).toBeGreaterThan(0.2);
  });

  test('a plausible B2B funnel: about a third of new deals reach a meeting, about one in ten is won', () => {
    // deals of the main pipeline created at least 30 days before now have mostly run their course
    const old = leads.filter(
      (l) => l.pipeline_id === main?.id && l.created_at < s.now - 30 * 86400,
    );
    const reached = (statusId: number) =>
      new Set(
        moves
          .filter(
            (e) =>
              (e.value_after[0] as { lead_status: { id: number } }).lead_status.id === statusId,
          )
          .map((e) => e.entity_id),
      );
    const meeting = main?._embedded.statuses.find((x) => x.name === 'Встреча назначена')?.id ?? 0;
    const met = reached(meeting);
    const won = reached(142);
    const share = (set: Set<number>) => old.filter((l) => set.has(l.id)).length / old.length;
    expect(share(met)).toBeGreaterThan(0.22);
    expect(share(met)).toBeLessThan(0.45);
    expect(share(won)).toBeGreaterThan(0.05);
    expect(share(won)).toBeLessThan(0.16);
  });

  test('what real accounts have: deleted deals, moves across pipelines, events on contacts and companies, tasks elsewhere', () => {
    const deleted = s.events.filter((e) => e.type === 'lead_deleted');
    expect(deleted.length).toBeGreaterThan(0);
    expect(deleted.every((e) => s.leads.get(e.entity_id)?.is_deleted)).toBe(true);
    const pipelineOf = (v: unknown[]) =>
      (v[0] as { lead_status: { pipeline_id: number } }).lead_status.pipeline_id;
    expect(moves.some((e) => pipelineOf(e.value_before) !== pipelineOf(e.value_after))).toBe(true);
    const responsible = s.events.filter((e) => e.type === 'entity_responsible_changed');
    expect(new Set(responsible.map((e) => e.entity_type))).toEqual(
      new Set(['lead', 'contact', 'company']),
    );
    expect(new Set(tasks.map((t) => t.entity_type))).toEqual(
      new Set(['leads', 'contacts', 'companies']),
    );
    expect(s.events.every((e) => e.id.length === 26)).toBe(true);
  });
});

describe('the working week is Moscow time, as the account says', () => {
  const s = generateAccount({ seed: 5, size: 'small' });
  const MSK = 3 * 3600; // Europe/Moscow, no daylight saving
  const local = (t: number) => new Date((t + MSK) * 1000);
  // what managers do: deals created and moved (the generator's own set-up moves are left out)
  const work = s.events.filter(
    (e) =>
      (e.type === 'lead_added' || e.type === 'lead_status_changed') &&
      e.created_at > Math.min(...s.events.map((x) => x.created_at)) + 86400,
  );

  test('every action falls within 09:00–19:00 Moscow', () => {
    const hours = new Set(work.map((e) => local(e.created_at).getUTCHours()));
    expect(work.length).toBeGreaterThan(1000);
    expect(Math.min(...hours)).toBe(9);
    expect(Math.max(...hours)).toBe(18);
  });

  test('Saturday and Sunday are quiet; Monday is a working day', () => {
    const perWeekday = [0, 0, 0, 0, 0, 0, 0];
    for (const e of work)
      perWeekday[local(e.created_at).getUTCDay()] =
        (perWeekday[local(e.created_at).getUTCDay()] ?? 0) + 1;
    const [sun = 0, mon = 0, , , , , sat = 0] = perWeekday;
    const weekdays = perWeekday.slice(1, 6).reduce((a, b) => a + b, 0) / 5;
    expect(sat).toBeLessThan(weekdays * 0.4);
    expect(sun).toBeLessThan(weekdays * 0.4);
    expect(mon).toBeGreaterThan(weekdays * 0.7);
  });
});

describe('the messy mode: the odd records of real accounts, at a chosen rate', () => {
  const clean = generateAccount({ seed: 9, size: 'small' });
  const messy = generateAccount({ seed: 9, size: 'small', messy: 0.004 });
  const log = messy.messy;
  const lead = (id: number) => messy.leads.get(id) as unknown as Record<string, unknown>;
  const task = (id: number) => messy.tasks.get(id) as unknown as Record<string, unknown>;

  test('off by default; the same account otherwise (same ids, same counts)', () => {
    expect(clean.messy).toBeUndefined();
    expect([...messy.leads.keys()]).toEqual([...clean.leads.keys()]);
    expect(messy.events.length).toBe(clean.events.length);
  });

  test('each kind of record, about rate × the records of its kind', () => {
    if (!log?.users) throw new Error('no messy log');
    const n = Math.round(0.004 * [...clean.leads.values()].length);
    expect(log.oddLeads.length).toBeGreaterThanOrEqual(2);
    expect(log.oddLeads.length).toBeLessThanOrEqual(2 * n + 2);
    expect(log.oddLeads.some((id) => lead(id).created_at === 99_999_999_999)).toBe(true);
    expect(log.oddLeads.some((id) => !('status_id' in lead(id)))).toBe(true);
    expect(log.oddTasks.every((id) => !('is_completed' in task(id)))).toBe(true);
    expect(log.nobodysLeads.every((id) => lead(id).responsible_user_id === 0)).toBe(true);
    expect(log.tasksOnNothing.every((id) => task(id).entity_id === 0)).toBe(true);
    const byNull = new Set(log.eventsByNull);
    expect(messy.events.filter((e) => byNull.has(e.id)).every((e) => e.created_by === null)).toBe(
      true,
    );
    const user = (id: number) => messy.users.find((u) => u.id === id)?.name as string | null;
    expect(user(log.users.unnamed)).toBeNull();
    expect(user(log.users.broken)).toMatch(/\n/);
    expect(user(log.users.long)?.length).toBe(10_000);
    const [b, d] = log.users.twins;
    expect(
      user(b)
        ?.replace(/\s+/g, ' ')
        .replace(/[^\p{L} -]/gu, ''),
    ).toBe(user(d));
  });
});
