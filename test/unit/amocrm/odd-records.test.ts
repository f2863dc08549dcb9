/**
 * One odd record never stops the rating (docs/rules.md §2.8): each kind of record real amoCRM
 * sends — a date in the year 5138, a task on nothing, an event by `created_by: null`, a deal
 * without a responsible, a user without a name — is either read the way the official PHP client
 * reads it, or left out and listed; only a page of mostly odd items, or more than 20 in one sync,
 * stops the sync.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AmoError } from '../../../src/amocrm/errors';
import type { AmoHttp } from '../../../src/amocrm/http';
import {
  eventsPage,
  leadsPage,
  tasksPage,
  usersPage,
  type OddRecord,
} from '../../../src/amocrm/responses';
import { emptyStaging } from '../../../src/amocrm/staging';
import { fetchBatch, ODD_SYNC_LIMIT } from '../../../src/amocrm/sync-fetch';
import { newSyncState } from '../../../src/amocrm/sync-plan';
import { nextOddStanding, ODD_KEEP } from '../../../src/amocrm/sync-record';

const REAL = join(__dirname, '..', '..', 'fixtures', 'amocrm-real');
type Json = Record<string, unknown>;
const real = (name: string): Json =>
  JSON.parse(readFileSync(join(REAL, `${name}.json`), 'utf8')) as Json;

function items(page: Json, key: string): Json[] {
  return (page._embedded as Record<string, Json[]>)[key] ?? [];
}
/** the fixture's page with its `index`-th item changed */
function withItem(name: string, key: string, index: number, change: Partial<Json>): Json {
  const page = real(name);
  const list = items(page, key);
  list[index] = { ...list[index], ...change };
  for (const [k, v] of Object.entries(change)) if (v === undefined) delete list[index]?.[k];
  return page;
}
/** a page of `n` copies of the fixture's first item, ids 1…n */
function pageOf(name: string, key: string, n: number): Json {
  const page = real(name);
  const first = items(page, key)[0] ?? {};
  (page._embedded as Record<string, Json[]>)[key] = Array.from({ length: n }, (_x, i) => ({
    ...first,
    id: key === 'events' ? `ev${i + 1}` : i + 1,
  }));
  return page;
}

const YEAR_5138 = 99_999_999_999;
const NOW = Math.floor(Date.now() / 1000);

describe('dates outside [2000-01-01, now + 1 day] are odd records', () => {
  test.each([
    ['created_at in the year 5138', 'created_at', YEAR_5138],
    ['created_at 1e20', 'created_at', 1e20],
    ['updated_at in 1999', 'updated_at', 930000000],
    ['updated_at 0', 'updated_at', 0],
    ['created_at two days ahead', 'created_at', NOW + 2 * 86400],
    ['closed_at in 1970', 'closed_at', 5],
  ])('a deal with %s is left out, the field named', (_name, field, value) => {
    const page = leadsPage(withItem('leads-page', 'leads', 1, { [field]: value }));
    expect(page.items.map((l) => l.id)).toEqual([41230017, 41230179]);
    expect(page.odd).toEqual([
      expect.objectContaining({ list: 'leads', id: '41230102', field, userId: 11200345 }),
    ]);
    expect(page.odd[0]?.why).toMatch(/date outside 2000-01-01/);
  });

  test('a moment an hour ahead (clocks differ) and one on 2000-01-01 are data', () => {
    const page = leadsPage(
      withItem('leads-page', 'leads', 1, { created_at: 946684800, updated_at: NOW + 3600 }),
    );
    expect(page.odd).toEqual([]);
    expect(page.items).toHaveLength(3);
  });

  test('a task due next year is data; one due in 5138 is odd', () => {
    const nextYear = tasksPage(withItem('tasks-page', 'tasks', 0, { complete_till: NOW + 3e7 }));
    expect(nextYear.odd).toEqual([]);
    const far = tasksPage(withItem('tasks-page', 'tasks', 0, { complete_till: YEAR_5138 }));
    expect(far.odd).toEqual([
      expect.objectContaining({ list: 'tasks', id: '8107', field: 'complete_till' }),
    ]);
  });

  test('an event in the year 5138 is odd, named by its string id', () => {
    const page = eventsPage(withItem('events-page', 'events', 0, { created_at: YEAR_5138 }));
    expect(page.odd).toEqual([
      expect.objectContaining({ list: 'events', id: '01pz58t6p04ymgsgfbmfyfy1mf' }),
    ]);
    expect(page.items.map((e) => e.id)).not.toContain('01pz58t6p04ymgsgfbmfyfy1mf');
  });

  test('closed_at 0 and closest_task_at 0 mean "none", as null does', () => {
    const page = leadsPage(
      withItem('leads-page', 'leads', 0, { closed_at: 0, closest_task_at: 0 }),
    );
    expect(page.odd).toEqual([]);
    expect(page.items[0]).toMatchObject({ closed_at: null, closest_task_at: null });
  });
});

describe('what amoCRM really sends and the PHP client accepts is read, not left out', () => {
  test('a task with entity_id 0 is a task on nothing', () => {
    const page = tasksPage(withItem('tasks-page', 'tasks', 0, { entity_id: 0, entity_type: null }));
    expect(page.odd).toEqual([]);
    expect(page.items[0]).toMatchObject({ id: 8107, entity_id: null, entity_type: null });
  });

  test("an event by created_by null is the robot's (the PHP client reads it as 0)", () => {
    const page = eventsPage(withItem('events-page', 'events', 0, { created_by: null }));
    expect(page.odd).toEqual([]);
    expect(page.items[0]).toMatchObject({ created_by: 0 });
  });

  test('a deal and a task with responsible 0 are kept, owned by nobody', () => {
    const leads = leadsPage(withItem('leads-page', 'leads', 0, { responsible_user_id: 0 }));
    expect(leads.odd).toEqual([]);
    expect(leads.items[0]).toMatchObject({ id: 41230017, responsible_user_id: 0 });
    const tasks = tasksPage(withItem('tasks-page', 'tasks', 0, { responsible_user_id: 0 }));
    expect(tasks.odd).toEqual([]);
    expect(tasks.items[0]).toMatchObject({ responsible_user_id: 0 });
  });

  test('a user without a name, or with line breaks and control characters, is kept, cleaned', () => {
    const page = usersPage(withItem('users-page', 'users', 0, { name: null }));
    expect(page.odd).toEqual([]);
    expect(page.items[0]?.name).toBe('');
    const messy = usersPage(
      withItem('users-page', 'users', 1, { name: ' Анна\n1. Фальшивая строка\u0007\u202e ' }),
    );
    expect(messy.items[1]?.name).toBe('Анна 1. Фальшивая строка');
  });

  test('a deal missing a required field is odd, named with the field', () => {
    const page = leadsPage(withItem('leads-page', 'leads', 2, { status_id: undefined }));
    expect(page.odd).toEqual([
      expect.objectContaining({ list: 'leads', id: '41230179', field: 'status_id' }),
    ]);
    expect(page.odd[0]?.why).toBe('missing');
  });

  test('an event without a type is odd; one of a type the rating does not read is dropped quietly', () => {
    const page = real('events-page');
    const list = items(page, 'events');
    delete list[0]?.type;
    if (list[1]) list[1].type = 'note_added';
    const p = eventsPage(page);
    expect(p.odd.map((r) => [r.id, r.field])).toEqual([['01pz58t6p04ymgsgfbmfyfy1mf', 'type']]);
    expect(p.items).toHaveLength(list.length - 2 - 1); // the fixture also holds one other type
  });
});

describe('a page of mostly odd items stops the sync', () => {
  const oddLeads = (n: number, bad: number) => {
    const page = pageOf('leads-page', 'leads', n);
    items(page, 'leads')
      .slice(0, bad)
      .forEach((l) => (l.created_at = YEAR_5138));
    return page;
  };

  test('two odd deals of 250 are left out; three stop the sync, naming the endpoint', () => {
    expect(leadsPage(oddLeads(250, 2)).odd).toHaveLength(2);
    let error: unknown;
    try {
      leadsPage(oddLeads(250, 3));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AmoError);
    expect((error as AmoError).detail).toMatch(
      /^GET \/api\/v4\/leads — 3 of 250 items are odd, e\.g\. leads\[0\]\.created_at/,
    );
  });

  test('a lone odd record on a short page never stops the sync', () => {
    const page = leadsPage(oddLeads(1, 1));
    expect(page.items).toEqual([]);
    expect(page.odd).toHaveLength(1);
  });

  test('every event of a page odd stops the sync', () => {
    const page = pageOf('events-page', 'events', 100);
    for (const e of items(page, 'events')) e.created_by = 'robot';
    expect(() => eventsPage(page)).toThrow(AmoError);
  });
});

describe('more than 20 odd records in one sync stop it', () => {
  /** A sync's leads step fetching pages of 250 deals, `bad` of each page odd. */
  function leadsStep(pages: number, bad: number) {
    const state = newSyncState('t', Date.now(), null);
    const step = state.steps.find((s) => s.name === 'leads');
    if (!step) throw new Error('no leads step');
    let served = 0;
    const http = {
      getAll: (reqs: unknown[]) =>
        reqs.map(() => {
          if (served >= pages) return null; // 204: the list has ended
          const page = pageOf('leads-page', 'leads', 250);
          const list = items(page, 'leads');
          list.forEach((l, i) => {
            l.id = served * 250 + i + 1;
            if (i < bad) l.updated_at = YEAR_5138;
          });
          served++;
          page._links = { next: { href: 'next' } };
          return page;
        }),
    } as unknown as AmoHttp;
    const staging = emptyStaging();
    const run = () => {
      while (!step.done) fetchBatch(http, state, step, staging);
    };
    return { run, staging };
  }

  test('ten pages with two odd deals each: 20 set aside, every good deal kept', () => {
    const { run, staging } = leadsStep(10, 2);
    run();
    expect(staging.odd.size).toBe(ODD_SYNC_LIMIT);
    expect(staging.leads.size).toBe(10 * 248);
  });

  test('eleven such pages: the 21st odd record stops the sync', () => {
    const { run } = leadsStep(11, 2);
    expect(run).toThrow(/22 odd records in one sync \(more than 20\)/);
  });
});

describe('the odd records the rating misses, from sync to sync', () => {
  const rec = (list: OddRecord['list'], id: string): OddRecord => ({
    list,
    id,
    field: 'created_at',
    why: 'a date outside 2000-01-01 … tomorrow, got 1e+20',
  });

  test('an incremental sync keeps the earlier ones, drops those now fetched in good shape', () => {
    const first = nextOddStanding(null, {
      full: true,
      fetchedGood: () => false,
      odd: [rec('leads', '1'), rec('tasks', '2'), rec('users', '3')],
    });
    expect(first.records.map((r) => r.id)).toEqual(['1', '2', '3']);
    const next = nextOddStanding(first, {
      full: false,
      fetchedGood: (r) => r.list === 'leads' && r.id === '1',
      odd: [rec('events', 'e9')],
    });
    // the deal came back good; the users were fetched whole again (and were fine this time)
    expect(next.records.map((r) => `${r.list}:${r.id}`)).toEqual(['tasks:2', 'events:e9']);
    expect(next.more).toBe(0);
  });

  test('a full sync starts the list over', () => {
    const prev = { records: [rec('leads', '1')], more: 7 };
    expect(nextOddStanding(prev, { full: true, fetchedGood: () => false, odd: [] })).toEqual({
      records: [],
      more: 0,
    });
  });

  test('past ODD_KEEP the rest are counted, and long texts are clipped', () => {
    const many = Array.from({ length: ODD_KEEP + 5 }, (_x, i) => ({
      ...rec('leads', String(i)),
      why: 'x'.repeat(500),
    }));
    const s = nextOddStanding(null, { full: true, fetchedGood: () => false, odd: many });
    expect(s.records).toHaveLength(ODD_KEEP);
    expect(s.more).toBe(5);
    expect(s.records[0]?.why.length).toBe(100);
    expect(JSON.stringify(s).length).toBeLessThan(9 * 1024); // one document property
  });
});
