/**
 * Each lead's history rebuilt from its events: the statuses it went through (starting with the
 * one it was created in) and who was responsible when. The event log is in time order with ties
 * in event-id order, so the timeline is the same whatever order amoCRM sent the events in.
 */
import { LOST_STATUS, WON_STATUS, type AmoLead } from '../shapes/amocrm';
import { EV_RESPONSIBLE, EV_STATUS, type EventLog } from '../shapes/account-data';

export interface StatusRefPair {
  pipelineId: number;
  statusId: number;
}

export interface StatusPoint extends StatusRefPair {
  at: number; // ms
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
  seq: number;
  before: StatusRefPair | null;
  after: StatusRefPair;
  byRobot: boolean;
}

const same = (a: StatusRefPair | null, b: StatusRefPair | null) =>
  !!a && !!b && a.pipelineId === b.pipelineId && a.statusId === b.statusId;

/**
 * Orders status changes: by time; within one second, following the chain (the change that
 * starts where the lead stands goes first), then in log order.
 */
function orderChanges(changes: StatusChange[], initial: StatusRefPair): StatusChange[] {
  const sorted = [...changes].sort((a, b) => a.at - b.at || a.seq - b.seq);
  const out: StatusChange[] = [];
  let current: StatusRefPair = initial;
  let i = 0;
  while (i < sorted.length) {
    const at = sorted[i]?.at;
    let j = i;
    while (j < sorted.length && sorted[j]?.at === at) j++;
    const group = sorted.slice(i, j);
    while (group.length) {
      const k = Math.max(
        0,
        group.findIndex((c) => same(c.before, current)),
      );
      const [c] = group.splice(k, 1);
      if (!c) break;
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

const pair = (pipelineId: number | undefined, statusId: number | undefined) =>
  pipelineId === undefined || statusId === undefined || pipelineId < 0
    ? null
    : { pipelineId, statusId };

/** A lead's history from its events (`indices` point into the log, in log order). */
export function buildLeadHistory(
  lead: AmoLead,
  log: EventLog,
  indices: readonly number[],
): LeadHistory {
  const createdAt = lead.created_at * 1000;
  const changes: StatusChange[] = [];
  const resp: Array<{ at: number; seq: number; before: number | null; after: number }> = [];
  for (const i of indices) {
    const at = (log.at[i] ?? 0) * 1000;
    if (log.kind[i] === EV_STATUS) {
      const after = pair(log.a[i], log.b[i]);
      if (after)
        changes.push({
          at,
          seq: i,
          before: pair(log.c[i], log.d[i]),
          after,
          byRobot: log.robot[i] === 1,
        });
    } else if (log.kind[i] === EV_RESPONSIBLE) {
      const after = log.a[i] ?? -1;
      const before = log.c[i] ?? -1;
      if (after > 0) resp.push({ at, seq: i, before: before > 0 ? before : null, after });
    }
  }
  // The status a lead was created in: where its first move started from (within the first
  // second of moves, the move no other move of that second leads into), else where it is now.
  const firstAt = changes.reduce((m, c) => Math.min(m, c.at), Infinity);
  const firstGroup = changes.filter((c) => c.at === firstAt).sort((a, b) => a.seq - b.seq);
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
      byRobot: c.byRobot,
    });
  }
  resp.sort((a, b) => a.at - b.at || a.seq - b.seq);
  const first = resp[0];
  const responsibles = [
    { at: -Infinity, userId: first ? (first.before ?? first.after) : lead.responsible_user_id },
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
    if ((r[mid]?.at ?? Infinity) <= at) lo = mid;
    else hi = mid - 1;
  }
  return r[lo]?.userId ?? h.lead.responsible_user_id;
}
