/**
 * The read-only API v4 endpoints over the account: HAL shapes, paging (`limit` over the maximum
 * silently becomes 50; an empty page is 204; uncounted lists send a `next` link on every page,
 * counted ones `_total_items` and `last`), filters (lead filters silently ignored without the
 * API-filter option), and the events endpoint's own rules. [docs/services.md §A3, §A4, §A-REAL, §G2–§G4]
 */
import type { AccountState } from './account-state';
import type { AmoEvent, AmoLead, AmoTask } from './api-model';
import {
  accountView,
  EVENT_TYPES,
  eventView,
  leadView,
  pipelineView,
  taskView,
  userView,
} from './api-views';
import { eventFilter, firstEventAt, leadFilter, order, range, taskFilter } from './filters';
import { asList, obj, parseQuery, type QueryValue } from '../emulator/http-util';

export const PROBLEM = 'application/problem+json';
export const HAL = 'application/hal+json';

export interface Answer {
  status: number;
  body?: unknown;
  type?: string;
  headers?: Record<string, string>;
}

export function problem(
  status: number,
  title: string,
  detail: string,
  extra: Record<string, unknown> = {},
) {
  return { title, type: `https://httpstatus.es/${status}`, status, detail, ...extra };
}

const withoutPage = (query: string) =>
  query
    .split('&')
    .filter((x) => x && !x.startsWith('page='))
    .join('&');

export class AmoApi {
  /** filtered, ordered lists by query (without the page), while the account has not changed */
  private listCache = new Map<string, unknown[]>();
  private cacheVersion = '';

  constructor(
    private readonly state: AccountState,
    private readonly actingUser: () => number,
  ) {}

  /** GET under /api/v4/, the caller already authorised. */
  get(path: string, query: string, base: string): Answer {
    const q = parseQuery(query);
    const p = path.replace(/\/$/, '');
    if (p === '/api/v4/account')
      return { status: 200, body: accountView(base, this.state, this.actingUser(), q) };
    if (p === '/api/v4/users') return this.users(base, q, query);
    if (p === '/api/v4/leads/pipelines') {
      const pipelines = this.state.pipelines.map((x) =>
        pipelineView(base, x, this.state.account.id),
      );
      return {
        status: 200,
        body: {
          _total_items: pipelines.length,
          _links: { self: { href: `${base}/api/v4/leads/pipelines` } },
          _embedded: { pipelines },
        },
      };
    }
    const one = /^\/api\/v4\/leads\/(\d+)$/.exec(p);
    if (one) {
      const l = this.state.leads.get(Number(one[1]));
      return l
        ? { status: 200, body: leadView(base, l, asList(q.with).includes('loss_reason')) }
        : { status: 204 };
    }
    if (p === '/api/v4/leads') return this.leads(base, q, query);
    if (p === '/api/v4/tasks') return this.tasks(base, q, query);
    if (p === '/api/v4/events') return this.events(base, q, query);
    if (p === '/api/v4/events/types')
      return {
        status: 200,
        body: {
          _total_items: EVENT_TYPES.length,
          _links: { self: { href: `${base}/api/v4/events/types` } },
          _embedded: { events_types: EVENT_TYPES },
        },
      };
    return {
      status: 404,
      body: problem(404, 'Not Found', `Cannot GET ${base}${path}`),
      type: PROBLEM,
    };
  }

  /** limit: max 250 (events 100); over the max silently becomes 50 [A4] */
  private paging(q: Record<string, QueryValue>, max: number) {
    const rawLimit = typeof q.limit === 'string' ? Number(q.limit) : NaN;
    const limit =
      Number.isFinite(rawLimit) && rawLimit >= 1
        ? rawLimit > max
          ? 50
          : Math.floor(rawLimit)
        : 50;
    const rawPage = typeof q.page === 'string' ? Number(q.page) : 1;
    const page = Number.isFinite(rawPage) && rawPage >= 1 ? Math.floor(rawPage) : 1;
    return { limit, page };
  }

  private list<T>(
    items: T[],
    q: Record<string, QueryValue>,
    max: number,
    base: string,
    path: string,
    query: string,
    key: string,
    view: (x: T) => unknown,
    counted = false,
  ): Answer {
    const { limit, page } = this.paging(q, max);
    const slice = items.slice((page - 1) * limit, page * limit);
    if (!slice.length) return { status: 204 };
    const rest = withoutPage(query);
    const href = (n: number) => `${base}${path}?${rest ? `${rest}&` : ''}page=${n}`;
    const pages = Math.ceil(items.length / limit);
    // uncounted lists always link to a next page, even from a short last one [A-REAL, #193, #209]
    const next = counted ? page < pages : true;
    const body: Record<string, unknown> = {
      ...(counted ? { _total_items: items.length, _page_count: pages } : {}),
      _page: page,
      _links: {
        self: { href: href(page) },
        ...(next ? { next: { href: href(page + 1) } } : {}),
        ...(page > 1 ? { first: { href: href(1) }, prev: { href: href(page - 1) } } : {}),
        ...(counted ? { last: { href: href(pages) } } : {}),
      },
      _embedded: { [key]: slice.map(view) },
    };
    return { status: 200, body };
  }

  private users(base: string, q: Record<string, QueryValue>, query: string): Answer {
    const me = this.state.users.find((u) => u.id === this.actingUser());
    if (!me?.rights.is_admin)
      return { status: 403, body: problem(403, 'Forbidden', 'Не хватает прав'), type: PROBLEM };
    return this.list(
      this.state.users,
      q,
      250,
      base,
      '/api/v4/users',
      query,
      'users',
      (u) =>
        userView(
          base,
          u,
          asList(q.with).includes('group')
            ? (this.state.account._embedded?.users_groups ?? [])
            : undefined,
        ),
      true,
    );
  }

  /** Paging through a big list re-filters nothing: the ordered list is kept until the account changes. */
  private cached<T>(path: string, query: string, build: () => T[]): T[] {
    const s = this.state;
    const version = `${s.events.length}:${s.leads.size}:${s.tasks.size}:${s.simulatedUntil}:${s.account.is_api_filter_enabled}:${s.seq.lead}`;
    if (version !== this.cacheVersion) {
      this.listCache.clear();
      this.cacheVersion = version;
    }
    const key = `${path}?${withoutPage(query)}`;
    let hit = this.listCache.get(key) as T[] | undefined;
    if (!hit) {
      hit = build();
      if (this.listCache.size > 200) this.listCache.clear();
      this.listCache.set(key, hit);
    }
    return hit;
  }

  private leads(base: string, q: Record<string, QueryValue>, query: string): Answer {
    const items = this.cached('/api/v4/leads', query, () => {
      let list = [...this.state.leads.values()].filter((l) => !l.is_deleted);
      const f = obj(q.filter);
      // without the API-filter option, lead filters are silently ignored [G4]
      if (f && this.state.account.is_api_filter_enabled) list = list.filter(leadFilter(f));
      return list.sort(
        order<AmoLead>(obj(q.order), ['created_at', 'updated_at', 'id'], 'id', 'asc'),
      );
    });
    const withLoss = asList(q.with).includes('loss_reason');
    return this.list(items, q, 250, base, '/api/v4/leads', query, 'leads', (l) =>
      leadView(base, l, withLoss),
    );
  }

  private tasks(base: string, q: Record<string, QueryValue>, query: string): Answer {
    const items = this.cached('/api/v4/tasks', query, () => {
      let list = [...this.state.tasks.values()];
      const f = obj(q.filter);
      if (f) list = list.filter(taskFilter(f));
      return list.sort(
        order<AmoTask>(obj(q.order), ['created_at', 'complete_till', 'id'], 'id', 'asc'),
      );
    });
    return this.list(items, q, 250, base, '/api/v4/tasks', query, 'tasks', (t) =>
      taskView(base, t),
    );
  }

  private events(base: string, q: Record<string, QueryValue>, query: string): Answer {
    const f = obj(q.filter);
    if (f) {
      const entities = asList(f.entity);
      const ids = asList(f.entity_id);
      const by = asList(f.created_by);
      if (ids.length && entities.length !== 1)
        return {
          status: 400,
          body: problem(
            400,
            'Bad Request',
            'filter[entity_id] requires exactly one filter[entity]',
            {
              'validation-errors': [],
            },
          ),
          type: PROBLEM,
        };
      if (ids.length > 10 || by.length > 10)
        return {
          status: 400,
          body: problem(400, 'Bad Request', 'Request validation failed', {
            'validation-errors': [
              {
                request_id: '0',
                errors: [
                  {
                    code: 'TooMany',
                    path: ids.length > 10 ? 'filter.entity_id' : 'filter.created_by',
                    detail: 'Max 10 values',
                  },
                ],
              },
            ],
          }),
          type: PROBLEM,
        };
    }
    const items = this.cached('/api/v4/events', query, () => {
      // events are kept in time order: a created_at range narrows the scan by binary search
      let pool: AmoEvent[] = this.state.events;
      const created = f ? range(f.created_at) : null;
      if (created) {
        const lo = firstEventAt(pool, created.from ?? -Infinity);
        const hi = created.to === undefined ? pool.length : firstEventAt(pool, created.to + 1);
        pool = pool.slice(lo, hi);
      }
      // newest first; the list moves while you page through it (new events arrive at the top)
      return (f ? pool.filter(eventFilter(f)) : [...pool]).reverse();
    });
    return this.list(items, q, 100, base, '/api/v4/events', query, 'events', (e) =>
      eventView(base, e, this.state.account.id),
    );
  }
}
