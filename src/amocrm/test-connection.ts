/** "Test connection": the account's name and what was found, or a plain-language error. */
import type { Language } from '../i18n/messages';
import { t } from '../i18n/messages';
import type { Connection } from './connection';
import { AmoError } from './errors';
import { AmoHttp } from './http';
import { accountOf, pipelinesOf, usersPage } from './responses';

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
    const http = new AmoHttp(connection, 2);
    const [account, users, pipelines] = http.getAll([
      { path: '/api/v4/account', query: 'with=datetime_settings' },
      { path: '/api/v4/users', query: 'limit=250' },
      { path: '/api/v4/leads/pipelines', query: '' },
    ]);
    const acc = accountOf(account);
    const userCount = usersPage(users).items.length;
    const pipelineCount = pipelinesOf(pipelines).length;
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
