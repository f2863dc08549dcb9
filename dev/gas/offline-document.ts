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
    current: () => ({
      id: 0,
      kind: 'editor',
      functionName: '(export)',
      startedAt: 0,
      limitMs: Infinity,
      user: 'export',
    }),
    requireScope: () => undefined,
    count: () => undefined,
    log: () => undefined,
  };
  return new SpreadsheetDocument(host, state);
}
