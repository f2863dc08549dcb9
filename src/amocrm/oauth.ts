/**
 * OAuth 2.0 for amoCRM. Refresh tokens are strictly single-use, so a refresh runs under the
 * document lock and the new tokens are stored before the new access token is used: a crash
 * after the refresh can never leave us holding only a spent refresh token. [amocrm-api.md A2, G1]
 */
import { loadConnection, saveConnection, type Connection, type OAuthAuth } from './connection';
import { AmoError } from './errors';

interface TokenResponse {
  access_token: string;
  refresh_token: string;
  expires_in: number;
}

/** The state token carries the callback name through amoCRM's consent page. [apps-script.md §8] */
export function authorizationUrl(clientId: string, callback = 'authCallback'): string {
  const state = ScriptApp.newStateToken().withMethod(callback).withTimeout(3600).createToken();
  return `https://www.amocrm.ru/oauth?client_id=${encodeURIComponent(clientId)}&state=${encodeURIComponent(state)}&mode=post_message`;
}

function requestTokens(baseUrl: string, body: Record<string, string>): TokenResponse {
  const res = UrlFetchApp.fetch(`${baseUrl}/oauth2/access_token`, {
    method: 'post',
    contentType: 'application/json',
    payload: JSON.stringify(body),
    muteHttpExceptions: true,
  });
  const code = res.getResponseCode();
  let json: Partial<TokenResponse> & { hint?: string } = {};
  try {
    json = JSON.parse(res.getContentText()) as typeof json;
  } catch {
    throw new AmoError('server', `token endpoint answered ${code} without JSON`);
  }
  if (code === 200 && json.access_token && json.refresh_token) return json as TokenResponse;
  if (json.hint === 'Token has been revoked')
    throw new AmoError('token_revoked', `token endpoint ${code}`);
  if (code === 404) throw new AmoError('bad_subdomain', 'token endpoint 404');
  throw new AmoError('unauthorized', `token endpoint ${code}: ${json.hint ?? ''}`);
}

/** Exchanges an authorization code (valid 20 minutes, once) for tokens and stores them. */
export function exchangeCode(
  baseUrl: string,
  clientId: string,
  clientSecret: string,
  redirectUri: string,
  code: string,
): Connection {
  const t = requestTokens(baseUrl, {
    client_id: clientId,
    client_secret: clientSecret,
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
  });
  const connection: Connection = {
    baseUrl,
    auth: {
      kind: 'oauth',
      clientId,
      clientSecret,
      redirectUri,
      accessToken: t.access_token,
      refreshToken: t.refresh_token,
      expiresAt: Date.now() + t.expires_in * 1000,
    },
  };
  saveConnection(connection);
  return connection;
}

/**
 * Refreshes the access token. Another execution may have refreshed meanwhile: under the lock,
 * re-read the stored tokens first and use theirs when they are newer than the ones we hold.
 */
export function refreshTokens(held: OAuthAuth): OAuthAuth {
  const lock = LockService.getDocumentLock();
  const alreadyHeld = lock.hasLock(); // the sync holds it already
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
