/**
 * Working days, absences and ramps in the rating (docs/rules.md §3.2.9–§3.2.10, §3.5): the
 * plan of a month with a two-week vacation, pace judged on the days worked, a 50 % ramp, pace on
 * 9 May, and the bottom watch passing over a week of vacation. Moscow time; every number is
 * worked out by hand in the comments from May 2026's production calendar: 19 working days
 * (off 1–3, 9–11 May and the weekends).
 */
import type { Absence, Ramp, RatingRow } from '../../../src/engine';
import { ANNA, BORIS, DARIA, engine, lead, move, S, settings, t, type TestData } from './fixture';

const vacation: Absence = { userId: ANNA, kind: 'vacation', from: '2026-05-04', to: '2026-05-15' };
const plans = [ANNA, BORIS, DARIA].map((userId) => ({
  month: '2026-05',
  userId,
  points: 190,
}));
// a deal won on 19 May by each: 35 + 0.1 points
const data: TestData = {
  leads: [
    lead(1, '2026-05-19 10:00', ANNA, S.WON),
    lead(2, '2026-05-19 10:00', BORIS, S.WON),
    lead(3, '2026-05-19 10:00', DARIA, S.WON),
  ],
  events: [1, 2, 3].map((id) => move(id, '2026-05-19 11:00', S.NEW, S.WON)),
};
const at = (local: string) => t(local) * 1000;
const row = (r: { rows: RatingRow[] }, id: number): RatingRow => {
  const x = r.rows.find((y) => y.userId === id);
  if (!x) throw new Error(`no row ${id}`);
  return x;
};

test('a two-week vacation: the month plan is the days worked, pace judges only those days', () => {
  const e = engine(data, settings({ plans, absences: [vacation] }));
  const now = at('2026-05-20 12:00');
  const month = e.rating(e.period('month', now), now);
  // Анна is away 4–15 May: 9 of May's 19 working days (4–8, 12–15; 11 May is a holiday),
  // so she works 10: 190 × 10/19 = 100. Борис works all 19: 190.
  expect(row(month, ANNA).plan).toBe(100);
  expect(row(month, BORIS).plan).toBe(190);
  expect(row(month, ANNA).planPercent).toBeCloseTo(35.1 / 100, 10);
  // By 20 May 12:00 Анна has worked 18 and 19 May and half of the 20th: 2.5 days × 10 = 25
  // points due; Борис 4–8, 12–15, 18–19 May and half the 20th: 11.5 days × 10 = 115.
  expect(row(month, ANNA).pace).toBeCloseTo(35.1 / 25, 10);
  expect(row(month, BORIS).pace).toBeCloseTo(35.1 / 115, 10);
  expect(row(month, ANNA).elapsed).toBeCloseTo(25 / 100, 10);
  // the same points: judged on days worked, Анна is on pace (green), Борис is not
  expect(row(month, ANNA).pace).toBeGreaterThanOrEqual(1);
  expect(row(month, BORIS).pace).toBeLessThan(0.5);
  // without the vacation recorded she would be judged on the whole month like Борис
  const plain = engine(data, settings({ plans }));
  expect(row(plain.rating(plain.period('month', now), now), ANNA).pace).toBeCloseTo(35.1 / 115, 10);
});

test('a week fully on vacation has no plan; a week half away is prorated', () => {
  const e = engine(
    {
      ...data,
      leads: [...(data.leads ?? []), lead(4, '2026-05-13 10:00', ANNA, S.NEW)],
    },
    settings({ plans, absences: [vacation] }),
  );
  // the week 11–17 May: working days 12–15 (4); Анна is away all of them: plan 0, no plan %
  const now = at('2026-05-18 09:00');
  const week = e.rating(e.period('week', now), now);
  expect(row(week, ANNA).plan).toBe(0);
  expect(row(week, ANNA).planPercent).toBeNull();
  // the week 13–19 May for Борис, not away: 13, 14, 15, 18, 19 May, 5 days × 190/19 = 50
  const b = engine(data, settings({ plans }));
  const wed = at('2026-05-20 09:00');
  expect(row(b.rating(b.period('week', wed), wed), BORIS).plan).toBe(50);
});

test('a 50 % ramp: half the plan in the first month of tenure, 75 % in the second', () => {
  const ramp: Ramp = { userId: DARIA, start: '2026-05-18', percents: [50, 75] };
  const june = { month: '2026-06', userId: DARIA, points: 210 };
  const e = engine(data, settings({ plans: [...plans, june], ramps: [ramp] }));
  const now = at('2026-05-20 12:00');
  const may = e.rating(e.period('month', now), now);
  // Дарья starts on 18 May: 10 working days left in May (18–22, 25–29), at 50 %:
  // 190 × 10/19 × 0.5 = 50
  expect(row(may, DARIA).plan).toBe(50);
  // by 20 May 12:00 she has worked 2.5 days: 190/19 × 2.5 × 0.5 = 12.5 due
  expect(row(may, DARIA).pace).toBeCloseTo(35.1 / 12.5, 10);
  // the first month of tenure runs 18 May – 17 June. June 2026 has 21 working days (12 June is
  // a holiday): 1–17 June works 1–5, 8–11, 15–17 = 12 days at 50 %, 18–30 June 9 days at 75 %:
  // 210/21 × (12 × 0.5 + 9 × 0.75) = 10 × 12.75 = 127.5
  const julyFirst = at('2026-07-01 09:00');
  const jun = e.rating(e.period('month', julyFirst, true), julyFirst);
  const d = jun.rows.find((x) => x.userId === DARIA);
  // (Дарья has no deal in June, so she is not on the June sheet; her plan is read directly)
  expect(d).toBeUndefined();
  const withJune = engine(
    {
      leads: [lead(5, '2026-06-02 10:00', DARIA, S.NEW)],
    },
    settings({ plans: [...plans, june], ramps: [ramp] }),
  );
  expect(
    row(withJune.rating(withJune.period('month', julyFirst, true), julyFirst), DARIA).plan,
  ).toBe(127.5);
  // a month entirely before the start asks no plan of her: April has none, and no error
  const april = at('2026-04-20 09:00');
  const early = engine(
    { leads: [lead(6, '2026-04-14 10:00', DARIA, S.NEW)] },
    settings({ plans: [{ month: '2026-04', userId: DARIA, points: 220 }], ramps: [ramp] }),
  );
  expect(row(early.rating(early.period('month', april), april), DARIA).plan).toBe(0);
});

test('pace on 9 May 2026 counts the May holidays as days off', () => {
  const e = engine(
    {
      leads: [
        lead(7, '2026-05-06 10:00', BORIS, S.WON),
        lead(8, '2026-05-07 10:00', BORIS, S.MEET),
      ],
      events: [
        move(7, '2026-05-06 11:00', S.NEW, S.WON),
        move(8, '2026-05-07 11:00', S.NEW, S.MEET),
      ],
    },
    settings({ plans }),
  );
  const now = at('2026-05-09 10:00');
  const month = e.rating(e.period('month', now), now);
  // Saturday 9 May, 10:00: 1–3 May were holidays, 4–8 May worked (5 days), 9 May is a day
  // off. 5 of 19 working days have passed: 190 × 5/19 = 50 points due. Борис has 35.1 + 1.1 =
  // 36.2 points: pace 36.2 / 50 = 72.4 %.
  expect(month.elapsed).toBeCloseTo(5 / 19, 12);
  expect(row(month, BORIS).points).toBe(36.2);
  expect(row(month, BORIS).pace).toBeCloseTo(36.2 / 50, 10);
  // by calendar time (8 days and 10 hours of 31) it would read 36.2 / (190 × 8.4167/31) = 70.2 %
  expect(row(month, BORIS).pace).not.toBeCloseTo(36.2 / ((190 * (8 + 10 / 24)) / 31), 3);
  // on Sunday 3 May no working day has passed: nothing is judged yet
  const third = at('2026-05-03 18:00');
  expect(e.rating(e.period('month', third), third).elapsed).toBeNull();
});

test('the bottom watch passes over the weeks a manager worked fewer than half of', () => {
  // Анна is at the bottom the two weeks before her vacation and the week after it; during the
  // vacation a lead is still assigned to her (0.1 points), which alone would keep her there.
  const leads = [];
  const events = [];
  let id = 100;
  const weekStarts = ['04-20', '04-27', '05-04', '05-12', '05-18'];
  for (const ws of weekStarts) {
    for (const [u, won] of [
      [BORIS, true],
      [DARIA, true],
      [ANNA, false],
    ] as const) {
      const lid = ++id;
      leads.push(lead(lid, `2026-${ws} 10:00`, u, won ? S.WON : S.NEW));
      if (won) events.push(move(lid, `2026-${ws} 11:00`, S.NEW, S.WON));
    }
  }
  const s = { plans, bottomWatch: { size: 1, minLeads: 0 } };
  const away = engine({ leads, events }, settings({ ...s, absences: [vacation] }));
  const plain = engine({ leads, events }, settings(s));
  // 25 May: the week 18–24 May. Weeks back: 11–17 and 4–10 May are her vacation (she worked 0 of
  // 4 and 0 of 5 working days) and pass over; 27 April – 3 May and 20–26 April count: 3 weeks.
  const now = at('2026-05-25 09:00');
  expect(Object.fromEntries(away.bottomWatch(away.period('week', now), now))).toEqual({
    [ANNA]: 3,
  });
  // not recorded, the vacation weeks count too: 5 weeks
  expect(Object.fromEntries(plain.bottomWatch(plain.period('week', now), now))).toEqual({
    [ANNA]: 5,
  });
  // during the vacation (the week 11–17 May) she is not counted at all; the bottom is among the
  // others (Борис and Дарья tie on points and won deals: the name breaks it, Дарья is last)
  const during = at('2026-05-18 09:00');
  const watch = away.bottomWatch(away.period('week', during), during);
  expect(watch.has(ANNA)).toBe(false);
  expect([...watch.keys()]).toEqual([DARIA]);
});

test('half the working days is enough to count; fewer is not', () => {
  const leads = [
    lead(201, '2026-05-19 10:00', ANNA, S.NEW),
    lead(202, '2026-05-19 10:00', BORIS, S.WON),
  ];
  const events = [move(202, '2026-05-19 11:00', S.NEW, S.WON)];
  const s = { bottomWatch: { size: 1, minLeads: 0 } };
  const now = at('2026-05-25 09:00'); // the week 18–24 May: 5 working days
  const off = (to: string): Absence[] => [{ userId: ANNA, kind: 'sick', from: '2026-05-18', to }];
  // away 18–19 May: worked 3 of 5 (≥ 2.5): counted, at the bottom
  const two = engine({ leads, events }, settings({ ...s, absences: off('2026-05-19') }));
  expect(two.bottomWatch(two.period('week', now), now).get(ANNA)).toBe(1);
  // away 18–20 May: worked 2 of 5: not counted; Борис alone is ranked and is the bottom
  const three = engine({ leads, events }, settings({ ...s, absences: off('2026-05-20') }));
  const w = three.bottomWatch(three.period('week', now), now);
  expect(w.has(ANNA)).toBe(false);
  expect(w.get(BORIS)).toBe(1);
});

test('the row carries what the sheet marks: the absence, the ramp, the plan left', () => {
  const ramp: Ramp = { userId: DARIA, start: '2026-05-18', percents: [50, 75] };
  const e = engine(data, settings({ plans, absences: [vacation], ramps: [ramp] }));
  const now = at('2026-05-20 12:00');
  const month = e.rating(e.period('month', now), now);
  // 10 of 19 working days left to Анна: 52.6 % of the plan (100 of 190)
  expect(row(month, ANNA).staffing).toEqual({
    absences: [{ kind: 'vacation', from: '2026-05-04', to: '2026-05-15' }],
    rampPercent: null,
    planShare: expect.closeTo(10 / 19, 12) as number,
  });
  // Дарья's first month of tenure: 50 %; her plan is 50 of 190 (10 days at half)
  expect(row(month, DARIA).staffing).toEqual({
    absences: [],
    rampPercent: 50,
    planShare: expect.closeTo(5 / 19, 12) as number,
  });
  expect(row(month, BORIS).staffing).toBeUndefined();
  // the vacation is over before June: June's rows carry nothing for Анна
  const june = at('2026-06-22 09:00');
  const j = engine(
    { leads: [lead(9, '2026-06-02 10:00', ANNA, S.NEW)] },
    settings({ plans, absences: [vacation] }),
  );
  expect(row(j.rating(j.period('month', june), june), ANNA).staffing).toBeUndefined();
});

test('a messy account: away all month, a month without a working day, strays — no crash, no wrong plan', () => {
  // away the whole of May: no plan for May (0), so no plan % and no pace, and no error
  const allMonth: Absence = { userId: ANNA, kind: 'sick', from: '2026-04-27', to: '2026-06-02' };
  const e = engine(data, settings({ plans, absences: [allMonth] }));
  const now = at('2026-05-20 12:00');
  const anna = row(e.rating(e.period('month', now), now), ANNA);
  expect([anna.plan, anna.planPercent, anna.pace]).toEqual([0, null, null]);
  // the head marks every day of May off: nothing to divide the plan by, so no plan for anyone
  const off = Array.from({ length: 31 }, (_, i) => ({
    day: `2026-05-${String(i + 1).padStart(2, '0')}`,
    off: true,
  }));
  const none = engine(data, settings({ plans, calendarDays: off }));
  const b = row(none.rating(none.period('month', now), now), BORIS);
  expect([b.plan, b.planPercent, b.pace]).toEqual([0, null, null]);
  expect(none.rating(none.period('month', now), now).elapsed).toBeNull();
  // an inverted absence that slipped past the checks marks no day; one for a user the account
  // no longer has changes nothing for the others; a ramp percent over 100 counts as 100
  const strays = engine(
    data,
    settings({
      plans,
      absences: [
        { userId: BORIS, kind: 'vacation', from: '2026-05-20', to: '2026-05-04' },
        { userId: 999, kind: 'vacation', from: '2026-05-04', to: '2026-05-15' },
      ],
      ramps: [{ userId: DARIA, start: '2026-05-01', percents: [250] }],
    }),
  );
  const r = strays.rating(strays.period('month', now), now);
  expect([row(r, BORIS).plan, row(r, DARIA).plan, row(r, ANNA).plan]).toEqual([190, 190, 190]);
});
