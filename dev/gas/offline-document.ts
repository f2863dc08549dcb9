/** A read-only view of a saved spreadsheet state, for exports made outside an execution. */
import type { Host } from './host';
import { RealClock } from './clock';
import type { SpreadsheetState } from './model';
import { SpreadsheetDocument } from './spreadsheet/document';

export function offlineDocument(state: SpreadsheetState): SpreadsheetDocument {
  const host: Host = {
    clock: new RealClock(),
    manifest: {},
    fail(message: string): never {
      throw new Error(message);
    },
    makeDate: (ms: number) => new Date(ms),
    current: () => {
      throw new Error('An export reads a saved spreadsheet; it runs no script');
    },
    enter: () => undefined,
    exit: () => undefined,
    count: () => undefined,
    log: () => undefined,
    assertCanEdit: () => {
      throw new Error('An export reads a saved spreadsheet; it changes nothing');
    },
    fileEditors: () => [],
    isOwner: () => false,
    sharing: () => ({ owner: '', editors: [], viewers: [] }),
  };
  return new SpreadsheetDocument(host, state);
}
