/**
 * The list filters and ordering of amoCRM API v4, pure: what `filter[...]` and `order[...]` keep
 * and in which order. [docs/services.md §A3.4–§A3.6]
 */
import type { AmoEvent, AmoLead, AmoTask } from './api-model';
import { asList, obj, type QueryValue } from '../emulator/http-util';

const num = (v: string) => Number(v);

/** Index of the first event created at or after `t` (events sorted by created_at). */
export function firstEventAt(events: readonly AmoEvent[], t: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((events[mid]?.created_at ?? Infinity) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function range(v: QueryValue | undefined): { from?: number; to?: number } | null {
  if (v === undefined) return null;
  if (typeof v === 'string') return { from: num(v) };
  const o = obj(v);
  if (!o) return null;
  return {
    from: typeof o.from === 'string' ? num(o.from) : undefined,
    to: typeof o.to === 'string' ? num(o.to) : undefined,
  };
}

function inRange(x: number | null, r: { from?: number; to?: number } | null): boolean {
  if (!r) return true;
  if (x === null) return false;
  return (r.from === undefined || x >= r.from) && (r.to === undefined || x <= r.to);
}

function statusPairs(v: QueryValue | undefined): Array<{ p: number; s: number }> {
  if (!v || typeof v === 'string') return [];
  return (Array.isArray(v) ? v : Object.values(v)).flatMap((x) => {
    const o = obj(x);
    return o && typeof o.pipeline_id === 'string' && typeof o.status_id === 'string'
      ? [{ p: num(o.pipeline_id), s: num(o.status_id) }]
      : [];
  });
}

export function leadFilter(f: Record<string, QueryValue>) {
  const ids = new Set(asList(f.id).map(num));
  const resp = new Set(asList(f.responsible_user_id).map(num));
  const pipes = new Set(asList(f.pipeline_id).map(num));
  const pairs = statusPairs(f.statuses);
  const created = range(f.created_at);
  const updated = range(f.updated_at);
  const closed = range(f.closed_at);
  const closest = range(f.closest_task_at);
  return (l: AmoLead) =>
    (!ids.size || ids.has(l.id)) &&
    (!resp.size || resp.has(l.responsible_user_id)) &&
    (!pipes.size || pipes.has(l.pipeline_id)) &&
    (!pairs.length || pairs.some((x) => x.p === l.pipeline_id && x.s === l.status_id)) &&
    inRange(l.created_at, created) &&
    inRange(l.updated_at, updated) &&
    inRange(l.closed_at, closed) &&
    inRange(l.closest_task_at, closest);
}

export function taskFilter(f: Record<string, QueryValue>) {
  const ids = new Set(asList(f.id).map(num));
  const resp = new Set(asList(f.responsible_user_id).map(num));
  const types = new Set(asList(f.task_type).map(num));
  const entityType = typeof f.entity_type === 'string' ? f.entity_type : undefined;
  const entityIds = new Set(asList(f.entity_id).map(num));
  const completed = typeof f.is_completed === 'string' ? f.is_completed === '1' : undefined;
  const updated = range(f.updated_at);
  return (t: AmoTask) =>
    (!ids.size || ids.has(t.id)) &&
    (!resp.size || resp.has(t.responsible_user_id)) &&
    (!types.size || types.has(t.task_type_id)) &&
    (entityType === undefined || t.entity_type === entityType) &&
    (!entityIds.size || (t.entity_id !== null && entityIds.has(t.entity_id))) &&
    (completed === undefined || t.is_completed === completed) &&
    inRange(t.updated_at, updated);
}

export function eventFilter(f: Record<string, QueryValue>) {
  const ids = new Set(asList(f.id));
  const types = new Set(asList(f.type));
  const entities = new Set(asList(f.entity));
  const entityIds = new Set(asList(f.entity_id).map(num));
  const by = new Set(asList(f.created_by).map(num));
  const created = range(f.created_at);
  const after = statusPairs(obj(f.value_after)?.leads_statuses);
  const before = statusPairs(obj(f.value_before)?.leads_statuses);
  const statusOf = (v: unknown[]) =>
    (v[0] as { lead_status?: { id: number; pipeline_id: number } } | undefined)?.lead_status;
  return (e: AmoEvent) => {
    if (ids.size && !ids.has(e.id)) return false;
    if (types.size && !types.has(e.type)) return false;
    if (entities.size && !entities.has(e.entity_type)) return false;
    if (entityIds.size && !entityIds.has(e.entity_id)) return false;
    if (by.size && !by.has(e.created_by)) return false;
    if (created && !inRange(e.created_at, created)) return false;
    if (after.length) {
      const s = statusOf(e.value_after);
      if (!s || !after.some((x) => x.p === s.pipeline_id && x.s === s.id)) return false;
    }
    if (before.length) {
      const s = statusOf(e.value_before);
      if (!s || !before.some((x) => x.p === s.pipeline_id && x.s === s.id)) return false;
    }
    return true;
  };
}

/** `order[key]=asc|desc` among the allowed keys; ties by id. */
export function order<T extends { id: number }>(
  o: Record<string, QueryValue> | undefined,
  allowed: ReadonlyArray<keyof T & string>,
  defKey: keyof T & string,
  defDir: 'asc' | 'desc',
) {
  let key: keyof T & string = defKey;
  let dir = defDir;
  for (const [k, v] of Object.entries(o ?? {})) {
    const allowedKey = allowed.find((a) => a === k);
    if (allowedKey && (v === 'asc' || v === 'desc')) {
      key = allowedKey;
      dir = v;
    }
  }
  const value = (x: T) => {
    const n = x[key];
    return typeof n === 'number' ? n : 0;
  };
  return (a: T, b: T) => {
    const c = value(a) - value(b) || a.id - b.id;
    return dir === 'asc' ? c : -c;
  };
}
