/**
 * Every amoCRM response is checked against the shapes of src/shapes before anything enters the
 * store. A list item that fails its schema is an odd record: left out of the page and returned
 * with what was wrong (docs/rules.md §2.8), so one strange record never stops the rating. A
 * response whose envelope is wrong, or a page of mostly odd items, stops the sync with an error
 * naming the endpoint and the field, so a wrong number never reaches the rating.
 * [docs/services.md §A3, §A4, §A-REAL]
 */
import * as v from 'valibot';
import {
  AccountSchema,
  EventSchemas,
  isRatingEventType,
  LeadSchema,
  PipelineSchema,
  TaskSchema,
  UserSchema,
  type AmoAccount,
  type AmoEvent,
  type AmoLead,
  type AmoPipeline,
  type AmoTask,
  type AmoUser,
} from '../shapes/amocrm';
import { AmoError } from './errors';

/** A list item left out: which list, which item, which field, and why. */
export interface OddRecord {
  list: OddList;
  /** the item's id as amoCRM sent it ('' when it has none) */
  id: string;
  /** the field that failed, e.g. 'created_at' ('' for the whole item) */
  field: string;
  why: string;
  /** the user whose figures the item could touch (its responsible or author), when it names one */
  userId?: number;
}
export type OddList = 'leads' | 'tasks' | 'events' | 'users';

export interface Page<T> {
  items: T[];
  /** the page carried a `next` link (amoCRM sends one on every full page, and sometimes on short ones) */
  hasNext: boolean;
  /** items left out (docs/rules.md §2.8) */
  odd: OddRecord[];
}

/**
 * A page is "mostly bad" — the answer, not a record, is wrong — when more than 1 % of its items
 * and more than ODD_PAGE_FLOOR of them fail: a lone odd record on a short page never stops a
 * sync, three on a page of 250 do.
 */
export const ODD_PAGE_SHARE = 0.01;
export const ODD_PAGE_FLOOR = 2;

export function pageMostlyBad(odd: number, total: number): boolean {
  return odd > ODD_PAGE_FLOOR && odd > total * ODD_PAGE_SHARE;
}

function pathOf(issue: v.BaseIssue<unknown>): string {
  return (issue.path ?? [])
    .map((p) => (typeof p.key === 'number' ? `[${p.key}]` : `.${String(p.key)}`))
    .join('')
    .replace(/^\./, '');
}

/** 'expected number, got null', 'missing', or the check's own words ('a date outside …, got 1e+20') */
function reason(issue: v.BaseIssue<unknown>): string {
  if (issue.received === 'undefined') return 'missing';
  if (issue.type === 'check') return `${issue.message}, got ${issue.received}`;
  return `expected ${issue.expected ?? 'another value'}, got ${issue.received}`;
}

/** 'leads[3].responsible_user_id: expected number, got null' */
function describe(issue: v.BaseIssue<unknown>, prefix: string): string {
  const path = pathOf(issue);
  const field = [prefix, path].filter(Boolean).join(path.startsWith('[') ? '' : '.');
  return `${field || '(whole response)'}: ${reason(issue)}`;
}

function fail(endpoint: string, detail: string): never {
  throw new AmoError('bad_response', `${endpoint} — ${detail}`);
}

function checked<T>(
  endpoint: string,
  schema: v.GenericSchema<unknown, T>,
  value: unknown,
  prefix: string,
): T {
  const r = v.safeParse(schema, value);
  if (r.success) return r.output;
  const issue = r.issues[0];
  return fail(endpoint, describe(issue, prefix));
}

const envelope = (key: string) =>
  v.object({
    _links: v.optional(v.nullable(v.object({ next: v.optional(v.unknown()) }))),
    _embedded: v.object({ [key]: v.array(v.unknown()) }),
  });

/** One item checked: its value, null (an item the rating does not read), or why it is odd. */
type ItemResult<T> = { ok: T | null } | { odd: v.BaseIssue<unknown> };

/** The item's id and the user it names, read loosely from whatever amoCRM sent. */
function identify(list: OddList, x: unknown): { id: string; userId?: number } {
  if (!x || typeof x !== 'object') return { id: '' };
  const o = x as Record<string, unknown>;
  const id = typeof o.id === 'number' || typeof o.id === 'string' ? String(o.id) : '';
  const user = list === 'events' ? o.created_by : o.responsible_user_id;
  return typeof user === 'number' && Number.isInteger(user) && user > 0 && list !== 'users'
    ? { id, userId: user }
    : { id };
}

/** `_embedded[key]` of a list page (204 → no items), each item checked; odd items set aside. */
function page<T>(
  endpoint: string,
  json: unknown,
  key: OddList,
  item: (x: unknown) => ItemResult<T>,
): Page<T> {
  if (json === null) return { items: [], hasNext: false, odd: [] };
  const env = checked(endpoint, envelope(key), json, '');
  const raw = env._embedded[key] ?? [];
  const items: T[] = [];
  const odd: OddRecord[] = [];
  const issues: string[] = [];
  raw.forEach((x, i) => {
    const r = item(x);
    if ('ok' in r) {
      if (r.ok !== null) items.push(r.ok);
      return;
    }
    issues.push(describe(r.odd, `${key}[${i}]`));
    odd.push({ list: key, ...identify(key, x), field: pathOf(r.odd), why: reason(r.odd) });
  });
  if (pageMostlyBad(odd.length, raw.length))
    fail(endpoint, `${odd.length} of ${raw.length} items are odd, e.g. ${issues[0] ?? ''}`);
  return { items, hasNext: Boolean(env._links?.next), odd };
}

function itemOf<T>(schema: v.GenericSchema<unknown, T>) {
  return (x: unknown): ItemResult<T> => {
    const r = v.safeParse(schema, x);
    return r.success ? { ok: r.output } : { odd: r.issues[0] };
  };
}

export function accountOf(json: unknown): AmoAccount {
  return checked('GET /api/v4/account', AccountSchema, json, '');
}

export function usersPage(json: unknown): Page<AmoUser> {
  const e = 'GET /api/v4/users';
  return page(e, json, 'users', itemOf(UserSchema));
}

export function pipelinesOf(json: unknown): AmoPipeline[] {
  const e = 'GET /api/v4/leads/pipelines';
  if (json === null) return fail(e, 'no pipelines (empty answer)');
  // a pipeline is no odd record: without it the stages cannot be mapped, so any fault stops
  const env = checked(e, envelope('pipelines'), json, '');
  return (env._embedded.pipelines ?? []).map((x, i) =>
    checked(e, PipelineSchema, x, `pipelines[${i}]`),
  );
}

export function leadsPage(json: unknown): Page<AmoLead> {
  const e = 'GET /api/v4/leads';
  return page(e, json, 'leads', itemOf(LeadSchema));
}

export function tasksPage(json: unknown): Page<AmoTask> {
  const e = 'GET /api/v4/tasks';
  return page(e, json, 'tasks', itemOf(TaskSchema));
}

const eventType = v.object({ type: v.string() });

/** Events of the three types the rating reads, each checked; other types (an ignored filter) are dropped. */
export function eventsPage(json: unknown): Page<AmoEvent> {
  const e = 'GET /api/v4/events';
  return page(e, json, 'events', (x): ItemResult<AmoEvent> => {
    const typed = v.safeParse(eventType, x);
    if (!typed.success) return { odd: typed.issues[0] };
    if (!isRatingEventType(typed.output.type)) return { ok: null };
    return itemOf<AmoEvent>(EventSchemas[typed.output.type])(x);
  });
}
