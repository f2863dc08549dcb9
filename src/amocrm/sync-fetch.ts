/**
 * The sync's fetching: the account's facts for the meta step, and a step's pages in batches,
 * each page checked (responses.ts) and merged into the staging as it arrives.
 */
import { fetchAccountFacts } from './account-facts';
import type { AmoHttp } from './http';
import { AmoError } from './errors';
import { eventsPage, leadsPage, tasksPage, type OddRecord } from './responses';
import { oddKey, type Staging } from './staging';
import { mergeEvents, mergeLeads, mergeTasks } from './sync-merge';
import { BATCH, isLastPage, listOf, requestFor, type Step, type SyncState } from './sync-plan';

/** The account, its pipelines and users: small, always fetched whole — all three or nothing. */
export function fetchMeta(http: AmoHttp, staging: Staging, deadline: number): void {
  const facts = fetchAccountFacts(http, deadline);
  if (!facts) return; // the meta step starts over next time
  staging.account = facts.account;
  staging.pipelines = facts.pipelines;
  staging.users = facts.users;
  // the users are fetched whole each time: their odd records are this fetch's
  for (const [k, r] of staging.odd) if (r.list === 'users') staging.odd.delete(k);
  noteOdd(staging, facts.oddUsers);
}

/**
 * More odd records than this in one sync means the answers, not a few records, are wrong: the sync
 * stops and the previous rating stays (docs/rules.md §2.8).
 */
export const ODD_SYNC_LIMIT = 20;

/** Sets the page's odd records aside; too many in one sync stop it. */
function noteOdd(staging: Staging, odd: OddRecord[]): void {
  for (const r of odd) staging.odd.set(oddKey(r), r);
  if (staging.odd.size > ODD_SYNC_LIMIT) {
    const first = [...staging.odd.values()][0];
    throw new AmoError(
      'bad_response',
      `GET /api/v4/${first?.list ?? ''} — ${staging.odd.size} odd records in one sync (more than ${ODD_SYNC_LIMIT}), e.g. #${first?.id ?? ''} ${first?.field ?? ''}: ${first?.why ?? ''}`,
    );
  }
}

/**
 * Up to BATCH pages of a step in one fetchAll, merged in order. The batch widens as the list
 * proves long (1, 2, 4, then 7 pages): a daily sync's lists are a page or two, and speculative
 * requests for pages that turn out empty would be waste. None past `lastPage` (a group's end).
 */
export function fetchBatch(
  http: AmoHttp,
  state: SyncState,
  s: Step,
  staging: Staging,
  lastPage = Infinity,
): void {
  const pages: number[] = [];
  const reqs = [];
  const width = Math.max(1, Math.min(BATCH, s.nextPage, lastPage - s.nextPage + 1));
  for (let k = 0; k < width; k++) {
    const r = requestFor(state, s, s.nextPage + k);
    if (!r) break;
    pages.push(s.nextPage + k);
    reqs.push(r);
  }
  if (!reqs.length) {
    s.done = true;
    return;
  }
  const answers = http.getAll(reqs);
  const list = listOf(s.name);
  for (let k = 0; k < answers.length; k++) {
    const json = answers[k];
    const page = pages[k] ?? s.nextPage;
    let fetched: number;
    let hasNext: boolean;
    if (list === 'events') {
      const p = eventsPage(json);
      noteOdd(staging, p.odd);
      mergeEvents(state, staging, p.items);
      fetched = rawCount(json, 'events');
      hasNext = p.hasNext;
    } else if (list === 'tasks') {
      const p = tasksPage(json);
      noteOdd(staging, p.odd);
      mergeTasks(staging, p.items);
      fetched = p.items.length + p.odd.length;
      hasNext = p.hasNext;
    } else {
      const p = leadsPage(json);
      noteOdd(staging, p.odd);
      mergeLeads(staging, p.items);
      fetched = p.items.length + p.odd.length;
      hasNext = p.hasNext;
    }
    s.nextPage = page + 1;
    if (isLastPage(state, s, page, fetched, hasNext)) {
      s.done = true;
      break;
    }
  }
}

/** Items on a page before dropping the event types the rating does not read. */
function rawCount(json: unknown, key: string): number {
  if (!json || typeof json !== 'object') return 0;
  const list = (json as { _embedded?: Record<string, unknown> })._embedded?.[key];
  return Array.isArray(list) ? list.length : 0;
}
