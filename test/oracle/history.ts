/**
 * Each lead's path through the statuses and its responsible users over time, rebuilt from the
 * account's whole event log (PRODUCT.md §2: flows come from `lead_status_changed`, credit goes to
 * the user responsible when the event happened, from `entity_responsible_changed`; the current
 * responsible where no history exists). The whole log, not a window: a first reach is a first
 * reach whenever it happened.
 */
import type { OracleDump, OracleLead, OracleTask } from './inputs';

export const WON = 142;
export const LOST = 143;

export interface Stay {
  /** unix seconds: when the lead entered this status */
  at: number;
  pipeline: number;
  status: number;
}

export interface LeadHistory {
  lead: OracleLead;
  stays: Stay[];
  /** responsible changes in time order: from `at` on, `to` */
  handovers: Array<{ at: number; to: number }>;
  /** responsible before the first handover */
  firstResponsible: number;
}

export interface AccountIndex {
  leads: LeadHistory[];
  leadById: Map<number, LeadHistory>;
  tasks: OracleTask[];
  /** a task's completion moment (unix seconds): its first `task_completed` event, else `updated_at` */
  completedAt: Map<number, number>;
  users: Map<number, { name: string; active: boolean }>;
  zone: string;
}

const cache = new WeakMap<OracleDump, AccountIndex>();

function statusOf(v: unknown): { id: number; pipeline: number } | null {
  const s = (v as { lead_status?: { id?: unknown; pipeline_id?: unknown } } | undefined)
    ?.lead_status;
  return typeof s?.id === 'number' && typeof s.pipeline_id === 'number'
    ? { id: s.id, pipeline: s.pipeline_id }
    : null;
}

function userOf(v: unknown): number | null {
  const id = (v as { responsible_user?: { id?: unknown } } | undefined)?.responsible_user?.id;
  return typeof id === 'number' ? id : null;
}

/** events in the order they happened: by second, then by their time-ordered string ids */
const byTime = (a: { created_at: number; id: string }, b: { created_at: number; id: string }) =>
  a.created_at - b.created_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function indexAccount(dump: OracleDump, fallbackZone = 'Europe/Moscow'): AccountIndex {
  const hit = cache.get(dump);
  if (hit) return hit;
  const moves = new Map<number, OracleDump['events']>();
  const changes = new Map<number, OracleDump['events']>();
  const completedAt = new Map<number, number>();
  for (const e of dump.events) {
    if (e.type === 'lead_status_changed' && e.entity_type === 'lead') {
      const list = moves.get(e.entity_id) ?? [];
      list.push(e);
      moves.set(e.entity_id, list);
    } else if (e.type === 'entity_responsible_changed' && e.entity_type === 'lead') {
      const list = changes.get(e.entity_id) ?? [];
      list.push(e);
      changes.set(e.entity_id, list);
    } else if (e.type === 'task_completed') {
      const was = completedAt.get(e.entity_id);
      if (was === undefined || e.created_at < was) completedAt.set(e.entity_id, e.created_at);
    }
  }
  for (const t of dump.tasks)
    if (t.is_completed && !completedAt.has(t.id)) completedAt.set(t.id, t.updated_at);
  const leads: LeadHistory[] = [];
  for (const lead of dump.leads) {
    if (lead.is_deleted) continue;
    const ms = (moves.get(lead.id) ?? []).sort(byTime);
    const first = ms.length ? statusOf(ms[0]?.value_before[0]) : null;
    const stays: Stay[] = [
      {
        at: lead.created_at,
        pipeline: first?.pipeline ?? lead.pipeline_id,
        status: first?.id ?? lead.status_id,
      },
    ];
    for (const e of ms) {
      const to = statusOf(e.value_after[0]);
      if (to) stays.push({ at: Math.max(e.created_at, lead.created_at), ...pair(to) });
    }
    const cs = (changes.get(lead.id) ?? []).sort(byTime);
    const handovers: LeadHistory['handovers'] = [];
    for (const e of cs) {
      const to = userOf(e.value_after[0]);
      if (to !== null) handovers.push({ at: e.created_at, to });
    }
    leads.push({
      lead,
      stays,
      handovers,
      firstResponsible:
        (cs.length ? userOf(cs[0]?.value_before[0]) : null) ?? lead.responsible_user_id,
    });
  }
  const index: AccountIndex = {
    leads,
    leadById: new Map(leads.map((l) => [l.lead.id, l])),
    tasks: dump.tasks,
    completedAt,
    users: new Map(dump.users.map((u) => [u.id, { name: u.name, active: u.rights.is_active }])),
    zone: dump.account._embedded?.datetime_settings?.timezone ?? fallbackZone,
  };
  cache.set(dump, index);
  return index;
}

function pair(s: { id: number; pipeline: number }): { pipeline: number; status: number } {
  return { pipeline: s.pipeline, status: s.id };
}

/** The responsible user at `at` (unix s); a handover in the same second already applies. */
export function responsibleAt(h: LeadHistory, at: number): number {
  let who = h.firstResponsible;
  for (const c of h.handovers) {
    if (c.at > at) break;
    who = c.to;
  }
  return who;
}

/** The status the lead holds at a moment: the last stay entered before `cut` says yes. */
export function stayAt(h: LeadHistory, seen: (at: number) => boolean): Stay | null {
  let last: Stay | null = null;
  for (const s of h.stays) {
    if (!seen(s.at)) break;
    last = s;
  }
  return last;
}

export const isClosed = (status: number) => status === WON || status === LOST;
