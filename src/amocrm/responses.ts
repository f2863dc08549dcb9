/**
 * Every amoCRM response is checked against the shapes of src/shapes before anything enters the
 * store. A response of an unexpected shape stops the sync with an error naming the endpoint and
 * the field, so a wrong number never reaches the rating. [docs/services.md §A3, §A4, §A-REAL]
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

export interface Page<T> {
  items: T[];
  /** the page carried a `next` link (amoCRM sends one on every full page, and sometimes on short ones) */
  hasNext: boolean;
}

/** 'leads[3].responsible_user_id: expected number, got null' */
function describe(issue: v.BaseIssue<unknown>, prefix: string): string {
  const path = (issue.path ?? [])
    .map((p) => (typeof p.key === 'number' ? `[${p.key}]` : `.${String(p.key)}`))
    .join('');
  const field = `${prefix}${path}`.replace(/^\./, '') || '(whole response)';
  return `${field}: expected ${issue.expected ?? 'another value'}, got ${issue.received}`;
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

/** `_embedded[key]` of a list page (204 → no items), each item checked. */
function page<T>(
  endpoint: string,
  json: unknown,
  key: string,
  item: (x: unknown, i: number) => T | null,
): Page<T> {
  if (json === null) return { items: [], hasNext: false };
  const env = checked(endpoint, envelope(key), json, '');
  const raw = env._embedded[key] ?? [];
  const items: T[] = [];
  raw.forEach((x, i) => {
    const one = item(x, i);
    if (one !== null) items.push(one);
  });
  return { items, hasNext: Boolean(env._links?.next) };
}

const itemOf =
  <T>(endpoint: string, key: string, schema: v.GenericSchema<unknown, T>) =>
  (x: unknown, i: number): T =>
    checked(endpoint, schema, x, `${key}[${i}]`);

export function accountOf(json: unknown): AmoAccount {
  return checked('GET /api/v4/account', AccountSchema, json, '');
}

export function usersPage(json: unknown): Page<AmoUser> {
  const e = 'GET /api/v4/users';
  return page(e, json, 'users', itemOf(e, 'users', UserSchema));
}

export function pipelinesOf(json: unknown): AmoPipeline[] {
  const e = 'GET /api/v4/leads/pipelines';
  if (json === null) return fail(e, 'no pipelines (empty answer)');
  return page(e, json, 'pipelines', itemOf(e, 'pipelines', PipelineSchema)).items;
}

export function leadsPage(json: unknown): Page<AmoLead> {
  const e = 'GET /api/v4/leads';
  return page(e, json, 'leads', itemOf(e, 'leads', LeadSchema));
}

export function tasksPage(json: unknown): Page<AmoTask> {
  const e = 'GET /api/v4/tasks';
  return page(e, json, 'tasks', itemOf(e, 'tasks', TaskSchema));
}

const eventType = v.object({ type: v.string() });

/** Events of the three types the rating reads, each checked; other types (an ignored filter) are dropped. */
export function eventsPage(json: unknown): Page<AmoEvent> {
  const e = 'GET /api/v4/events';
  return page(e, json, 'events', (x, i) => {
    const { type } = checked(e, eventType, x, `events[${i}]`);
    if (!isRatingEventType(type)) return null;
    return checked<AmoEvent>(e, EventSchemas[type], x, `events[${i}]`);
  });
}
