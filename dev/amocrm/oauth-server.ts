/**
 * amoCRM's OAuth 2.0 token endpoint: authorization codes valid 20 minutes and once, access tokens
 * for 24 hours, refresh tokens strictly single-use (a reused one answers 401 "Token has been
 * revoked"), redirect_uri compared exactly. [docs/services.md §A2, §G1; amocrm-api-php #123]
 */
import { randomBytes } from 'node:crypto';

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

export interface TokenAnswer {
  status: number;
  body: unknown;
  type: string;
}

const JSON_TYPE = 'application/json';

export class OAuthServer {
  private readonly codes = new Map<string, { expires: number }>();
  private readonly access = new Map<string, { expires: number }>();
  private readonly refresh = new Map<string, 'active' | 'used' | 'revoked'>();

  constructor(
    readonly client: OAuthClient,
    /** the account's clock, unix seconds */
    private readonly now: () => number,
  ) {}

  issueCode(): string {
    const code = `def${randomBytes(24).toString('hex')}`;
    this.codes.set(code, { expires: this.now() + 20 * 60 });
    return code;
  }

  /**
   * The admin turns the integration off (or its grant lapses after 3 months unused): every token
   * issued so far stops working — the API answers 401 to the access tokens, the token endpoint
   * 401 "Token has been revoked" to the refresh tokens, exactly as to a reused one. A new consent
   * (a new authorization code) works again. [docs/services.md §A2, §G1; amocrm-api-php #123, #269]
   */
  revokeAll(): number {
    let n = 0;
    for (const [token, state] of this.refresh)
      if (state === 'active') {
        this.refresh.set(token, 'revoked');
        n++;
      }
    this.access.clear();
    return n;
  }

  accessTokenValid(token: string): boolean {
    const a = this.access.get(token);
    return !!a && a.expires > this.now();
  }

  private bad(status: number, hint: string): TokenAnswer {
    return {
      status,
      type: JSON_TYPE,
      body: {
        hint,
        title: 'Некорректный запрос',
        type: 'https://developers.amocrm.ru/v3/errors/OAuthProblemJson',
        status,
        detail: 'В запросе отсутствует ряд параметров или параметры невалидны',
      },
    };
  }

  /** POST /oauth2/access_token */
  token(raw: Buffer, contentType: string): TokenAnswer {
    let p: Record<string, string>;
    try {
      const text = raw.toString('utf8');
      p = contentType.includes('json')
        ? (JSON.parse(text) as Record<string, string>)
        : Object.fromEntries(new URLSearchParams(text));
    } catch {
      return this.bad(400, 'Invalid request');
    }
    const c = this.client;
    if (p.client_id !== c.clientId || p.client_secret !== c.clientSecret)
      return this.bad(401, 'Client authentication failed');
    if (p.redirect_uri !== c.redirectUri) return this.bad(400, 'redirect_uri mismatch');
    if (p.grant_type === 'authorization_code') {
      const code = this.codes.get(p.code ?? '');
      if (!code || code.expires < this.now())
        return this.bad(400, 'Authorization code has expired');
      this.codes.delete(p.code ?? '');
    } else if (p.grant_type === 'refresh_token') {
      if (this.refresh.get(p.refresh_token ?? '') !== 'active')
        return this.bad(401, 'Token has been revoked');
      this.refresh.set(p.refresh_token ?? '', 'used');
    } else return this.bad(400, 'Unsupported grant type');
    const access = `at.${randomBytes(24).toString('hex')}`;
    const refresh = `rt.${randomBytes(32).toString('hex')}`;
    this.access.set(access, { expires: this.now() + 86400 });
    this.refresh.set(refresh, 'active');
    return {
      status: 200,
      type: JSON_TYPE,
      body: {
        token_type: 'Bearer',
        expires_in: 86400,
        server_time: this.now(),
        access_token: access,
        refresh_token: refresh,
      },
    };
  }
}
