/** The account's facts, fresh from amoCRM over the saved connection (one way for every caller). */
import { loadConnection } from '../amocrm/connection';
import { AmoError } from '../amocrm/errors';
import { AmoHttp } from '../amocrm/http';
import { fetchAccountFacts, type AccountFacts } from '../amocrm/account-facts';

/** Throws AmoError when nothing is connected or amoCRM cannot be read. */
export function liveAccountFacts(): AccountFacts {
  const c = loadConnection();
  if (!c?.auth) throw new AmoError('not_configured');
  const facts = fetchAccountFacts(new AmoHttp(c, { maxAttempts: 2 }));
  if (!facts) throw new AmoError('network');
  return facts;
}

/** The facts, or null when amoCRM cannot be read now (a save is then checked by the schema only). */
export function liveAccountFactsOrNull(): AccountFacts | null {
  try {
    return liveAccountFacts();
  } catch {
    return null;
  }
}
