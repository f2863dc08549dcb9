/**
 * Properties that must hold for any history (fast-check): back-and-forth moves never add points;
 * points are Σ figure × value; the rating does not depend on the order events arrive in; the
 * flows of a period are the sum of the flows of its days.
 */
import fc from 'fast-check';
import type { AmoEvent, AmoLead } from '../../../src/shapes/amocrm';
import { CASE_POINTS, daysOf, FLOW_FIGURES, type Period } from '../../../src/engine';
import { ANNA, BORIS, GONE, NOW, P, P2, S, engine } from './fixture';

const STATUSES: Array<[number, number]> = [
  [P, S.NEW],
  [P, S.MEET],
  [P, S.HELD],
  [P, S.CONTRACT],
  [P, S.ADVANCE],
  [P, S.WON],
  [P, S.LOST],
  [P2, 21],
  [P2, 142],
];
const USERS = [ANNA, BORIS, GONE];
const START = Date.parse('2026-02-01T00:00:00Z') / 1000;
const SPAN = Math.floor((NOW / 1000 - START) * 0.98);

interface LeadPlan {
  created: number;
  initial: number;
  owner: number;
  steps: Array<
    { dt: number; kind: 'move'; to: number } | { dt: number; kind: 'owner'; to: number }
  >;
}

const leadPlan: fc.Arbitrary<LeadPlan> = fc.record({
  created: fc.integer({ min: 0, max: SPAN }),
  initial: fc.integer({ min: 0, max: 4 }),
  owner: fc.constantFrom(...USERS),
  steps: fc.array(
    fc.oneof(
      fc.record({
        dt: fc.integer({ min: 0, max: 3 * 86400 }),
        kind: fc.constant('move' as const),
        to: fc.integer({ min: 0, max: STATUSES.length - 1 }),
      }),
      fc.record({
        dt: fc.integer({ min: 0, max: 3 * 86400 }),
        kind: fc.constant('owner' as const),
        to: fc.constantFrom(...USERS),
      }),
    ),
    { maxLength: 8 },
  ),
});

let seq = 0;
function build(plans: LeadPlan[]): { leads: AmoLead[]; events: AmoEvent[] } {
  const leads: AmoLead[] = [];
  const events: AmoEvent[] = [];
  plans.forEach((p, i) => {
    const id = 1000 + i;
    let at = START + p.created;
    let [pipeline, status] = STATUSES[p.initial] ?? [P, S.NEW];
    let owner = p.owner;
    for (const s of p.steps) {
      at = Math.min(at + s.dt, NOW / 1000 - 1000); // replays below come after every move
      const base = {
        id: `e${String(++seq).padStart(8, '0')}`,
        entity_id: id,
        entity_type: 'lead',
        created_by: owner,
        created_at: at,
      };
      if (s.kind === 'move') {
        const [np, ns] = STATUSES[s.to] ?? [P, S.NEW];
        if (np === pipeline && ns === status) continue;
        events.push({
          ...base,
          type: 'lead_status_changed',
          value_before: [{ lead_status: { id: status, pipeline_id: pipeline } }],
          value_after: [{ lead_status: { id: ns, pipeline_id: np } }],
        });
        [pipeline, status] = [np, ns];
      } else if (s.to !== owner) {
        events.push({
          ...base,
          type: 'entity_responsible_changed',
          value_before: [{ responsible_user: { id: owner } }],
          value_after: [{ responsible_user: { id: s.to } }],
        });
        owner = s.to;
      }
    }
    leads.push({
      id,
      name: `L${id}`,
      responsible_user_id: owner,
      status_id: status,
      pipeline_id: pipeline,
      created_at: START + p.created,
      updated_at: at,
      closed_at: null,
      closest_task_at: i % 3 ? null : at + 3600,
    });
  });
  return { leads, events };
}

const accounts = fc.array(leadPlan, { minLength: 1, maxLength: 12 });
const points = (r: ReturnType<ReturnType<typeof engine>['rating']>) =>
  Object.fromEntries(r.rows.map((x) => [x.userId, x.points]));

test('moving a lead back and forth never adds points', () => {
  fc.assert(
    fc.property(
      accounts,
      fc.array(fc.integer({ min: 0, max: 1e6 }), { maxLength: 20 }),
      (plans, picks) => {
        const data = build(plans);
        const e1 = engine(data);
        const all: Period = { ...e1.period('month', NOW), start: START * 1000, end: NOW };
        const before = points(e1.rating(all, NOW));
        // replay: move leads again between statuses they have already visited
        const extra: AmoEvent[] = [];
        picks.forEach((pick, k) => {
          const lead = data.leads[pick % data.leads.length];
          if (!lead) return;
          const visited = data.events.flatMap((ev) =>
            ev.entity_id === lead.id && ev.type === 'lead_status_changed'
              ? ev.value_after.map((v) => v.lead_status)
              : [],
          );
          const a = visited[pick % visited.length];
          const b = visited[(pick + 1) % visited.length];
          if (visited.length < 2 || !a || !b) return;
          const at = NOW / 1000 - 100 + k;
          extra.push({
            id: `x${k}`,
            type: 'lead_status_changed',
            entity_id: lead.id,
            entity_type: 'lead',
            created_by: ANNA,
            created_at: at,
            value_before: [{ lead_status: a }],
            value_after: [{ lead_status: b }],
          });
        });
        const after = points(
          engine({ ...data, events: [...data.events, ...extra] }).rating(all, NOW),
        );
        for (const [u, p] of Object.entries(after)) expect(p).toBeCloseTo(before[u] ?? 0, 9);
      },
    ),
    { numRuns: 150 },
  );
});

test('points equal Σ figure × value', () => {
  fc.assert(
    fc.property(accounts, (plans) => {
      const e = engine(build(plans));
      for (const kind of ['week', 'month', 'quarter'] as const) {
        for (const r of e.rating(e.period(kind, NOW), NOW).rows) {
          const expected = (Object.keys(CASE_POINTS) as Array<keyof typeof CASE_POINTS>).reduce(
            (s, f) => s + r.figures[f] * CASE_POINTS[f],
            0,
          );
          expect(r.points).toBeCloseTo(expected, 6);
        }
      }
    }),
    { numRuns: 150 },
  );
});

test('the rating does not depend on the order events arrive in', () => {
  fc.assert(
    fc.property(accounts, fc.integer(), (plans, seed) => {
      const data = build(plans);
      const shuffled = [...data.events];
      let x = seed >>> 0;
      for (let i = shuffled.length - 1; i > 0; i--) {
        x = (x * 1103515245 + 12345) >>> 0;
        const j = x % (i + 1);
        const [x1, x2] = [shuffled[i], shuffled[j]];
        if (x1 && x2) [shuffled[i], shuffled[j]] = [x2, x1];
      }
      const a = engine(data);
      const b = engine({ ...data, events: shuffled, leads: [...data.leads].reverse() });
      for (const kind of ['week', 'month'] as const) {
        expect(b.rating(b.period(kind, NOW), NOW)).toEqual(a.rating(a.period(kind, NOW), NOW));
      }
    }),
    { numRuns: 100 },
  );
});

test("a period's flows are the sum of its days' flows", () => {
  fc.assert(
    fc.property(accounts, (plans) => {
      const e = engine(build(plans));
      const month = e.period('month', NOW);
      const whole = e.rating(month, NOW);
      const sums = new Map<number, Record<string, number>>();
      for (const d of daysOf(e.calendar, month)) {
        const day = e.rating({ ...month, start: d.start, end: d.end }, NOW);
        for (const r of day.rows) {
          const acc = sums.get(r.userId) ?? {};
          for (const f of FLOW_FIGURES) acc[f] = (acc[f] ?? 0) + r.figures[f];
          sums.set(r.userId, acc);
        }
      }
      for (const r of whole.rows) {
        const s = sums.get(r.userId) ?? {};
        for (const f of FLOW_FIGURES) expect(s[f] ?? 0).toBe(r.figures[f]);
      }
    }),
    { numRuns: 60 },
  );
});
