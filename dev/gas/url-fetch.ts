/**
 * UrlFetchApp: real synchronous HTTP (see sync-http.ts) with Apps Script's semantics — a throw on
 * HTTP >= 400 unless muteHttpExceptions, object payloads sent as form fields (multipart when a
 * value is a Blob), fetchAll in parallel, the manifest's urlFetchWhitelist enforced. A host map
 * routes the real services' hosts to local emulators so the bundle runs unmodified. [URLFETCH] [ALLOW]
 */
import { randomBytes } from 'node:crypto';
import type { Host } from './host';
import { BlobView, fromBytes, isByteArray, toSignedBytes } from './blob';
import { unwrap } from './surface';
import type { HttpRequest, HttpResult, SyncHttp } from './sync-http';

export interface HostRoute {
  /** host name test, e.g. /\.amocrm\.ru$/ */
  host: RegExp;
  /** local base URL, e.g. http://127.0.0.1:4010 */
  target: string;
  /** send the runtime's clock as X-Virtual-Time so an emulator can share it */
  forwardClock?: boolean;
}

export interface FetchLogEntry {
  at: number;
  method: string;
  url: string;
  status: number | string;
  ms: number;
}

interface FetchParams {
  url?: string;
  method?: string;
  contentType?: string;
  headers?: Record<string, string>;
  payload?: unknown;
  muteHttpExceptions?: boolean;
  followRedirects?: boolean;
  validateHttpsCertificates?: boolean;
  escaping?: boolean;
}

export const URL_FETCH_SCOPE = 'https://www.googleapis.com/auth/script.external_request';

function whitelistMatches(url: string, prefix: string): boolean {
  const m = /^https:\/\/(\*\.)?([^/]+)(\/.*)$/.exec(prefix);
  if (!m) return false;
  const u = /^https:\/\/([^/?#]+)(\/[^?#]*)?/.exec(url);
  if (!u) return false;
  const host = (u[1] ?? '').toLowerCase();
  const path = u[2] ?? '/';
  const base = (m[2] ?? '').toLowerCase();
  const hostOk = m[1] ? host.endsWith(`.${base}`) : host === base;
  return hostOk && path.startsWith(m[3] ?? '/');
}

export class HttpResponseView {
  readonly gasType = 'HTTPResponse';
  constructor(
    private readonly _host: Host,
    private readonly _status: number,
    private readonly _headers: Record<string, string | string[]>,
    private readonly _body: Buffer,
  ) {}
  getResponseCode(): number {
    return this._status;
  }
  getContentText(charset?: string): string {
    return this._body.toString(
      charset && /^(iso-8859-1|latin1)$/i.test(charset) ? 'latin1' : 'utf8',
    );
  }
  getContent(): number[] {
    return toSignedBytes(this._body);
  }
  getBlob(): BlobView {
    const ct = this._headers['content-type'];
    return new BlobView(
      this._host,
      Buffer.from(this._body),
      Array.isArray(ct) ? ct[0] : (ct ?? null),
    );
  }
  getAs(contentType: string): BlobView {
    return this.getBlob().getAs(contentType);
  }
  getHeaders(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(this._headers))
      out[k] = Array.isArray(v) ? v.join(', ') : v;
    return out;
  }
  getAllHeaders(): Record<string, string | string[]> {
    return { ...this._headers };
  }
}

export class UrlFetchAppView {
  readonly gasType = 'UrlFetchApp';
  constructor(
    private readonly _host: Host,
    private readonly _http: () => SyncHttp,
    private readonly _routes: () => HostRoute[],
    private readonly _log: FetchLogEntry[],
    private readonly _latencyMs: number | 'real',
    private readonly _timeoutMs = 60000,
    private readonly _clientId = 'gas',
  ) {}

  private _build(
    url: string,
    p: FetchParams,
  ): { req: HttpRequest; shownUrl: string; mute: boolean } {
    if (typeof url !== 'string' || !/^https?:\/\//i.test(url))
      this._host.fail(`Invalid argument: ${String(url)}`);
    if (url.length > 2082) this._host.fail(`Limit exceeded: URLFetch URL Length.`);
    const wl = this._host.manifest.urlFetchWhitelist;
    if (wl && !wl.some((prefix) => whitelistMatches(url, prefix))) {
      this._host.fail(
        `Script cannot fetch ${url}: it does not match the urlFetchWhitelist of appsscript.json.`,
      );
    }
    const parsed = /^(https?):\/\/([^/?#:]+)(:\d+)?([^#]*)/i.exec(url);
    if (!parsed) this._host.fail(`Invalid argument: ${url}`);
    const host = (parsed[2] ?? '').toLowerCase();
    const route = this._routes().find((r) => r.host.test(host));
    if (!route) this._host.fail(`Address unavailable: ${url}`);
    const headers: Record<string, string> = {
      'user-agent': 'Mozilla/5.0 (compatible; Google-Apps-Script)',
    };
    for (const [k, v] of Object.entries(p.headers ?? {})) headers[k.toLowerCase()] = String(v);
    headers['x-original-host'] = host;
    // which simulated machine is calling: emulators keep rate limits per caller, as per IP
    headers['x-client-id'] = this._clientId;
    if (route.forwardClock) headers['x-virtual-time'] = String(this._host.clock.now());
    let body: Buffer | undefined;
    const payload = p.payload;
    if (payload !== undefined && payload !== null) {
      if (typeof payload === 'string') {
        body = Buffer.from(payload, 'utf8');
        headers['content-type'] = p.contentType ?? 'application/x-www-form-urlencoded';
      } else if (isByteArray(payload)) {
        body = fromBytes(payload);
        headers['content-type'] = p.contentType ?? 'application/octet-stream';
      } else if (payload instanceof BlobView) {
        body = payload._bytes;
        headers['content-type'] =
          p.contentType ?? payload._contentType ?? 'application/octet-stream';
      } else if (typeof payload === 'object') {
        const entries = Object.entries(payload as Record<string, unknown>).map(
          ([k, v]) => [k, unwrap(v)] as const,
        );
        if (entries.some(([, v]) => v instanceof BlobView)) {
          const boundary = `----GasFormBoundary${randomBytes(8).toString('hex')}`;
          const parts: Buffer[] = [];
          for (const [k, v] of entries) {
            if (v instanceof BlobView) {
              parts.push(
                Buffer.from(
                  `--${boundary}\r\nContent-Disposition: form-data; name="${k}"; filename="${v._name ?? k}"\r\nContent-Type: ${v._contentType ?? 'application/octet-stream'}\r\n\r\n`,
                ),
              );
              parts.push(v._bytes, Buffer.from('\r\n'));
            } else {
              parts.push(
                Buffer.from(
                  `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${String(v)}\r\n`,
                ),
              );
            }
          }
          parts.push(Buffer.from(`--${boundary}--\r\n`));
          body = Buffer.concat(parts);
          headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
        } else {
          body = Buffer.from(
            entries
              .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
              .join('&'),
          );
          headers['content-type'] = p.contentType ?? 'application/x-www-form-urlencoded';
        }
      }
    } else if (p.contentType) headers['content-type'] = p.contentType;
    const local = route.target.replace(/\/$/, '') + (parsed[4] || '/');
    return {
      req: {
        url: local,
        method: (p.method ?? 'get').toUpperCase(),
        headers,
        body,
        timeoutMs: this._timeoutMs,
      },
      shownUrl: url,
      mute: Boolean(p.muteHttpExceptions),
    };
  }

  private _result(
    r: HttpResult,
    shownUrl: string,
    mute: boolean,
    method: string,
  ): HttpResponseView {
    this._log.push({
      at: this._host.clock.now(),
      method,
      url: shownUrl,
      status: r.ok ? r.status : r.error,
      ms: r.ms ?? 0,
    });
    if (!r.ok) {
      if (r.error === 'timeout') this._host.fail(`Timeout: ${shownUrl}`);
      this._host.fail(`Address unavailable: ${shownUrl}`);
    }
    const body = Buffer.from(r.body);
    if (r.status >= 400 && !mute) {
      const text = body.toString('utf8');
      const origin = /^https?:\/\/[^/?#]+/i.exec(shownUrl)?.[0] ?? shownUrl;
      const shown = text.length > 100 ? `${text.slice(0, 100)}...` : text;
      this._host.fail(
        `Request failed for ${origin} returned code ${r.status}. Truncated server response: ${shown} (use muteHttpExceptions option to examine full response)`,
      );
    }
    return new HttpResponseView(this._host, r.status, r.headers, body);
  }

  private _advance(results: HttpResult[]): void {
    // A real clock has already lived through the request; a simulated one is charged for it.
    const clock = this._host.clock;
    if (!clock.advance) return;
    clock.advance(
      this._latencyMs === 'real' ? Math.max(0, ...results.map((r) => r.ms ?? 0)) : this._latencyMs,
    );
  }

  fetch(url: string, params: FetchParams = {}): HttpResponseView {
    const b = this._build(url, params);
    this._host.count('UrlFetchApp.requests');
    const results = this._http().requestAll([b.req]);
    this._advance(results);
    const r = results[0];
    if (!r) return this._host.fail(`Address unavailable: ${b.shownUrl}`);
    return this._result(r, b.shownUrl, b.mute, b.req.method);
  }

  fetchAll(requests: Array<string | FetchParams>): HttpResponseView[] {
    const built = requests.map((r) =>
      typeof r === 'string' ? this._build(r, {}) : this._build(r.url ?? '', r),
    );
    for (const _ of built) this._host.count('UrlFetchApp.requests');
    const results = this._http().requestAll(built.map((b) => b.req));
    this._advance(results);
    return results.map((r, i) => {
      const b = built[i];
      if (!b) return this._host.fail('Address unavailable');
      return this._result(r, b.shownUrl, b.mute, b.req.method);
    });
  }

  getRequest(url: string, params: FetchParams = {}): Record<string, unknown> {
    const b = this._build(url, params);
    return {
      url,
      method: b.req.method.toLowerCase(),
      headers: { ...(params.headers ?? {}) },
      contentType: b.req.headers['content-type'] ?? null,
      payload: b.req.body ? Buffer.from(b.req.body).toString('utf8') : '',
      muteHttpExceptions: b.mute,
      followRedirects: params.followRedirects ?? true,
    };
  }
}
