/**
 * The account's address as a person types it, and which service it belongs to. Pure, so the
 * sidebar checks an address as it is typed with the same rule the server applies.
 */
import { AmoError } from './errors';

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
