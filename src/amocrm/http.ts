/**
 * HTTP discipline for amoCRM: at most 7 requests a second, filled with `fetchAll`; 429 → wait
 * Retry-After; 5xx, timeouts and broken JSON → jittered exponential backoff with a cap; 401 →
 * one token refresh, then stop; 402/403 → stop with a status. An empty list is 204 with an empty
 * body. [docs/services.md §A4, §A5, §G2, §G5; docs/services.md §1.3]
 */
import type { Connection } from './connection';
import { AmoError } from './errors';
import { refreshTokens } from './oauth';

export const MAX_PER_SECOND = 7;
/** a little slack so a batch never lands inside the previous batch's second */
const WINDOW_MS = 1050;
const MAX_ATTEMPTS = 6;
const LAST_BATCH_KEY = 'amocrm.lastBatchAt';
const BACKOFF_CAP_MS = 30000;

export interface HttpStats {
  requests: number;
  retries: number;
}

/** One GET of the API: a path and its query string (without '?'). */
export interface PageRequest {
  path: string;
  query: string;
}

type Outcome =
  | { ok: true; status: number; json: unknown }
  | { ok: false; retryAfterMs?: number; error?: AmoError; network?: boolean };

export class AmoHttp {
  readonly stats: HttpStats = { requests: 0, retries: 0 };
  private batchStartedAt = 0;
  constructor(
    private connection: Connection,
    /** interactive calls (test connection) give up sooner than the scheduled sync */
    private readonly maxAttempts = MAX_ATTEMPTS,
  ) {}

  private authHeader(): Record<string, string> {
    const a = this.connection.auth;
    if (!a) throw new AmoError('not_configured');
    return { Authorization: `Bearer ${a.kind === 'token' ? a.token : a.accessToken}` };
  }

  /**
   * Waits so that no second ever sees more than 7 requests — also across clients and runs that
   * follow each other closely (test connection, then a sync): the last batch's time is shared
   * through the script cache.
   */
  private pace(): void {
    if (!this.batchStartedAt)
      this.batchStartedAt = Number(CacheService.getScriptCache().get(LAST_BATCH_KEY) ?? 0);
    const wait = this.batchStartedAt + WINDOW_MS - Date.now();
    if (this.batchStartedAt && wait > 0) Utilities.sleep(wait);
    this.batchStartedAt = Date.now();
    CacheService.getScriptCache().put(LAST_BATCH_KEY, String(this.batchStartedAt), 60);
  }

  private classify(res: GoogleAppsScript.URL_Fetch.HTTPResponse): Outcome {
    const status = res.getResponseCode();
    const text = res.getContentText();
    if (status === 204) return { ok: true, status, json: null };
    if (status === 200) {
      try {
        return { ok: true, status, json: JSON.parse(text) };
      } catch {
        return { ok: false }; // truncated or broken JSON: try again
      }
    }
    if (status === 429) {
      const headers = res.getHeaders() as Record<string, string>;
      const header = Number(headers['Retry-After'] ?? headers['retry-after']);
      let body = NaN;
      try {
        body = Number((JSON.parse(text) as { retry_after?: number }).retry_after);
      } catch {
        /* a 429 without JSON */
      }
      const secs =
        Number.isFinite(header) && header > 0
          ? header
          : Number.isFinite(body) && body > 0
            ? body
            : 1;
      return { ok: false, retryAfterMs: Math.min(secs, 300) * 1000 };
    }
    if (status === 401) {
      // a request to an account that does not exist answers 401 too (legacy code 101) [A10]
      const missing = /account not found|аккаунт не найден/i.test(text);
      return {
        ok: false,
        error: new AmoError(
          missing ? 'bad_subdomain' : 'unauthorized',
          `401 ${text.slice(0, 120)}`,
        ),
      };
    }
    if (status === 402) return { ok: false, error: new AmoError('payment_required') };
    if (status === 403)
      return {
        ok: false,
        error: new AmoError(
          text.trim().startsWith('{') ? 'forbidden' : 'blocked',
          `403 ${text.slice(0, 60)}`,
        ),
      };
    if (status === 404)
      return { ok: false, error: new AmoError('bad_subdomain', `404 ${text.slice(0, 60)}`) };
    if (status >= 500) return { ok: false };
    return { ok: false, error: new AmoError('server', `${status} ${text.slice(0, 120)}`) };
  }

  /**
   * GETs many paths, 7 at a time, retrying what failed. Results come back in request order;
   * `null` is an empty (204) answer.
   */
  getAll(requests: PageRequest[]): unknown[] {
    const results: unknown[] = new Array(requests.length);
    const attempts = new Array<number>(requests.length).fill(0);
    const url = (r: PageRequest) =>
      `${this.connection.baseUrl}${r.path}${r.query ? `?${r.query}` : ''}`;
    let pending = requests.map((_, i) => i);
    let refreshed = false;
    while (pending.length) {
      const batch = pending.slice(0, MAX_PER_SECOND);
      pending = pending.slice(MAX_PER_SECOND);
      this.pace();
      const headers = this.authHeader();
      let responses: Array<GoogleAppsScript.URL_Fetch.HTTPResponse | null>;
      try {
        responses = UrlFetchApp.fetchAll(
          batch.map((i) => ({
            url: url(requests[i] ?? { path: '', query: '' }),
            headers,
            muteHttpExceptions: true,
          })),
        );
      } catch (e) {
        // a timeout or a dropped connection fails the whole fetchAll: retry the batch alone
        responses = batch.length === 1 ? [null] : batch.map(() => null);
        const message = e instanceof Error ? e.message : String(e);
        if (!/^(Timeout|Address unavailable|DNS error|Unexpected error)/.test(message)) throw e;
      }
      this.stats.requests += batch.length;
      const retry: number[] = [];
      let waitMs = 0;
      batch.forEach((i, k) => {
        const res = responses[k] ?? null;
        const out: Outcome = res ? this.classify(res) : { ok: false, network: true };
        if (out.ok) {
          results[i] = out.json;
          return;
        }
        const auth = this.connection.auth;
        if (out.error?.code === 'unauthorized' && auth?.kind === 'oauth' && !refreshed) {
          refreshed = true;
          this.connection = { ...this.connection, auth: refreshTokens(auth) };
          retry.push(i);
          return;
        }
        if (out.error) throw out.error;
        const tries = (attempts[i] ?? 0) + 1;
        attempts[i] = tries;
        if (tries >= this.maxAttempts) {
          throw new AmoError(
            out.retryAfterMs ? 'blocked' : out.network ? 'network' : 'server',
            `gave up after ${tries} attempts: ${requests[i]?.path ?? ''}`,
          );
        }
        const backoff =
          out.retryAfterMs ??
          Math.min(BACKOFF_CAP_MS, 1000 * 2 ** (tries - 1)) * (0.5 + Math.random() / 2);
        waitMs = Math.max(waitMs, backoff);
        retry.push(i);
      });
      if (retry.length) {
        this.stats.retries += retry.length;
        if (waitMs) Utilities.sleep(waitMs);
        pending = retry.concat(pending);
      }
    }
    return results;
  }

  get(path: string, query = ''): unknown {
    return this.getAll([{ path, query }])[0];
  }

  get currentConnection(): Connection {
    return this.connection;
  }
}
