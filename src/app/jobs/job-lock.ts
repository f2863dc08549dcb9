/**
 * One lock around the whole job — sync, compute, publish, posting — so a trigger firing during a
 * manual refresh (or two people's triggers) never interleave: the second one leaves politely.
 * [docs/services.md §1.6: the document lock; flush before releasing it]
 */
const WAIT_MS = 1000;

export type Locked<T> = { ran: true; value: T } | { ran: false };

export function withJobLock<T>(job: () => T): Locked<T> {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(WAIT_MS)) return { ran: false };
  try {
    return { ran: true, value: job() };
  } finally {
    SpreadsheetApp.flush();
    lock.releaseLock();
  }
}
