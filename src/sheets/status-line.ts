/**
 * The status line above each rating (docs/rules.md §5.1): a failed refresh, damaged data, or a
 * Telegram problem is said there in words, while the last good rating stays below it.
 */
import { findSheet } from '../workbook/our-sheets';
import { HEADER_ROWS } from './rating-layout';
import { writeWarning } from './rating-sheet';

const ROLES = ['week', 'month', 'quarter'] as const;

/** The line on every existing rating sheet, replacing what it said. */
export function warnAll(text: string): void {
  for (const role of ROLES) {
    const sh = findSheet(role);
    if (sh) writeWarning(sh, text);
  }
}

/** Adds a sentence to the line (once), keeping what it already says. */
export function addToStatusLine(text: string): void {
  for (const role of ROLES) {
    const sh = findSheet(role);
    if (!sh) continue;
    const current = sh.getRange(HEADER_ROWS, 1).getDisplayValue();
    if (current.includes(text)) continue;
    writeWarning(sh, current ? `${current} ${text}` : text);
  }
}
