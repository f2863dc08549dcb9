/**
 * The account's facts — the account itself (zone, task types, user groups), its pipelines and
 * every page of its users — fetched one way for everyone who needs them: the sync, the settings
 * check, the sidebar and the connection test. Reading only the first page of users once refused
 * plans for managers past the 250th.
 */
import type { AmoAccount, AmoPipeline, AmoUser } from '../shapes/amocrm';
import type { AmoHttp } from './http';
import { accountOf, pipelinesOf, usersPage, type OddRecord } from './responses';

/** users per page: amoCRM's maximum */
export const USERS_PAGE = 250;
const ACCOUNT_WITH = 'with=datetime_settings,task_types,is_api_filter_enabled,users_groups';

export interface AccountFacts {
  account: AmoAccount;
  pipelines: AmoPipeline[];
  users: AmoUser[];
  /** users left out as odd records (docs/rules.md §2.8) */
  oddUsers: OddRecord[];
  groups: Array<{ id: number; name: string }>;
}

/**
 * All of the facts, or null when `deadline` (ms) passed while paging the users: a caller that
 * must fit a run starts over next time rather than keep half a list.
 */
export function fetchAccountFacts(http: AmoHttp, deadline = Infinity): AccountFacts | null {
  const [account, pipelines, firstUsers] = http.getAll([
    { path: '/api/v4/account', query: ACCOUNT_WITH },
    { path: '/api/v4/leads/pipelines', query: '' },
    { path: '/api/v4/users', query: `limit=${USERS_PAGE}&page=1` },
  ]);
  const acc = accountOf(account);
  let page = usersPage(firstUsers);
  const users = [...page.items];
  const oddUsers = [...page.odd];
  for (let n = 2; page.hasNext && page.items.length + page.odd.length >= USERS_PAGE; n++) {
    if (Date.now() > deadline) return null;
    page = usersPage(http.get('/api/v4/users', `limit=${USERS_PAGE}&page=${n}`));
    users.push(...page.items);
    oddUsers.push(...page.odd);
  }
  return {
    account: acc,
    pipelines: pipelinesOf(pipelines),
    users,
    oddUsers,
    groups: acc._embedded?.users_groups ?? [],
  };
}
