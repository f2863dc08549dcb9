/**
 * The amoCRM connection: the account's address and its credentials — a long-lived token, or
 * OAuth 2.0 tokens. Kept in document properties only; never written to cells, logs or errors.
 */
import * as v from 'valibot';
import { parseJson } from '../shapes/parse-json';
import { AmoError } from './errors';

const TokenAuthSchema = v.object({ kind: v.literal('token'), token: v.string() });
const OAuthAuthSchema = v.object({
  kind: v.literal('oauth'),
  clientId: v.string(),
  clientSecret: v.string(),
  redirectUri: v.string(),
  accessToken: v.string(),
  refreshToken: v.string(),
  /** unix ms */
  expiresAt: v.number(),
});
const ConnectionSchema = v.object({
  /** https://<sub>.amocrm.ru or https://<sub>.kommo.com, no trailing slash */
  baseUrl: v.pipe(v.string(), v.regex(/^https:\/\/[a-z0-9-]+\.(amocrm\.ru|kommo\.com)$/)),
  auth: v.nullable(v.variant('kind', [TokenAuthSchema, OAuthAuthSchema])),
});

export type TokenAuth = v.InferOutput<typeof TokenAuthSchema>;
export type OAuthAuth = v.InferOutput<typeof OAuthAuthSchema>;
export type Connection = v.InferOutput<typeof ConnectionSchema>;

export const CONNECTION_KEY = 'amocrm.connection';

/**
 * "mycompany", "mycompany.amocrm.ru", "https://mycompany.kommo.com/leads" → the account's base
 * URL. Only the hosts the manifest's urlFetchWhitelist allows: *.amocrm.ru and *.kommo.com.
 */
export function parseAccountAddress(input: string): string {
  const s = String(input ?? '')
    .trim()
    .toLowerCase();
  if (!s) throw new AmoError('bad_subdomain', 'empty address');
  const url = /^(?:https?:\/\/)?([a-z0-9][a-z0-9-]*)(\.[a-z0-9.-]+)?(?:[/?#].*)?$/.exec(s);
  if (!url || url[1] === 'www')
    throw new AmoError('bad_subdomain', `not an amoCRM address: ${s.slice(0, 60)}`);
  const domain = url[2] ?? '.amocrm.ru';
  if (domain !== '.amocrm.ru' && domain !== '.kommo.com')
    throw new AmoError('unsupported_domain', domain.slice(0, 40));
  return `https://${url[1] ?? ''}${domain}`;
}

/** Which service an account belongs to, for its consent page and links. */
export function serviceOf(baseUrl: string): 'amocrm' | 'kommo' {
  return baseUrl.endsWith('.kommo.com') ? 'kommo' : 'amocrm';
}

export function loadConnection(): Connection | null {
  return parseJson(
    PropertiesService.getDocumentProperties().getProperty(CONNECTION_KEY),
    ConnectionSchema,
  );
}

export function saveConnection(c: Connection): void {
  PropertiesService.getDocumentProperties().setProperty(CONNECTION_KEY, JSON.stringify(c));
}

export function deleteConnection(): void {
  PropertiesService.getDocumentProperties().deleteProperty(CONNECTION_KEY);
}
