/** "Test connection": the account's name and what was found, or a plain-language error. */
import type { AmoAccount } from './api-types';
import type { Connection } from './connection';
import { AmoError } from './errors';
import { AmoHttp } from './http';

export interface ConnectionReport {
  ok: boolean;
  account?: string;
  subdomain?: string;
  timeZone?: string;
  users?: number;
  pipelines?: number;
  /** for the sales head, in Russian */
  message: string;
  errorCode?: string;
}

export function testConnection(connection: Connection): ConnectionReport {
  try {
    const http = new AmoHttp(connection, 2);
    const [account, users, pipelines] = http.getAll([
      { path: '/api/v4/account', query: 'with=datetime_settings' },
      { path: '/api/v4/users', query: 'limit=250' },
      { path: '/api/v4/leads/pipelines', query: '' },
    ]) as [AmoAccount, { _total_items?: number } | null, { _total_items?: number } | null];
    const report = {
      ok: true,
      account: account.name,
      subdomain: account.subdomain,
      timeZone: account._embedded?.datetime_settings?.timezone,
      users: users?._total_items ?? 0,
      pipelines: pipelines?._total_items ?? 0,
    };
    return {
      ...report,
      message: `Подключено: «${report.account}», пользователей: ${report.users}, воронок: ${report.pipelines}.`,
    };
  } catch (e) {
    const err =
      e instanceof AmoError ? e : new AmoError('network', String((e as Error)?.message ?? e));
    return { ok: false, message: err.message, errorCode: err.code };
  }
}
