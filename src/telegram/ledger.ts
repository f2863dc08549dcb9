/**
 * The posting ledger: one entry per (kind, period, chat), so each post goes out once. Telegram
 * has no idempotency key, so a part is marked "sending" before the call and confirmed after it;
 * a run that dies in between leaves "sending", which the next run turns into "uncertain" and
 * reports — it never sends that part again. [docs/rules.md §4.8]
 */
import { utf8Bytes } from '../shapes/utf8-bytes';
import * as v from 'valibot';
import { parseJson } from '../shapes/parse-json';

export const LEDGER_KEY = 'telegram.ledger';
/**
 * A key only matters while its post could still be sent: a day for the daily and Monday posts, a
 * week for the finals. The newest entries are kept within one property value (9 KB).
 */
const MAX_BYTES = 8000;

const EntrySchema = v.object({
  /**
   * pending: parts left to send (a 429, a connection that never opened);
   * sending: part `part` was handed to Telegram and not confirmed;
   * sent: all parts confirmed; uncertain: a run died or a call timed out while sending;
   * failed: Telegram refused it (the head is told).
   */
  state: v.picklist(['pending', 'sending', 'sent', 'uncertain', 'failed']),
  /** the next part to send (for sending: the part in flight) */
  part: v.number(),
  parts: v.number(),
  at: v.number(),
  detail: v.optional(v.string()),
});
export type LedgerEntry = v.InferOutput<typeof EntrySchema>;
export type Ledger = Record<string, LedgerEntry>;

export function ledgerKey(kind: string, period: string, chatId: number): string {
  return `${kind}|${period}|${chatId}`;
}

export function readLedger(): Ledger {
  return (
    parseJson(
      PropertiesService.getDocumentProperties().getProperty(LEDGER_KEY),
      v.record(v.string(), EntrySchema),
    ) ?? {}
  );
}

/** Stores the ledger (each change at once: the ledger is what prevents a second send). */
export function writeLedger(ledger: Ledger): void {
  const entries = Object.entries(ledger).sort((a, b) => b[1].at - a[1].at);
  let json = JSON.stringify(Object.fromEntries(entries));
  // Cyrillic in a detail takes 2 bytes a character: measure in UTF-8, as the store does
  while (utf8Bytes(json) > MAX_BYTES && entries.length > 1) {
    entries.pop();
    json = JSON.stringify(Object.fromEntries(entries));
  }
  PropertiesService.getDocumentProperties().setProperty(LEDGER_KEY, json);
}
