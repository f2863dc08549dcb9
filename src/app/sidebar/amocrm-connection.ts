/**
 * The amoCRM entry points the sidebar calls (and the OAuth callback): connect with a token or
 * OAuth, test, disconnect, sync. Secrets go in, never back out.
 */
import { t } from '../../i18n/messages';
import { currentLanguage } from '../../settings/language';
import {
  deleteConnection,
  loadConnection,
  parseAccountAddress,
  saveConnection,
  type Connection,
} from '../../amocrm/connection';
import { AmoError } from '../../amocrm/errors';
import { cancelOAuth, redirectUri, startOAuth } from '../../amocrm/oauth';
import { failure, testConnection, type ConnectionReport } from '../../amocrm/test-connection';
import { settingsOrDefaults } from '../../settings/settings-store';
import { nextRefreshAt, scheduleIsOn } from '../jobs/scheduler';
import { problemDropped, problemSolved } from '../problems';
import { formatLocal } from '../zone';

/**
 * A connection that works again after amoCRM refused it: the head's private chat hears it once,
 * with the next refresh. True when there was such a problem.
 */
export function connectionRestored(): boolean {
  let next: { local: string; dueNow: boolean } | null = null;
  if (scheduleIsOn()) {
    const at = nextRefreshAt(settingsOrDefaults().scheduleHour);
    next = { local: formatLocal(at.at, at.timeZone), dueNow: at.dueNow };
  }
  return problemSolved('amoAccess', next);
}

/**
 * Connects with an account address and a long-lived token: checks them against amoCRM first and
 * saves nothing when they do not work.
 */
export function connectAmoWithToken(address: string, token: string): ConnectionReport {
  const lang = currentLanguage();
  let baseUrl: string;
  try {
    baseUrl = parseAccountAddress(address);
  } catch (e) {
    return failure(e, lang);
  }
  const trimmed = String(token ?? '').trim();
  if (trimmed.length < 20) return failure(new AmoError('short_token'), lang);
  const connection: Connection = { baseUrl, auth: { kind: 'token', token: trimmed } };
  const report = testConnection(connection, lang);
  if (!report.ok) return report;
  saveConnection(connection);
  connectionRestored();
  return report;
}

/** "Test connection" with what is saved. */
export function testAmoConnection(): ConnectionReport {
  const lang = currentLanguage();
  const c = loadConnection();
  if (!c?.auth) return failure(new AmoError('not_configured'), lang);
  return testConnection(c, lang);
}

/** Forgets the connection and any consent still open, so nothing reconnects behind the head's back. */
export function disconnectAmo(): { ok: true; message: string } {
  deleteConnection();
  cancelOAuth();
  problemDropped('amoAccess');
  return { ok: true, message: t(currentLanguage(), 'disconnected') };
}

export interface OAuthStart {
  ok: boolean;
  url?: string;
  redirectUri?: string;
  message: string;
}

/**
 * Starts OAuth: returns the consent page of the account's own service to open, and the redirect
 * URI to register in the integration.
 */
export function startAmoOAuth(address: string, clientId: string, clientSecret: string): OAuthStart {
  const lang = currentLanguage();
  let baseUrl: string;
  try {
    baseUrl = parseAccountAddress(address);
  } catch (e) {
    return { ok: false, message: failure(e, lang).message };
  }
  const id = String(clientId ?? '').trim();
  const secret = String(clientSecret ?? '').trim();
  if (!id || !secret)
    return { ok: false, message: failure(new AmoError('oauth_keys'), lang).message };
  const url = startOAuth(baseUrl, id, secret);
  return { ok: true, url, redirectUri: redirectUri(), message: t(lang, 'oauthOpen') };
}

/**
 * Asks amoCRM's consent again for an OAuth connection it refuses (the integration was turned off,
 * or its refresh token was spent or lapsed): the same account and integration keys, a new consent
 * page. The broken connection stays until the consent comes back, so nothing is lost if the head
 * never finishes it.
 */
export function restartAmoOAuth(): OAuthStart {
  const lang = currentLanguage();
  const c = loadConnection();
  if (c?.auth?.kind !== 'oauth')
    return { ok: false, message: failure(new AmoError('not_configured'), lang).message };
  const url = startOAuth(c.baseUrl, c.auth.clientId, c.auth.clientSecret);
  return { ok: true, url, redirectUri: redirectUri(), message: t(lang, 'oauthOpen') };
}
