/**
 * Every amoCRM response is checked before it enters the store. The schemas accept what real
 * amoCRM sends (fixtures shaped like public real captures, docs/services.md §A-REAL). A list item
 * with a field the product reads in the wrong shape is an odd record: left out and listed with the
 * field and why; a wrong envelope, a page of mostly odd items, a bad pipeline or account stop the
 * sync, naming the endpoint and the field (docs/rules.md §2.8).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AmoError } from '../../../src/amocrm/errors';
import {
  accountOf,
  eventsPage,
  leadsPage,
  pipelinesOf,
  tasksPage,
  usersPage,
  type Page,
} from '../../../src/amocrm/responses';

const REAL = join(__dirname, '..', '..', 'fixtures', 'amocrm-real');
const real = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(REAL, `${name}.json`), 'utf8')) as Record<string, unknown>;

describe('real responses pass, keeping only what the product reads', () => {
  test('a /leads page: price 0 and null, custom fields, tags, companies, labor_cost null, no next link', () => {
    const page = leadsPage(real('leads-page'));
    expect(page.hasNext).toBe(false);
    expect(page.items).toEqual([
      {
        id: 41230017,
        name: 'Разработка сайта',
        responsible_user_id: 11200345,
        status_id: 61230946,
        pipeline_id: 7312526,
        created_at: 1694765317,
        updated_at: 1694765320,
        closed_at: null,
        closest_task_at: null,
        is_deleted: false,
      },
      expect.objectContaining({ id: 41230102, status_id: 142, closed_at: 1695300000 }),
      expect.objectContaining({ id: 41230179, closest_task_at: null }),
    ]);
  });

  test('users: extra rights keys, status_rights null for an admin, group_id null', () => {
    const page = usersPage(real('users-page'));
    expect(
      page.items.map((u) => [u.id, u.rights.is_active, u.rights.is_admin, u.rights.group_id]),
    ).toEqual([
      [11200345, true, false, null],
      [11200377, true, true, 413501],
    ]);
  });

  test('the account: date_format, currency, a custom task type', () => {
    const a = accountOf(real('account'));
    expect(a._embedded?.datetime_settings?.timezone).toBe('Europe/Moscow');
    expect(a._embedded?.task_types?.map((t) => t.id)).toEqual([1, 2, 3130521]);
  });

  test('pipelines, one archived', () => {
    expect(pipelinesOf(real('pipelines')).map((p) => [p.id, p.is_archive])).toEqual([
      [7312526, false],
      [7312530, true],
    ]);
  });

  test('tasks: result [] or an object, created_by 0, on a contact or on nothing, custom type', () => {
    const page = tasksPage(real('tasks-page'));
    expect(page.hasNext).toBe(true);
    expect(page.items.map((t) => [t.id, t.entity_type, t.entity_id, t.task_type_id])).toEqual([
      [8107, 'leads', 41230102, 2],
      [8108, 'contacts', 70111222, 3130521],
      [8109, null, null, 1],
    ]);
  });

  test('events: 26-character ids, a move across pipelines, a contact changing hands, a deleted lead; other types dropped', () => {
    const page = eventsPage(real('events-page'));
    expect(page.items.map((e) => [e.id.length, e.type, e.entity_type])).toEqual([
      [26, 'lead_status_changed', 'lead'],
      [26, 'lead_status_changed', 'lead'],
      [26, 'entity_responsible_changed', 'contact'],
      [26, 'lead_deleted', 'lead'],
      [26, 'task_completed', 'task'],
    ]);
  });

  test('204: an empty list', () => {
    expect(leadsPage(null)).toEqual({ items: [], hasNext: false, odd: [] });
  });
});

/** A deep copy of a fixture with one value replaced (or removed with undefined). */
function broken(name: string, path: Array<string | number>, value: unknown): unknown {
  const copy = real(name);
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] ?? '';
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

const LEAD = ['_embedded', 'leads', 1];
const USER = ['_embedded', 'users', 0];
const TASK = ['_embedded', 'tasks', 0];
const EVENT = ['_embedded', 'events', 0];
const PIPE = ['_embedded', 'pipelines', 0];

// [case, parse, fixture, path, value, the field the error must name]
const MALFORMED: Array<
  [string, (j: unknown) => unknown, string, Array<string | number>, unknown, string]
> = [
  ['lead id as a string', leadsPage, 'leads-page', [...LEAD, 'id'], '41230102', 'leads[1].id'],
  [
    'lead responsible_user_id null',
    leadsPage,
    'leads-page',
    [...LEAD, 'responsible_user_id'],
    null,
    'leads[1].responsible_user_id',
  ],
  [
    'lead responsible_user_id missing',
    leadsPage,
    'leads-page',
    [...LEAD, 'responsible_user_id'],
    undefined,
    'leads[1].responsible_user_id',
  ],
  [
    'lead created_at as text',
    leadsPage,
    'leads-page',
    [...LEAD, 'created_at'],
    '2023-09-20',
    'leads[1].created_at',
  ],
  [
    'lead created_at in milliseconds with a fraction',
    leadsPage,
    'leads-page',
    [...LEAD, 'created_at'],
    1695210312.5,
    'leads[1].created_at',
  ],
  [
    'lead status_id negative',
    leadsPage,
    'leads-page',
    [...LEAD, 'status_id'],
    -142,
    'leads[1].status_id',
  ],
  [
    'lead pipeline_id as a string',
    leadsPage,
    'leads-page',
    [...LEAD, 'pipeline_id'],
    '7312526',
    'leads[1].pipeline_id',
  ],
  [
    'lead closed_at as false',
    leadsPage,
    'leads-page',
    [...LEAD, 'closed_at'],
    false,
    'leads[1].closed_at',
  ],
  [
    'lead closest_task_at as an object',
    leadsPage,
    'leads-page',
    [...LEAD, 'closest_task_at'],
    {},
    'leads[1].closest_task_at',
  ],
  ['lead name as a number', leadsPage, 'leads-page', [...LEAD, 'name'], 42, 'leads[1].name'],
  [
    'lead is_deleted as "no"',
    leadsPage,
    'leads-page',
    [...LEAD, 'is_deleted'],
    'no',
    'leads[1].is_deleted',
  ],
  ['a lead that is not an object', leadsPage, 'leads-page', LEAD, 'lead', 'leads[1]'],
  ['_embedded null', leadsPage, 'leads-page', ['_embedded'], null, '_embedded'],
  [
    '_embedded.leads missing',
    leadsPage,
    'leads-page',
    ['_embedded', 'leads'],
    undefined,
    '_embedded.leads',
  ],
  [
    '_embedded.leads an object',
    leadsPage,
    'leads-page',
    ['_embedded', 'leads'],
    {},
    '_embedded.leads',
  ],
  [
    'user rights missing',
    usersPage,
    'users-page',
    [...USER, 'rights'],
    undefined,
    'users[0].rights',
  ],
  [
    'user is_active as 1',
    usersPage,
    'users-page',
    [...USER, 'rights', 'is_active'],
    1,
    'users[0].rights.is_active',
  ],
  ['user id null', usersPage, 'users-page', [...USER, 'id'], null, 'users[0].id'],
  [
    'task is_completed as "Y"',
    tasksPage,
    'tasks-page',
    [...TASK, 'is_completed'],
    'Y',
    'tasks[0].is_completed',
  ],
  [
    'task complete_till as text',
    tasksPage,
    'tasks-page',
    [...TASK, 'complete_till'],
    'tomorrow',
    'tasks[0].complete_till',
  ],
  [
    'task responsible missing',
    tasksPage,
    'tasks-page',
    [...TASK, 'responsible_user_id'],
    undefined,
    'tasks[0].responsible_user_id',
  ],
  [
    'task_type_id as a string',
    tasksPage,
    'tasks-page',
    [...TASK, 'task_type_id'],
    '2',
    'tasks[0].task_type_id',
  ],
  ['event id as a number', eventsPage, 'events-page', [...EVENT, 'id'], 1, 'events[0].id'],
  [
    'event value_after empty',
    eventsPage,
    'events-page',
    [...EVENT, 'value_after'],
    [],
    'events[0].value_after',
  ],
  [
    'event value_after null',
    eventsPage,
    'events-page',
    [...EVENT, 'value_after'],
    null,
    'events[0].value_after',
  ],
  [
    'event lead_status without pipeline',
    eventsPage,
    'events-page',
    [...EVENT, 'value_after', 0, 'lead_status', 'pipeline_id'],
    undefined,
    'events[0].value_after[0].lead_status.pipeline_id',
  ],
  [
    'event created_at as text',
    eventsPage,
    'events-page',
    [...EVENT, 'created_at'],
    'now',
    'events[0].created_at',
  ],
  [
    'event entity_id as a string',
    eventsPage,
    'events-page',
    [...EVENT, 'entity_id'],
    '41230102',
    'events[0].entity_id',
  ],
  [
    'responsible event without a user',
    eventsPage,
    'events-page',
    ['_embedded', 'events', 2, 'value_after', 0, 'responsible_user'],
    undefined,
    'events[2].value_after[0].responsible_user',
  ],
  [
    'pipeline statuses missing',
    pipelinesOf,
    'pipelines',
    [...PIPE, '_embedded'],
    undefined,
    'pipelines[0]._embedded',
  ],
  [
    'status id as a string',
    pipelinesOf,
    'pipelines',
    [...PIPE, '_embedded', 'statuses', 3, 'id'],
    '142',
    'pipelines[0]._embedded.statuses[3].id',
  ],
  ['account id missing', accountOf, 'account', ['id'], undefined, 'id'],
  [
    'account timezone as a number',
    accountOf,
    'account',
    ['_embedded', 'datetime_settings', 'timezone'],
    3,
    '_embedded.datetime_settings.timezone',
  ],
];

type Case = (typeof MALFORMED)[number];
const LISTS = new Set<unknown>([leadsPage, tasksPage, eventsPage, usersPage]);
/** a fault inside one item of a list: an odd record, not a stop */
const inItem = (c: Case) => LISTS.has(c[1]) && typeof c[3][2] === 'number';
const ITEM_CASES = MALFORMED.filter(inItem);
const STOP_CASES = MALFORMED.filter((c) => !inItem(c));

describe('an item of an unexpected shape is left out and listed, the rest of the page kept', () => {
  test.each(ITEM_CASES)('%s', (_name, parse, fixture, path, value, field) => {
    const good = parse(real(fixture)) as Page<{ id: unknown }>;
    const page = parse(broken(fixture, path, value)) as Page<{ id: unknown }>;
    const index = Number(path[2]);
    const list = String(path[1]);
    // the odd item is gone, every other item is the same as in the good answer
    expect(page.items).toEqual(good.items.filter((_x, i) => i !== index));
    expect(page.odd).toHaveLength(1);
    const odd = page.odd[0];
    expect(odd?.list).toBe(list);
    // the listed field is the one that was broken (without the list's own prefix)
    expect(`${list}[${index}]${odd?.field ? `.${odd.field}` : ''}`.replace('.[', '[')).toBe(field);
    expect(odd?.why).toMatch(/^expected |^missing$|date outside/);
    const raw = (real(fixture)._embedded as Record<string, Array<{ id?: unknown }>>)[list]?.[index];
    // the item is named by the id amoCRM sent, whatever its shape ('' when there is none)
    const sent = path[3] === 'id' ? value : path.length === 3 ? undefined : raw?.id;
    expect(odd?.id).toBe(typeof sent === 'number' || typeof sent === 'string' ? String(sent) : '');
  });
});

describe('a wrong envelope, pipeline or account stops the sync, naming the endpoint and the field', () => {
  test.each(STOP_CASES)('%s', (_name, parse, fixture, path, value, field) => {
    let error: unknown;
    try {
      parse(broken(fixture, path, value));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AmoError);
    const e = error as AmoError;
    expect(e.code).toBe('bad_response');
    expect(e.detail).toMatch(/^GET \/api\/v4\//);
    expect(e.detail).toContain(field);
    expect(e.text('ru')).toMatch(/amoCRM прислал ответ неожиданного вида/);
    expect(e.text('en')).toMatch(/unexpected shape/);
  });

  test('pipelines answering 204 are an error, not an account without pipelines', () => {
    expect(() => pipelinesOf(null)).toThrow(AmoError);
  });
});
