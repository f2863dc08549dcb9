/**
 * The amoCRM connection: the account's address and its credentials — a long-lived token, or
 * OAuth 2.0 tokens. Kept in document properties only; never written to cells, logs or errors.
 */
import { AmoError } from './errors';

export interface TokenAuth {
  kind: 'token';
  token: string;
}

export interface OAuthAuth {
  kind: 'oauth';
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  accessToken: string;
  refreshToken: string;
  /** unix ms */
  expiresAt: number;
}

export interface Connection {
  /** https://<sub>.amocrm.ru or https://<sub>.kommo.com, no trailing slash */
  baseUrl: string;
  auth: TokenAuth | OAuthAuth | null;
}

export const CONNECTION_KEY = 'amocrm.connection';

/** "mycompany", "mycompany.amocrm.ru", "https://mycompany.kommo.com/leads" → the account's base URL. */
export function parseAccountAddress(input: string): string {
  const s = String(input ?? '')
    .trim()
    .toLowerCase();
  if (!s) throw new AmoError('bad_subdomain', 'empty address');
  const url =
    /^(?:https?:\/\/)?([a-z0-9][a-z0-9-]*)(?:\.(amocrm\.ru|amocrm\.com|kommo\.com))?(?:[/?#].*)?$/.exec(
      s,
    );
  if (!url || url[1] === 'www')
    throw new AmoError('bad_subdomain', `not an amoCRM address: ${s.slice(0, 60)}`);
  return `https://${url[1]}.${url[2] ?? 'amocrm.ru'}`;
}

export function loadConnection(): Connection | null {
  const raw = PropertiesService.getDocumentProperties().getProperty(CONNECTION_KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as Connection;
  } catch {
    return null;
  }
}

export function saveConnection(c: Connection): void {
  PropertiesService.getDocumentProperties().setProperty(CONNECTION_KEY, JSON.stringify(c));
}

/** Secrets shown in the UI: only their last four characters. */
export function mask(secret: string): string {
  return secret.length <= 4 ? '••••' : `••••${secret.slice(-4)}`;
}
