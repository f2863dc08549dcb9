/** "Test connection": the account's name and what was found, or a plain-language error. */
import type { Language } from '../i18n/messages';
import { t } from '../i18n/messages';
import type { Connection } from './connection';
import { AmoError } from './errors';
import { fetchAccountFacts } from './account-facts';
import { AmoHttp } from './http';

export interface ConnectionReport {
  ok: boolean;
  account?: string;
  subdomain?: string;
  timeZone?: string;
  users?: number;
  pipelines?: number;
  /** for the sales head, in the user's language */
  message: string;
  errorCode?: string;
}

export function failure(e: unknown, lang: Language): ConnectionReport {
  const err =
    e instanceof AmoError ? e : new AmoError('network', e instanceof Error ? e.message : String(e));
  return { ok: false, message: err.text(lang), errorCode: err.code };
}

export function testConnection(connection: Connection, lang: Language): ConnectionReport {
  try {
    const facts = fetchAccountFacts(new AmoHttp(connection, { maxAttempts: 2 }));
    if (!facts) throw new AmoError('network');
    const acc = facts.account;
    const userCount = facts.users.length;
    const pipelineCount = facts.pipelines.length;
    return {
      ok: true,
      account: acc.name,
      subdomain: acc.subdomain,
      timeZone: acc._embedded?.datetime_settings?.timezone ?? undefined,
      users: userCount,
      pipelines: pipelineCount,
      message: t(lang, 'connected', {
        account: acc.name,
        users: userCount,
        pipelines: pipelineCount,
      }),
    };
  } catch (e) {
    return failure(e, lang);
  }
}
