/**
 * The `messy` mode of the generated account: the records real accounts hold and no documentation
 * shows (docs/services.md §A-REAL, docs/rules.md §2.8), mixed into an otherwise clean account at
 * a chosen rate. The API's shapes are unchanged: each odd record is served exactly as stored.
 *
 * - deals dated in the year 5138 (created_at 1e11) — odd;
 * - deals missing `status_id`, tasks missing `is_completed` — odd;
 * - deals owned by `responsible_user_id: 0` — real (a deal left without an owner);
 * - tasks on `entity_id: 0` with `entity_type: null` — real (a task on nothing);
 * - events by `created_by: null` — real (the official PHP client reads it as 0);
 * - users: one without a name (null), one whose name holds a line break and a control
 *   character, one with a 10 000-character name, and two with the same name once cleaned.
 */
import { Rng } from '../emulator/rng';
import type { AccountState } from './account-state';

/** a date of the year 5138 (unix seconds) */
export const YEAR_5138 = 99_999_999_999;

export interface MessyLog {
  /** ids of the deals and tasks served as odd records (the rating must leave them out) */
  oddLeads: number[];
  oddTasks: number[];
  /** ids of records served in real-but-unusual shapes (the rating must read them) */
  nobodysLeads: number[];
  tasksOnNothing: number[];
  eventsByNull: string[];
  /** user ids: no name, a line break and control character, 10 000 characters, a twin pair */
  users: { unnamed: number; broken: number; long: number; twins: [number, number] } | null;
}

/** `count` distinct items of `xs` (fewer when there are fewer), chosen by `rng`. */
function some<T>(rng: Rng, xs: readonly T[], count: number): T[] {
  const pool = [...xs];
  const out: T[] = [];
  while (out.length < count && pool.length) {
    const i = rng.int(0, pool.length - 1);
    const [x] = pool.splice(i, 1);
    if (x !== undefined) out.push(x);
  }
  return out;
}

/** How many records of a population of `n` the rate gives: at least one of each kind. */
const share = (rate: number, n: number) => Math.max(1, Math.round(rate * n));

/**
 * Mixes the odd records into `state` (after the simulation). `rate` is the share of deals, tasks
 * and events of each kind; the users' kinds appear once each. Deterministic for a seed.
 */
export function messUp(state: AccountState, rate: number, seed: number): MessyLog {
  const rng = new Rng(seed * 7919 + 17);
  // deals the sync fetches: changed in the last weeks (a first sync reads them all)
  const recent = state.now - 45 * 86400;
  const leads = [...state.leads.values()].filter((l) => !l.is_deleted && l.updated_at >= recent);
  const picked = some(rng, leads, 2 * share(rate, leads.length));
  const half0 = Math.ceil(picked.length / 2);
  const [dated, missing] = [picked.slice(0, half0), picked.slice(half0)];
  for (const l of dated) l.created_at = YEAR_5138;
  for (const l of missing) delete (l as Partial<typeof l>).status_id;
  // deals without an owner from the start (no change of hands): what they earn is nobody's
  const changedHands = new Set(
    state.events.filter((e) => e.type === 'entity_responsible_changed').map((e) => e.entity_id),
  );
  const taken = new Set(picked.map((l) => l.id));
  const fresh = leads.filter(
    (l) => !taken.has(l.id) && !changedHands.has(l.id) && l.created_at >= state.now - 7 * 86400,
  );
  const nobodys = some(rng, fresh, share(rate, leads.length));
  for (const l of nobodys) l.responsible_user_id = 0;

  const tasks = [...state.tasks.values()].filter((t) => t.updated_at >= recent);
  const tpicked = some(rng, tasks, 2 * share(rate, tasks.length));
  const half = Math.ceil(tpicked.length / 2);
  const [onNothing, tmissing] = [tpicked.slice(0, half), tpicked.slice(half)];
  for (const t of onNothing) {
    t.entity_id = 0;
    t.entity_type = null;
  }
  for (const t of tmissing) delete (t as Partial<typeof t>).is_completed;

  const kinds = new Set(['lead_status_changed', 'entity_responsible_changed', 'task_completed']);
  const events = state.events.filter((e) => kinds.has(e.type) && e.created_at >= recent);
  const byNull = some(rng, events, share(rate, events.length));
  for (const e of byNull) (e as { created_by: number | null }).created_by = null;

  const managers = state.users.filter((u) => u.id !== state.adminUserId);
  let users: MessyLog['users'] = null;
  const [a, b, c, d] = managers;
  if (a && b && c && d) {
    (a as { name: string | null }).name = null;
    // «Анна\nПетрова\a» cleans to «Анна Петрова», the name d already has: a twin pair
    b.name = `${d.name.replace(' ', '\n')}\u0007`;
    c.name = `${c.name} ${'Очень-Длинная-Фамилия '.repeat(500)}`.slice(0, 10_000);
    users = { unnamed: a.id, broken: b.id, long: c.id, twins: [b.id, d.id] };
  }
  return {
    oddLeads: [...dated, ...missing].map((l) => l.id),
    oddTasks: tmissing.map((t) => t.id),
    nobodysLeads: nobodys.map((l) => l.id),
    tasksOnNothing: onNothing.map((t) => t.id),
    eventsByNull: byNull.map((e) => e.id),
    users,
  };
}
