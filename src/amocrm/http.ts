/**
 * HTTP discipline for amoCRM: at most 7 requests a second, filled with `fetchAll`; 429 → wait
 * what amoCRM asks (a Retry-After header, `retry_after` in a JSON body, or nothing: an HTML or
 * plain-text page from the balancer); 5xx, timeouts and broken JSON → jittered exponential
 * backoff with a cap; 401 → one token refresh, then stop; 402/403 → stop with a status. An empty
 * list is 204 with an empty body. Every wait checks the caller's deadline first: a wait that
 * would cross it is not slept — the caller stops and continues in a later run, and no request
 * goes to amoCRM before the moment it asked for. [docs/services.md §A4, §A5, §G2, §G5, §1.1]
 */
import type { Connection } from './connection';
import { AmoError, OutOfTime } from './errors';
import { refreshTokens } from './oauth';

export const MAX_PER_SECOND = 7;
/** a little slack so a batch never lands inside the previous batch's second */
const WINDOW_MS = 1050;
const MAX_ATTEMPTS = 6;
const LAST_BATCH_KEY = 'amocrm.lastBatchAt';
/** the moment (ms) before which amoCRM asked not to be called: it outlives the run */
export const RETRY_AT_KEY = 'amocrm.retryAt';
const BACKOFF_CAP_MS = 30000;
/** an interactive call (test connection, the sidebar) waits at most this long in all */
export const INTERACTIVE_WAIT_MS = 20000;
/** a Retry-After beyond this is taken as this (a day): a broken header must not stop syncs forever */
const RETRY_AFTER_CAP_MS = 24 * 3600 * 1000;

/**
 * How long a 429 asks to wait (ms), or null when it does not say: a `Retry-After` header in
 * seconds or as an HTTP date, `retry_after` in a JSON body (Kommo's documented form), or
 * "retry after N" in a text body.
 */
export function retryAfterMs(
  headers: Record<string, unknown>,
  text: string,
  now: number,
): number | null {
  const cap = (ms: number) => Math.min(Math.max(0, ms), RETRY_AFTER_CAP_MS);
  const key = Object.keys(headers).find((k) => k.toLowerCase() === 'retry-after');
  const raw = key === undefined ? undefined : headers[key];
  const header = String(Array.isArray(raw) ? raw[0] : (raw ?? '')).trim();
  if (/^\d+(\.\d+)?$/.test(header)) return cap(Number(header) * 1000);
  if (header) {
    const at = Date.parse(header);
    if (Number.isFinite(at)) return cap(at - now);
  }
  try {
    const body = JSON.parse(text) as { retry_after?: unknown };
    const secs = Number(body?.retry_after);
    if (body?.retry_after !== undefined && body.retry_after !== null && Number.isFinite(secs))
      return cap(secs * 1000);
  } catch {
    /* an HTML or plain-text 429 */
  }
  const m = /retry[\s_-]*after\D{0,3}(\d+)/i.exec(text);
  return m ? cap(Number(m[1]) * 1000) : null;
}

export interface HttpOptions {
  /** interactive calls (test connection) give up sooner than the scheduled sync */
  maxAttempts?: number;
  /** no wait may end after this moment (ms); default: INTERACTIVE_WAIT_MS from now */
  deadline?: number;
  /**
   * no fetchAll may end after this moment (ms), judged before it starts by the slowest one so
   * far: Apps Script cannot interrupt a fetchAll, and a run must still write what it fetched
   * before its 6-minute limit. Default: no bound.
   */
  fetchBy?: number;
}

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
  | {
      ok: false;
      /** a 429: what it asked to wait (null: it did not say) */
      throttled?: { ms: number | null };
      error?: AmoError;
      network?: boolean;
    };

export class AmoHttp {
  readonly stats: HttpStats = { requests: 0, retries: 0 };
  private batchStartedAt = 0;
  private readonly maxAttempts: number;
  private readonly deadline: number;
  private readonly fetchBy: number;
  /** the longest a fetchAll of this client took (ms): how long the next one may take */
  private slowestMs = 0;
  constructor(
    private connection: Connection,
    opts: HttpOptions = {},
  ) {
    this.maxAttempts = opts.maxAttempts ?? MAX_ATTEMPTS;
    this.deadline = opts.deadline ?? Date.now() + INTERACTIVE_WAIT_MS;
    this.fetchBy = opts.fetchBy ?? Infinity;
  }

  /** A fetchAll started now, as slow as the slowest so far, would end by `moment` (ms). */
  fitsBefore(moment: number): boolean {
    return Date.now() + this.slowestMs <= moment;
  }

  /**
   * Sleeps `ms` if the wait ends by the deadline; otherwise sleeps nothing and throws: amoCRM's
   * own wait as `rate_limited` (the moment is kept for the next runs), any other as OutOfTime.
   */
  private wait(ms: number, amoAsked: boolean): void {
    if (ms <= 0) return;
    const until = Date.now() + ms;
    if (amoAsked) {
      const props = PropertiesService.getDocumentProperties();
      const kept = Number(props.getProperty(RETRY_AT_KEY) ?? 0);
      if (until > kept) props.setProperty(RETRY_AT_KEY, String(until));
    }
    if (until > this.deadline) {
      if (amoAsked) throw new AmoError('rate_limited', String(Math.ceil(ms / 1000)), until);
      throw new OutOfTime(until);
    }
    Utilities.sleep(ms);
  }

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
    if (!this.batchStartedAt) {
      this.batchStartedAt = Number(CacheService.getScriptCache().get(LAST_BATCH_KEY) ?? 0);
      // amoCRM asked an earlier run to wait: not a request before that moment
      const retryAt = Number(
        PropertiesService.getDocumentProperties().getProperty(RETRY_AT_KEY) ?? 0,
      );
      if (retryAt > Date.now()) this.wait(retryAt - Date.now(), true);
    }
    const wait = this.batchStartedAt + WINDOW_MS - Date.now();
    if (this.batchStartedAt && wait > 0) this.wait(wait, false);
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
    if (status === 429)
      return {
        ok: false,
        throttled: {
          ms: retryAfterMs(res.getHeaders() as Record<string, unknown>, text, Date.now()),
        },
      };
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
      // the bound is taken before the call: once started, it runs to its end
      if (!this.fitsBefore(this.fetchBy)) throw new OutOfTime(Date.now() + this.slowestMs);
      const headers = this.authHeader();
      const began = Date.now();
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
      this.slowestMs = Math.max(this.slowestMs, Date.now() - began);
      this.stats.requests += batch.length;
      const retry: number[] = [];
      let waitMs = 0;
      let amoAsked = false;
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
            out.throttled ? 'blocked' : out.network ? 'network' : 'server',
            `gave up after ${tries} attempts: ${requests[i]?.path ?? ''}`,
          );
        }
        const exponential = Math.min(BACKOFF_CAP_MS, 1000 * 2 ** (tries - 1));
        let backoff: number;
        if (out.throttled?.ms != null) {
          backoff = out.throttled.ms;
          amoAsked = true;
        } else if (out.throttled) {
          backoff = exponential; // a 429 that names no wait: never sooner than a whole second
        } else backoff = exponential * (0.5 + Math.random() / 2);
        waitMs = Math.max(waitMs, backoff);
        retry.push(i);
      });
      if (retry.length) {
        this.stats.retries += retry.length;
        this.wait(waitMs, amoAsked);
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
