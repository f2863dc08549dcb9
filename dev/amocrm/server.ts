/**
 * The amoCRM API v4 emulator's HTTP front: the account's own subdomain only, per-caller limits,
 * injected faults, bearer tokens (long-lived or OAuth), then the API itself (api.ts). A control
 * API under /_emulator/ (a path the product never calls; control.ts) moves the clock, injects
 * faults and reads the request log. [docs/services.md §A1, §A5]
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readBody, send } from '../emulator/http-util';
import { Rng } from '../emulator/rng';
import type { AccountState } from './account-state';
import { AmoApi, HAL, problem, PROBLEM, type Answer } from './api';
import { handleControl } from './control';
import { breakAt, FaultQueue, type Fault, type FaultKind } from './faults';
import { CallerLimits, type LimitOptions } from './limits';
import { throttleAnswer, type ThrottleShape } from './throttle';
import { OAuthServer, type OAuthClient } from './oauth-server';
import { Simulation } from './simulation';

export type { FaultKind };

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

export interface EmulatorOptions extends LimitOptions {
  oauth?: OAuthClient;
  /** the rate limit's 429 (default: Kommo's documented JSON with retry_after 1, no header) */
  throttle?: Partial<ThrottleShape>;
}

/** The 429 of the per-second limit, unless set otherwise. */
export const DEFAULT_THROTTLE: ThrottleShape = { body: 'json', header: 'none', retryAfter: 1 };
/** An injected 429: the balancer's HTML page, naming no wait [amocrm-api-php issue 526]. */
export const FAULT_THROTTLE: ThrottleShape = { body: 'html', header: 'none', retryAfter: 0 };

export class AmoEmulator {
  /** the account's long-lived token now (revoking it issues a new one, as the head would) */
  longLivedToken: string;
  private readonly newToken: () => string;
  readonly log: RequestLogEntry[] = [];
  readonly faults = new FaultQueue();
  readonly limits: CallerLimits;
  readonly oauthServer: OAuthServer;
  readonly api: AmoApi;
  /** the user the API token acts as (admins may read /users) */
  actingUserId: number;
  /** what the per-second limit's 429 looks like (the control API may change it) */
  throttle: ThrottleShape;
  /** the latest client time seen (X-Virtual-Time), so a new simulated client can start after it */
  lastClientTime = 0;
  private readonly sim: Simulation;
  private logSeq = 0;
  private server?: Server;

  constructor(
    readonly state: AccountState,
    opts: EmulatorOptions = {},
  ) {
    const rng = new Rng(state.seed ^ 0x5eed);
    const token = () =>
      Array.from({ length: 4 }, () => Math.floor(rng.next() * 2 ** 32).toString(36)).join('');
    this.newToken = () => `llt.${token()}${token()}`;
    this.longLivedToken = this.newToken();
    this.oauthServer = new OAuthServer(
      opts.oauth ?? {
        clientId: `client-${state.seed}`,
        clientSecret: `secret-${token()}`,
        redirectUri: 'https://script.google.com/macros/d/local-script-id/usercallback',
      },
      () => this.state.now,
    );
    this.limits = new CallerLimits(opts);
    this.throttle = { ...DEFAULT_THROTTLE, ...opts.throttle };
    this.actingUserId = state.adminUserId;
    this.api = new AmoApi(state, () => this.actingUserId);
    this.sim = new Simulation(state, new Rng(state.seed + 1));
  }

  get oauth(): OAuthClient {
    return this.oauthServer.client;
  }

  // ------------------------------------------------------------ lifecycle
  listen(port = 0): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        if (!res.headersSent)
          send(
            res,
            500,
            problem(500, 'Internal Server Error', e instanceof Error ? e.message : String(e), {
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

  /**
   * The admin revokes the long-lived token in the integration's keys and generates a new one: the
   * old token gets 401 from then on, like any unknown token. [docs/services.md §A2]
   */
  revokeLongLivedToken(): string {
    this.longLivedToken = this.newToken();
    return this.longLivedToken;
  }

  advanceTo(unixSeconds: number): void {
    this.sim.simulateUntil(unixSeconds);
  }

  injectFault(kind: FaultKind, count = 1, ms?: number): void {
    this.faults.add({ kind, ms }, count);
  }

  setApiFilter(enabled: boolean): void {
    this.state.account.is_api_filter_enabled = enabled;
  }

  // ------------------------------------------------------------ request handling
  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const [path = '/', query = ''] = (req.url ?? '/').split('?', 2);
    if (path.startsWith('/_emulator/')) return handleControl(this, req, res, path, query);
    const clientTime = Number(req.headers['x-virtual-time']) || Date.now();
    this.lastClientTime = Math.max(this.lastClientTime, clientTime);
    const client = String(req.headers['x-client-id'] ?? 'anonymous');
    const entry: RequestLogEntry = {
      seq: ++this.logSeq,
      client,
      at: clientTime,
      method: req.method ?? 'GET',
      path,
      query,
      status: 0,
      latencyMs: 0,
    };
    this.log.push(entry);
    if (this.log.length > 200000) this.log.splice(0, 100000);
    const reply = (a: Answer) => {
      entry.status = a.status;
      entry.latencyMs = Date.now() - started;
      send(res, a.status, a.body, a.type ?? HAL, a.headers ?? {});
    };

    // the account's own subdomain only [A1]
    const host = String(req.headers['x-original-host'] ?? req.headers.host ?? '').toLowerCase();
    const sub = host.split('.')[0];
    const base = `https://${this.state.account.subdomain}.amocrm.ru`;
    if (sub === 'www')
      return reply({
        status: 404,
        body: '<html><body><h1>404</h1><p>Страница не найдена</p></body></html>',
        type: 'text/html',
      });
    if (
      !host.startsWith('127.0.0.1') &&
      !host.startsWith('localhost') &&
      sub !== this.state.account.subdomain
    )
      return reply({
        status: 401,
        body: problem(401, 'Unauthorized', 'Account not found'),
        type: PROBLEM,
      });

    const verdict = this.limits.check(client, clientTime);
    if (verdict === 'blocked')
      return reply({ status: 403, body: '403 Forbidden', type: 'text/plain' });
    if (verdict === 'rate') return reply(this.throttled(client, clientTime, this.throttle));

    const fault = this.faults.take(path, clientTime);
    if (fault) {
      const answer = await this.faulted(fault, req, path, query, base, client, clientTime);
      if (answer === 'timeout') {
        entry.status = 'timeout';
        setTimeout(() => res.destroy(), fault.ms ?? 70000);
        return;
      }
      if (answer.truncated !== undefined) {
        entry.status = 200;
        res.writeHead(200, { 'content-type': `${HAL}; charset=utf-8` });
        res.end(answer.truncated);
        return;
      }
      return reply(answer);
    }
    return reply(await this.route(req, path, query, base));
  }

  /** A 429 of this shape; the wait it names holds for the caller (asking sooner is a violation). */
  private throttled(client: string, time: number, shape: ThrottleShape): Answer {
    if (shape.retryAfter > 0) this.limits.holdOff(client, time, shape.retryAfter * 1000);
    return throttleAnswer(shape, time);
  }

  private async faulted(
    fault: Fault,
    req: IncomingMessage,
    path: string,
    query: string,
    base: string,
    client: string,
    time: number,
  ): Promise<(Answer & { truncated?: string }) | 'timeout'> {
    switch (fault.kind) {
      case '500':
        return {
          status: 500,
          body: problem(500, 'Internal Server Error', 'Internal Server Error', {
            trace_id: randomBytes(8).toString('hex'),
          }),
          type: PROBLEM,
        };
      case '502':
        return {
          status: 502,
          body: '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>',
          type: 'text/html',
        };
      case '429':
        return this.throttled(client, time, { ...FAULT_THROTTLE, ...fault.throttle });
      case '402':
        return {
          status: 402,
          body: problem(402, 'Payment Required', 'Payment required'),
          type: PROBLEM,
        };
      case '401':
        return {
          status: 401,
          body: problem(401, 'Unauthorized', 'Неверный логин или пароль'),
          type: PROBLEM,
        };
      case 'blocked': // what a blocked client gets after repeated 429s [A5]
        return { status: 403, body: '403 Forbidden', type: 'text/plain' };
      case 'timeout':
        return 'timeout';
      case 'truncated': {
        const full = await this.route(req, path, query, base);
        const text = JSON.stringify(full.body ?? {});
        return { status: 200, truncated: text.slice(0, Math.max(1, Math.floor(text.length / 2))) };
      }
      case 'malformed': {
        const full = await this.route(req, path, query, base);
        if (full.status !== 200 || full.body === undefined) return full;
        const body: unknown = JSON.parse(JSON.stringify(full.body));
        return { ...full, body: fault.path ? breakAt(body, fault.path, fault.value) : fault.value };
      }
    }
  }

  private authorized(req: IncomingMessage): boolean {
    const m = /^Bearer\s+(.+)$/i.exec(String(req.headers.authorization ?? ''));
    if (!m) return false;
    const token = (m[1] ?? '').trim();
    return token === this.longLivedToken || this.oauthServer.accessTokenValid(token);
  }

  private async route(
    req: IncomingMessage,
    path: string,
    query: string,
    base: string,
  ): Promise<Answer> {
    const method = req.method ?? 'GET';
    if (path === '/oauth2/access_token') {
      if (method !== 'POST')
        return {
          status: 405,
          body: problem(405, 'Method Not Allowed', 'Method Not Allowed'),
          type: PROBLEM,
        };
      return this.oauthServer.token(await readBody(req), String(req.headers['content-type'] ?? ''));
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
    return this.api.get(path, query, base);
  }

  nextLogSeq(): number {
    return this.logSeq;
  }
}
