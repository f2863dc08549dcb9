/**
 * Each lead's history rebuilt from its events: the statuses it went through (starting with the
 * one it was created in) and who was responsible when. Events arrive in any order and may
 * share a second; the timeline is the same whatever order they came in.
 */
import { LOST_STATUS, WON_STATUS, type AmoEvent, type AmoLead } from '../amocrm/api-types';

export interface StatusPoint {
  at: number; // ms
  pipelineId: number;
  statusId: number;
  /** the event that moved the lead here (absent for the status it was created in) */
  eventId?: string;
  byRobot?: boolean;
}

export interface LeadHistory {
  lead: AmoLead;
  createdAt: number; // ms
  statuses: StatusPoint[];
  /** responsible user from `at` on; the first entry starts at -Infinity */
  responsibles: Array<{ at: number; userId: number }>;
}

interface StatusChange {
  at: number;
  id: string;
  before: { pipelineId: number; statusId: number } | null;
  after: { pipelineId: number; statusId: number };
  byRobot: boolean;
}

function statusOf(v: unknown): { pipelineId: number; statusId: number } | null {
  if (!Array.isArray(v) || !v.length) return null;
  const s = (v[0] as { lead_status?: { id?: unknown; pipeline_id?: unknown } } | null)?.lead_status;
  if (!s || typeof s.id !== 'number' || typeof s.pipeline_id !== 'number') return null;
  return { pipelineId: s.pipeline_id, statusId: s.id };
}

function responsibleOf(v: unknown): number | null {
  if (!Array.isArray(v) || !v.length) return null;
  const id = (v[0] as { responsible_user?: { id?: unknown } } | null)?.responsible_user?.id;
  return typeof id === 'number' ? id : null;
}

const same = (
  a: { pipelineId: number; statusId: number } | null,
  b: { pipelineId: number; statusId: number } | null,
) => !!a && !!b && a.pipelineId === b.pipelineId && a.statusId === b.statusId;

/**
 * Orders status changes: by time; within one second, following the chain (the change that
 * starts where the lead stands goes first), then by event id.
 */
function orderChanges(
  changes: StatusChange[],
  initial: { pipelineId: number; statusId: number },
): StatusChange[] {
  const sorted = [...changes].sort(
    (a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const out: StatusChange[] = [];
  let current: { pipelineId: number; statusId: number } = initial;
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j < sorted.length && sorted[j].at === sorted[i].at) j++;
    const group = sorted.slice(i, j);
    while (group.length) {
      let k = group.findIndex((c) => same(c.before, current));
      if (k < 0) k = 0;
      const [c] = group.splice(k, 1);
      out.push(c);
      current = c.after;
    }
    i = j;
  }
  return out;
}

export function isClosedStatus(statusId: number): boolean {
  return statusId === WON_STATUS || statusId === LOST_STATUS;
}

export function buildLeadHistory(lead: AmoLead, events: AmoEvent[]): LeadHistory {
  const createdAt = lead.created_at * 1000;
  const changes: StatusChange[] = [];
  const resp: Array<{ at: number; id: string; before: number | null; after: number }> = [];
  for (const e of events) {
    if (e.type === 'lead_status_changed') {
      const after = statusOf(e.value_after);
      if (after)
        changes.push({
          at: e.created_at * 1000,
          id: String(e.id),
          before: statusOf(e.value_before),
          after,
          byRobot: e.created_by === 0,
        });
    } else if (e.type === 'entity_responsible_changed') {
      const after = responsibleOf(e.value_after);
      if (after !== null)
        resp.push({
          at: e.created_at * 1000,
          id: String(e.id),
          before: responsibleOf(e.value_before),
          after,
        });
    }
  }
  // The status a lead was created in: where its first move started from (within the first
  // second of moves, the move no other move of that second leads into), else where it is now.
  const firstByTime = [...changes].sort(
    (a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const firstGroup = firstByTime.filter((c) => c.at === firstByTime[0]?.at);
  const chainStart = firstGroup.find(
    (c) => c.before && !firstGroup.some((o) => o !== c && same(o.after, c.before)),
  );
  const initial = chainStart?.before ??
    firstGroup[0]?.before ?? { pipelineId: lead.pipeline_id, statusId: lead.status_id };
  const statuses: StatusPoint[] = [
    { at: createdAt, pipelineId: initial.pipelineId, statusId: initial.statusId },
  ];
  for (const c of orderChanges(changes, initial)) {
    statuses.push({
      at: Math.max(c.at, createdAt),
      pipelineId: c.after.pipelineId,
      statusId: c.after.statusId,
      eventId: c.id,
      byRobot: c.byRobot,
    });
  }
  resp.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const responsibles = [
    {
      at: -Infinity,
      userId: resp.length ? (resp[0].before ?? resp[0].after) : lead.responsible_user_id,
    },
  ];
  for (const r of resp) responsibles.push({ at: r.at, userId: r.after });
  return { lead, createdAt, statuses, responsibles };
}

/** Who was responsible at `at` (changes at the same second already apply). */
export function responsibleAt(h: LeadHistory, at: number): number {
  const r = h.responsibles;
  let lo = 0;
  let hi = r.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (r[mid].at <= at) lo = mid;
    else hi = mid - 1;
  }
  return r[lo].userId;
}

/** The status a lead stood in at `at` (null before it existed). */
export function statusAt(h: LeadHistory, at: number): StatusPoint | null {
  let found: StatusPoint | null = null;
  for (const s of h.statuses) {
    if (s.at <= at) found = s;
    else break;
  }
  return found;
}
