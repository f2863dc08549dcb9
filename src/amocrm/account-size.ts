/**
 * How many deals the history window holds, measured before a first sync loads them. amoCRM's
 * leads list has no total count [docs/services.md §A4], so the count is found by probing pages:
 * pages 1, 2, 4, 8… until one is empty (204), then narrowing between the last full page and the
 * first empty one, seven probes a batch (one batch = one second of amoCRM's 7 requests a
 * second). A million deals (4,000 pages) takes about 6 batches instead of 4,000 requests.
 */
import { BATCH, PAGE } from './sync-plan';
import type { AmoHttp } from './http';
import { leadsPage } from './responses';

export interface AccountSize {
  /** deals updated since `since` (the first sync also loads older open deals) */
  deals: number;
  /**
   * false: amoCRM ignored the date filter (accounts without API filtering), so `deals` counts
   * every deal of the account — an upper bound
   */
  exact: boolean;
  /** unix s: the history window's start the count is for */
  since: number;
  requests: number;
}

const q = (s: string) => s.replace(/\[/g, '%5B').replace(/\]/g, '%5D');

/** Counts the deals updated since `since` (unix s) with a few dozen requests at most. */
export function measureDeals(http: AmoHttp, since: number): AccountSize {
  const base = `${q('filter[updated_at][from]')}=${since}&${q('order[id]')}=asc&limit=${PAGE}`;
  const seen = new Map<number, number>(); // page → items on it (0: empty)
  let exact = true;
  let requests = 0;
  const probe = (pages: number[]): void => {
    const todo = pages.filter((p) => !seen.has(p));
    if (!todo.length) return;
    const answers = http.getAll(
      todo.map((p) => ({ path: '/api/v4/leads', query: `${base}&page=${p}` })),
    );
    requests += todo.length;
    todo.forEach((p, i) => {
      const json = answers[i];
      if (json === null || json === undefined) {
        seen.set(p, 0);
        return;
      }
      const page = leadsPage(json);
      const n = page.items.length + page.odd.length;
      seen.set(p, n);
      if (page.items.some((l) => l.updated_at < since)) exact = false;
    });
  };

  // grow: 1, 2, 4, … until an empty or short page is found
  let lo = 0; // the last page known full
  let hi = 0; // the first page known empty or short
  for (let start = 1; !hi;) {
    const pages = Array.from({ length: BATCH }, (_, k) => start * 2 ** k);
    probe(pages);
    for (const p of pages) {
      const n = seen.get(p) ?? 0;
      if (n < PAGE) {
        hi = p;
        break;
      }
      lo = p;
    }
    start = (pages[pages.length - 1] ?? 1) * 2;
  }
  // narrow: seven probes split (lo, hi) into eight until they meet
  while (hi - lo > 1) {
    const step = (hi - lo) / (BATCH + 1);
    const pages = [
      ...new Set(Array.from({ length: BATCH }, (_, k) => Math.round(lo + step * (k + 1)))),
    ].filter((p) => p > lo && p < hi);
    probe(pages);
    for (const p of pages) {
      const n = seen.get(p) ?? 0;
      if (n < PAGE) {
        hi = p;
        break;
      }
      lo = p;
    }
  }
  // `hi` is the first page that is not full: everything before it is full
  const last = seen.get(hi) ?? 0;
  return { deals: lo * PAGE + last, exact, since, requests };
}
