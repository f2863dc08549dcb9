/**
 * OAuth 2.0 for amoCRM. The consent page is the account's own service (amoCRM or Kommo); the
 * callback answers only the request this document started (a nonce travels in the state token),
 * and a failed exchange forgets the client secret it kept. Refresh tokens are strictly
 * single-use, so a refresh runs under the document lock and the new tokens are stored before the
 * new access token is used. [docs/services.md §A2, §G1; docs/services.md §8]
 */
import * as v from 'valibot';
import { loadConnection, saveConnection, serviceOf, type OAuthAuth } from './connection';
import { parseJson } from '../shapes/parse-json';
import { AmoError } from './errors';

export const OAUTH_PENDING_KEY = 'amocrm.oauthPending';
export const CALLBACK = 'authCallback';
const STATE_SECONDS = 3600;

const PendingSchema = v.object({
  baseUrl: v.string(),
  clientId: v.string(),
  clientSecret: v.string(),
  redirectUri: v.string(),
  nonce: v.string(),
});
type Pending = v.InferOutput<typeof PendingSchema>;

const TokenResponseSchema = v.object({
  access_token: v.pipe(v.string(), v.minLength(1)),
  refresh_token: v.pipe(v.string(), v.minLength(1)),
  expires_in: v.pipe(v.number(), v.minValue(1)),
});
type TokenResponse = v.InferOutput<typeof TokenResponseSchema>;

const props = () => PropertiesService.getDocumentProperties();

export function redirectUri(): string {
  return `https://script.google.com/macros/d/${ScriptApp.getScriptId()}/usercallback`;
}

/** Keeps the integration's keys until the user comes back, and returns the consent page address. */
export function startOAuth(baseUrl: string, clientId: string, clientSecret: string): string {
  const nonce = Utilities.getUuid();
  const pending: Pending = { baseUrl, clientId, clientSecret, redirectUri: redirectUri(), nonce };
  props().setProperty(OAUTH_PENDING_KEY, JSON.stringify(pending));
  const state = ScriptApp.newStateToken()
    .withMethod(CALLBACK)
    .withArgument('nonce', nonce)
    .withTimeout(STATE_SECONDS)
    .createToken();
  const site = serviceOf(baseUrl) === 'kommo' ? 'https://www.kommo.com' : 'https://www.amocrm.ru';
  return `${site}/oauth?client_id=${encodeURIComponent(clientId)}&state=${encodeURIComponent(state)}&mode=post_message`;
}

export function readPending(): Pending | null {
  return parseJson(props().getProperty(OAUTH_PENDING_KEY), PendingSchema);
}

/**
 * Ends a consent that was started and not finished: its nonce and the client secret it kept are
 * removed, so coming back from the consent page later connects nothing (the state token itself
 * stays valid for its hour; the callback then finds no request to answer).
 */
export function cancelOAuth(): void {
  props().deleteProperty(OAUTH_PENDING_KEY);
}

function requestTokens(baseUrl: string, body: Record<string, string>): TokenResponse {
  const res = UrlFetchApp.fetch(`${baseUrl}/oauth2/access_token`, {
    method: 'post',
    contentType: 'application/json',
    payload: JSON.stringify(body),
    muteHttpExceptions: true,
  });
  const code = res.getResponseCode();
  let json: unknown;
  try {
    json = JSON.parse(res.getContentText());
  } catch {
    throw new AmoError('server', `token endpoint answered ${code} without JSON`);
  }
  const ok = v.safeParse(TokenResponseSchema, json);
  if (code === 200 && ok.success) return ok.output;
  const hint = v.safeParse(v.object({ hint: v.string() }), json);
  if (hint.success && hint.output.hint === 'Token has been revoked')
    throw new AmoError('token_revoked', `token endpoint ${code}`);
  if (code === 404) throw new AmoError('bad_subdomain', 'token endpoint 404');
  if (code >= 500) throw new AmoError('server', `token endpoint ${code}`);
  throw new AmoError('unauthorized', `token endpoint ${code}`);
}

/**
 * Finishes the consent: the nonce must be the pending request's; the code (valid 20 minutes,
 * once) becomes tokens. Whatever happens, the pending request and its secret are gone after.
 */
export function finishOAuth(nonce: string, code: string): void {
  const p = readPending();
  if (!p || !nonce || p.nonce !== nonce) throw new AmoError('oauth_stale');
  try {
    const t = requestTokens(p.baseUrl, {
      client_id: p.clientId,
      client_secret: p.clientSecret,
      grant_type: 'authorization_code',
      code,
      redirect_uri: p.redirectUri,
    });
    saveConnection({
      baseUrl: p.baseUrl,
      auth: {
        kind: 'oauth',
        clientId: p.clientId,
        clientSecret: p.clientSecret,
        redirectUri: p.redirectUri,
        accessToken: t.access_token,
        refreshToken: t.refresh_token,
        expiresAt: Date.now() + t.expires_in * 1000,
      },
    });
  } finally {
    props().deleteProperty(OAUTH_PENDING_KEY);
  }
}

/**
 * Refreshes the access token. Another execution may have refreshed meanwhile: under the lock,
 * re-read the stored tokens first and use theirs when they are newer than the ones we hold.
 */
export function refreshTokens(held: OAuthAuth): OAuthAuth {
  const lock = LockService.getDocumentLock();
  const alreadyHeld = lock.hasLock(); // the job holds it already
  if (!alreadyHeld && !lock.tryLock(30000))
    throw new AmoError('network', 'could not get the lock to refresh the token');
  try {
    const stored = loadConnection();
    if (!stored || stored.auth?.kind !== 'oauth') throw new AmoError('not_configured');
    if (stored.auth.refreshToken !== held.refreshToken) return stored.auth; // someone else refreshed
    const t = requestTokens(stored.baseUrl, {
      client_id: held.clientId,
      client_secret: held.clientSecret,
      grant_type: 'refresh_token',
      refresh_token: held.refreshToken,
      redirect_uri: held.redirectUri,
    });
    const next: OAuthAuth = {
      ...held,
      accessToken: t.access_token,
      refreshToken: t.refresh_token,
      expiresAt: Date.now() + t.expires_in * 1000,
    };
    saveConnection({ ...stored, auth: next }); // stored before use
    return next;
  } finally {
    if (!alreadyHeld) lock.releaseLock();
  }
}
