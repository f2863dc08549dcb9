/**
 * The amoCRM connection: the account's address and its credentials — a long-lived token, or
 * OAuth 2.0 tokens. Kept in document properties only; never written to cells, logs or errors.
 */
import * as v from 'valibot';
import { parseJson } from '../shapes/parse-json';
export { parseAccountAddress, serviceOf } from './address';

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
