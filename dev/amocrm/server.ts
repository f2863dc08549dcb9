/**
 * The amoCRM API v4 emulator: the endpoints, shapes, paging, filters, auth, limits and errors of
 * ../shared/reference/amocrm-api.md, over an account that lives through simulated days. A control
 * API under /_emulator/ (a path the product never calls) moves the clock, injects faults and
 * reads the request log.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  LOST_STATUS,
  WON_STATUS,
  type AmoEvent,
  type AmoLead,
  type AmoTask,
} from '../../src/amocrm/api-types';
import { asList, obj, parseQuery, readBody, send, type QueryValue } from '../emulator/http-util';
import { Rng } from '../emulator/rng';
import type { AccountState } from './account-state';
import { EVENT_TYPES, eventView, leadView, pipelineView, taskView, userView } from './api-views';
import { Simulation } from './simulation';

export type FaultKind = '500' | '502' | 'timeout' | 'truncated' | '429' | '402' | '401' | 'blocked';

export interface RequestLogEntry {
  seq: number;
  /** X-Client-Id of the caller */
  client: string;
  at: number; // client time (X-Virtual-Time) or real time, ms
  method: string;
  path: string;
  query: string;
  status: number | 'timeout';
  latencyMs: number;
}

export interface EmulatorOptions {
  /** requests per second before 429 [K1] */
  rateLimit?: number;
  /** 429s within a minute that get the client blocked (403 on everything) */
  blockAfterViolations?: number;
  blockMs?: number;
  oauth?: { clientId: string; clientSecret: string; redirectUri: string };
}

const PROBLEM = 'application/problem+json';
const HAL = 'application/hal+json';

function problem(
  status: number,
  title: string,
  detail: string,
  extra: Record<string, unknown> = {},
) {
  return { title, type: `https://httpstatus.es/${status}`, status, detail, ...extra };
}

const num = (v: string) => Number(v);

export class AmoEmulator {
  readonly longLivedToken: string;
  readonly oauth: { clientId: string; clientSecret: string; redirectUri: string };
  readonly log: RequestLogEntry[] = [];
  private readonly sim: Simulation;
  private logSeq = 0;
  /** per caller (X-Client-Id, as per IP): request times, 429 times, blocked until */
  private readonly callers = new Map<
    string,
    { recent: number[]; violations: number[]; blockedUntil: number }
  >();
  /** the latest client time seen (X-Virtual-Time), so a new simulated client can start after it */
  private lastClientTime = 0;
  private readonly faults: Array<{ kind: FaultKind; ms?: number }> = [];
  private readonly codes = new Map<string, { expires: number }>();
  private readonly access = new Map<string, { expires: number }>();
  private readonly refresh = new Map<string, 'active' | 'used'>();
  /** the user the API token acts as (admins may read /users) */
  actingUserId: number;
  private server?: Server;
  /** filtered, ordered lists by query (without the page), while the account has not changed */
  private listCache = new Map<string, unknown[]>();
  private cacheVersion = '';

  constructor(
    readonly state: AccountState,
    private readonly opts: EmulatorOptions = {},
  ) {
    const rng = new Rng(state.seed ^ 0x5eed);
    const token = () =>
      Array.from({ length: 4 }, () => Math.floor(rng.next() * 2 ** 32).toString(36)).join('');
    this.longLivedToken = `llt.${token()}${token()}`;
    this.oauth = opts.oauth ?? {
      clientId: `client-${state.seed}`,
      clientSecret: `secret-${token()}`,
      redirectUri: 'https://script.google.com/macros/d/local-script-id/usercallback',
    };
    this.actingUserId = state.adminUserId;
    this.sim = new Simulation(state, new Rng(state.seed + 1));
  }

  // ------------------------------------------------------------ lifecycle
  listen(port = 0): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        if (!res.headersSent)
          send(
            res,
            500,
            problem(500, 'Internal Server Error', String((e as Error).message), {
              trace_id: randomBytes(8).toString('hex'),
            }),
            PROBLEM,
          );
      });
    });
    // keep idle connections longer than any client's idle time, or a reused socket dies mid-request
    this.server.keepAliveTimeout = 120000;
    return new Promise((resolve) => {
      this.server?.listen(port, '127.0.0.1', () => {
        const addr = this.server?.address();
        resolve(`http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : port}`);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  // ------------------------------------------------------------ control
  advanceTo(unixSeconds: number): void {
    this.sim.simulateUntil(unixSeconds);
  }

  injectFault(kind: FaultKind, count = 1, ms?: number): void {
    for (let i = 0; i < count; i++) this.faults.push({ kind, ms });
  }

  issueCode(): string {
    const code = `def${randomBytes(24).toString('hex')}`;
    this.codes.set(code, { expires: this.state.now + 20 * 60 });
    return code;
  }

  setApiFilter(enabled: boolean): void {
    this.state.account.is_api_filter_enabled = enabled;
  }

  // ------------------------------------------------------------ request handling
  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const [path, query = ''] = (req.url ?? '/').split('?', 2);
    if (path.startsWith('/_emulator/')) return this.control(req, res, path, query);
    const clientTime = Number(req.headers['x-virtual-time']) || Date.now();
    this.lastClientTime = Math.max(this.lastClientTime, clientTime);
    const entry: RequestLogEntry = {
      seq: ++this.logSeq,
      client: String(req.headers['x-client-id'] ?? 'anonymous'),
      at: clientTime,
      method: req.method ?? 'GET',
      path,
      query,
      status: 0,
      latencyMs: 0,
    };
    this.log.push(entry);
    if (this.log.length > 200000) this.log.splice(0, 100000);
    const finish = (status: number | 'timeout') => {
      entry.status = status;
      entry.latencyMs = Date.now() - started;
    };
    const reply = (
      status: number,
      body: unknown,
      type = HAL,
      headers: Record<string, string> = {},
    ) => {
      finish(status);
      send(res, status, body, type, headers);
    };

    // the account's own subdomain only [A1]
    const host = String(req.headers['x-original-host'] ?? req.headers.host ?? '').toLowerCase();
    const sub = host.split('.')[0];
    const base = `https://${this.state.account.subdomain}.amocrm.ru`;
    if (sub === 'www')
      return reply(
        404,
        '<html><body><h1>404</h1><p>Страница не найдена</p></body></html>',
        'text/html',
      );
    if (
      !host.startsWith('127.0.0.1') &&
      !host.startsWith('localhost') &&
      sub !== this.state.account.subdomain
    ) {
      return reply(401, problem(401, 'Unauthorized', 'Account not found'), PROBLEM);
    }

    // limits: 7 requests per second; repeated violation → everything answers 403 [K1] [K2]
    const callerId = String(req.headers['x-client-id'] ?? 'anonymous');
    let caller = this.callers.get(callerId);
    if (!caller)
      this.callers.set(callerId, (caller = { recent: [], violations: [], blockedUntil: 0 }));
    if (clientTime < caller.blockedUntil) return reply(403, '403 Forbidden', 'text/plain');
    const rate = this.opts.rateLimit ?? 7;
    while (caller.recent.length && caller.recent[0] <= clientTime - 1000) caller.recent.shift();
    caller.recent.push(clientTime);
    if (caller.recent.length > rate) {
      while (caller.violations.length && caller.violations[0] <= clientTime - 60000)
        caller.violations.shift();
      caller.violations.push(clientTime);
      if (caller.violations.length >= (this.opts.blockAfterViolations ?? 20)) {
        caller.blockedUntil = clientTime + (this.opts.blockMs ?? 10 * 60000);
        return reply(403, '403 Forbidden', 'text/plain');
      }
      return reply(
        429,
        {
          title: 'Too Many Requests',
          type: 'https://httpstatus.es/429',
          status: 429,
          detail:
            'You have sent too many requests in a given amount of time. Please try again later.',
          retry_after: 1,
        },
        PROBLEM,
        { 'retry-after': '1' },
      );
    }

    const fault = this.faults.shift();
    if (fault) {
      switch (fault.kind) {
        case '500':
          return reply(
            500,
            problem(500, 'Internal Server Error', 'Internal Server Error', {
              trace_id: randomBytes(8).toString('hex'),
            }),
            PROBLEM,
          );
        case '502':
          return reply(
            502,
            '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>',
            'text/html',
          );
        case '429':
          return reply(429, '429 Too Many Requests', 'text/plain', { 'retry-after': '2' });
        case '402':
          return reply(402, problem(402, 'Payment Required', 'Payment required'), PROBLEM);
        case '401':
          return reply(401, problem(401, 'Unauthorized', 'Неверный логин или пароль'), PROBLEM);
        case 'blocked': // what a blocked client gets after repeated 429s [A5]
          return reply(403, '403 Forbidden', 'text/plain');
        case 'timeout':
          finish('timeout');
          setTimeout(() => res.destroy(), fault.ms ?? 70000);
          return;
        case 'truncated': {
          const full = await this.route(req, path, query, base);
          const text = JSON.stringify(full.body ?? {});
          finish(200);
          res.writeHead(200, { 'content-type': `${HAL}; charset=utf-8` });
          res.end(text.slice(0, Math.max(1, Math.floor(text.length / 2))));
          return;
        }
      }
    }

    const out = await this.route(req, path, query, base);
    return reply(out.status, out.body, out.type ?? HAL, out.headers);
  }

  private authorized(req: IncomingMessage): boolean {
    const m = /^Bearer\s+(.+)$/i.exec(String(req.headers.authorization ?? ''));
    if (!m) return false;
    const token = m[1].trim();
    if (token === this.longLivedToken) return true;
    const a = this.access.get(token);
    return !!a && a.expires > this.state.now;
  }

  private async route(
    req: IncomingMessage,
    path: string,
    query: string,
    base: string,
  ): Promise<{ status: number; body?: unknown; type?: string; headers?: Record<string, string> }> {
    const method = req.method ?? 'GET';
    if (path === '/oauth2/access_token') {
      if (method !== 'POST')
        return {
          status: 405,
          body: problem(405, 'Method Not Allowed', 'Method Not Allowed'),
          type: PROBLEM,
        };
      return this.token(await readBody(req), String(req.headers['content-type'] ?? ''));
    }
    if (!path.startsWith('/api/v4/'))
      return {
        status: 404,
        body: problem(404, 'Not Found', `Cannot ${method} ${base}${path}`),
        type: PROBLEM,
      };
    if (!this.authorized(req))
      return {
        status: 401,
        body: problem(401, 'Unauthorized', 'Неверный логин или пароль'),
        type: PROBLEM,
      };
    if (method !== 'GET')
      return {
        status: 405,
        body: problem(405, 'Method Not Allowed', 'Method Not Allowed'),
        type: PROBLEM,
      };
    const q = parseQuery(query);
    const p = path.replace(/\/$/, '');
    if (p === '/api/v4/account') return { status: 200, body: this.accountView(base, q) };
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
    if (p === '/api/v4/events/types') {
      return {
        status: 200,
        body: {
          _total_items: EVENT_TYPES.length,
          _links: { self: { href: `${base}/api/v4/events/types` } },
          _embedded: { events_types: EVENT_TYPES },
        },
      };
    }
    return {
      status: 404,
      body: problem(404, 'Not Found', `Cannot GET ${base}${path}`),
      type: PROBLEM,
    };
  }

  private accountView(base: string, q: Record<string, QueryValue>) {
    const a = this.state.account;
    const w = new Set(asList(q.with));
    const embedded: Record<string, unknown> = {};
    if (w.has('datetime_settings'))
      embedded.datetime_settings = {
        date_pattern: 'd.m.Y H:i',
        short_date_pattern: 'd.m.Y',
        short_time_pattern: 'H:i',
        date_formant: 'd.m.Y',
        time_format: 'H:i:s',
        ...a._embedded?.datetime_settings,
      };
    if (w.has('task_types'))
      embedded.task_types = (a._embedded?.task_types ?? []).map((t) => ({
        color: null,
        icon_id: null,
        ...t,
      }));
    if (w.has('users_groups'))
      embedded.users_groups = (a._embedded?.users_groups ?? []).map((g) => ({ uuid: null, ...g }));
    return {
      id: a.id,
      name: a.name,
      subdomain: a.subdomain,
      current_user_id: this.actingUserId,
      country: 'RU',
      customers_mode: 'disabled',
      is_unsorted_on: true,
      is_loss_reason_enabled: true,
      is_helpbot_enabled: false,
      is_technical_account: false,
      contact_name_display_order: 1,
      ...(w.has('is_api_filter_enabled')
        ? { is_api_filter_enabled: a.is_api_filter_enabled ?? false }
        : {}),
      _links: { self: { href: `${base}/api/v4/account` } },
      ...(Object.keys(embedded).length ? { _embedded: embedded } : {}),
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

  private links(base: string, path: string, query: string, page: number, full: boolean) {
    const rest = query
      .split('&')
      .filter((x) => x && !x.startsWith('page='))
      .join('&');
    const href = (n: number) => `${base}${path}?${rest ? `${rest}&` : ''}page=${n}`;
    return {
      self: { href: href(page) },
      ...(full ? { next: { href: href(page + 1) } } : {}),
      ...(page > 1 ? { first: { href: href(1) }, prev: { href: href(page - 1) } } : {}),
    };
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
    counts = false,
  ) {
    const { limit, page } = this.paging(q, max);
    const slice = items.slice((page - 1) * limit, page * limit);
    if (!slice.length) return { status: 204 };
    const body: Record<string, unknown> = {
      ...(counts
        ? { _total_items: items.length, _page_count: Math.ceil(items.length / limit) }
        : {}),
      _page: page,
      // a full page always links to a next one, which may be empty (→ 204) [I-193]
      _links: this.links(base, path, query, page, slice.length === limit),
      _embedded: { [key]: slice.map(view) },
    };
    return { status: 200, body };
  }

  private users(base: string, q: Record<string, QueryValue>, query: string) {
    const me = this.state.users.find((u) => u.id === this.actingUserId);
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
      (u) => userView(base, u),
      true,
    );
  }

  /** Paging through a big list re-filters nothing: the ordered list is kept until the account changes. */
  private cached<T>(path: string, query: string, build: () => T[]): T[] {
    const version = `${this.state.events.length}:${this.state.leads.size}:${this.state.tasks.size}:${this.state.simulatedUntil}:${this.state.account.is_api_filter_enabled}`;
    if (version !== this.cacheVersion) {
      this.listCache.clear();
      this.cacheVersion = version;
    }
    const key = `${path}?${query
      .split('&')
      .filter((x) => x && !x.startsWith('page='))
      .join('&')}`;
    let hit = this.listCache.get(key) as T[] | undefined;
    if (!hit) {
      hit = build();
      if (this.listCache.size > 200) this.listCache.clear();
      this.listCache.set(key, hit);
    }
    return hit;
  }

  private leads(base: string, q: Record<string, QueryValue>, query: string) {
    const items = this.cached('/api/v4/leads', query, () => this.leadList(q));
    const withLoss = asList(q.with).includes('loss_reason');
    return this.list(items, q, 250, base, '/api/v4/leads', query, 'leads', (l) =>
      leadView(base, l, withLoss),
    );
  }

  private leadList(q: Record<string, QueryValue>): AmoLead[] {
    let items = [...this.state.leads.values()];
    const f = obj(q.filter);
    // Without the API-filter option, lead filters are silently ignored [G4]
    if (f && this.state.account.is_api_filter_enabled) items = items.filter(leadFilter(f));
    return items.sort(order(obj(q.order), ['created_at', 'updated_at', 'id'], 'id', 'asc'));
  }

  private tasks(base: string, q: Record<string, QueryValue>, query: string) {
    const items = this.cached('/api/v4/tasks', query, () => {
      let list = [...this.state.tasks.values()];
      const f = obj(q.filter);
      if (f) list = list.filter(taskFilter(f));
      return list.sort(order(obj(q.order), ['created_at', 'complete_till', 'id'], 'id', 'asc'));
    });
    return this.list(items, q, 250, base, '/api/v4/tasks', query, 'tasks', (t) =>
      taskView(base, t),
    );
  }

  private events(base: string, q: Record<string, QueryValue>, query: string) {
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
            { 'validation-errors': [] },
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
      let pool = this.state.events;
      const created = f ? range(f.created_at) : null;
      if (created) {
        const lo = lowerBound(pool, created.from ?? -Infinity);
        const hi = created.to === undefined ? pool.length : lowerBound(pool, created.to + 1);
        pool = pool.slice(lo, hi);
      }
      // newest first; the list moves while you page through it (new events arrive at the top)
      return (f ? pool.filter(eventFilter(f)) : [...pool]).reverse();
    });
    return this.list(items, q, 100, base, '/api/v4/events', query, 'events', (e) =>
      eventView(base, e, this.state.account.id),
    );
  }

  // ------------------------------------------------------------ OAuth 2.0 [A2]
  private token(raw: Buffer, contentType: string): { status: number; body: unknown; type: string } {
    let p: Record<string, string>;
    try {
      p = contentType.includes('json')
        ? (JSON.parse(raw.toString('utf8')) as Record<string, string>)
        : (Object.fromEntries(new URLSearchParams(raw.toString('utf8'))) as Record<string, string>);
    } catch {
      return {
        status: 400,
        body: {
          title: 'Некорректный запрос',
          type: 'https://developers.amocrm.ru/v3/errors/OAuthProblemJson',
          status: 400,
          detail: 'В запросе отсутствует ряд параметров или параметры невалидны',
        },
        type: 'application/json',
      };
    }
    const bad = (status: number, hint: string) => ({
      status,
      type: 'application/json',
      body: {
        hint,
        title: 'Некорректный запрос',
        type: 'https://developers.amocrm.ru/v3/errors/OAuthProblemJson',
        status,
        detail: 'В запросе отсутствует ряд параметров или параметры невалидны',
      },
    });
    if (p.client_id !== this.oauth.clientId || p.client_secret !== this.oauth.clientSecret)
      return bad(401, 'Client authentication failed');
    if (p.redirect_uri !== this.oauth.redirectUri) return bad(400, 'redirect_uri mismatch');
    if (p.grant_type === 'authorization_code') {
      const c = this.codes.get(p.code);
      if (!c || c.expires < this.state.now) return bad(400, 'Authorization code has expired');
      this.codes.delete(p.code);
    } else if (p.grant_type === 'refresh_token') {
      const r = this.refresh.get(p.refresh_token);
      if (r !== 'active') return bad(401, 'Token has been revoked');
      this.refresh.set(p.refresh_token, 'used');
    } else return bad(400, 'Unsupported grant type');
    const access = `at.${randomBytes(24).toString('hex')}`;
    const refresh = `rt.${randomBytes(32).toString('hex')}`;
    this.access.set(access, { expires: this.state.now + 86400 });
    this.refresh.set(refresh, 'active');
    return {
      status: 200,
      type: 'application/json',
      body: {
        token_type: 'Bearer',
        expires_in: 86400,
        server_time: this.state.now,
        access_token: access,
        refresh_token: refresh,
      },
    };
  }

  // ------------------------------------------------------------ control API
  private async control(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    query: string,
  ): Promise<void> {
    const body = req.method === 'POST' ? await readBody(req) : Buffer.alloc(0);
    let json: Record<string, unknown>;
    try {
      json = body.length ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {};
    } catch {
      return send(res, 400, { error: 'body must be JSON' });
    }
    const q = parseQuery(query);
    switch (path) {
      case '/_emulator/state':
        return send(res, 200, {
          now: this.state.now,
          subdomain: this.state.account.subdomain,
          token: this.longLivedToken,
          oauth: this.oauth,
          leads: this.state.leads.size,
          events: this.state.events.length,
          tasks: this.state.tasks.size,
          users: this.state.users.length,
          pipelines: this.state.pipelines.map((p) => ({ id: p.id, name: p.name })),
          apiFilter: this.state.account.is_api_filter_enabled,
          adminUserId: this.state.adminUserId,
          deletedUserId: this.state.deletedUserId,
          pendingFaults: this.faults.length,
          lastClientTime: this.lastClientTime,
        });
      case '/_emulator/clock': {
        if (typeof json.set === 'number') this.advanceTo(json.set);
        if (typeof json.advanceDays === 'number')
          this.advanceTo(this.state.now + json.advanceDays * 86400);
        if (typeof json.advanceSeconds === 'number')
          this.advanceTo(this.state.now + json.advanceSeconds);
        return send(res, 200, {
          now: this.state.now,
          events: this.state.events.length,
          leads: this.state.leads.size,
        });
      }
      case '/_emulator/faults':
        this.injectFault(
          String(json.kind) as FaultKind,
          typeof json.count === 'number' ? json.count : 1,
          typeof json.ms === 'number' ? json.ms : undefined,
        );
        return send(res, 200, { pending: this.faults.length });
      case '/_emulator/faults/clear':
        this.faults.length = 0;
        return send(res, 200, { pending: 0 });
      case '/_emulator/api-filter':
        this.setApiFilter(Boolean(json.enabled));
        return send(res, 200, { apiFilter: this.state.account.is_api_filter_enabled });
      case '/_emulator/acting-user':
        this.actingUserId = Number(json.userId);
        return send(res, 200, { actingUserId: this.actingUserId });
      case '/_emulator/oauth/code':
        return send(res, 200, { code: this.issueCode() });
      case '/_emulator/unblock':
        this.callers.clear();
        return send(res, 200, { ok: true });
      case '/_emulator/requests': {
        const since = Number(typeof q.since === 'string' ? q.since : 0);
        return send(res, 200, { requests: this.log.filter((r) => r.seq > since) });
      }
      case '/_emulator/dump':
        return send(res, 200, {
          account: this.state.account,
          users: this.state.users,
          pipelines: this.state.pipelines,
          leads: [...this.state.leads.values()],
          events: this.state.events,
          tasks: [...this.state.tasks.values()],
        });
      default:
        return send(res, 404, { error: `unknown control path ${path}` });
    }
  }
}

function lowerBound(events: AmoEvent[], t: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (events[mid].created_at < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function range(v: QueryValue | undefined): { from?: number; to?: number } | null {
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

function leadFilter(f: Record<string, QueryValue>) {
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

function taskFilter(f: Record<string, QueryValue>) {
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

function eventFilter(f: Record<string, QueryValue>) {
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

function order(
  o: Record<string, QueryValue> | undefined,
  allowed: string[],
  defKey: string,
  defDir: 'asc' | 'desc',
) {
  let key = defKey;
  let dir = defDir;
  for (const [k, v] of Object.entries(o ?? {})) {
    if (allowed.includes(k) && (v === 'asc' || v === 'desc')) {
      key = k;
      dir = v;
    }
  }
  return <T>(a: T, b: T) => {
    const x = (a as Record<string, number>)[key];
    const y = (b as Record<string, number>)[key];
    const c = x - y || (a as Record<string, number>).id - (b as Record<string, number>).id;
    return dir === 'asc' ? c : -c;
  };
}

export { WON_STATUS, LOST_STATUS };
