/**
 * The one door every write of settings goes through (sidebar sections, the plans dialog, the
 * schedule, a Telegram group that moved): the document lock is taken, the settings are read
 * again under it, the caller decides on what is stored now — not on what a page loaded minutes
 * ago — and what it returns is written before the lock goes. Two saves at once are one after the
 * other; a save of a field someone else changed since the page loaded it is refused by the
 * caller (fieldConflicts) instead of winning silently. [docs/services.md §1.6]
 */
import type { Language } from '../i18n/messages';
import { valueAt } from './field-paths';
import type { Settings } from './schema';
import { loadSettings, writeSettings, type Loaded } from './settings-store';
import { versionOf } from './versions';

/**
 * How long a save waits for the lock. A refresh holds it for minutes; a save waits up to this and
 * is then refused with a message (the page keeps the draft), rather than running beside it.
 */
export const SETTINGS_LOCK_WAIT_MS = 30_000;

/** What the change decided: settings to write (null: write nothing) and the caller's answer. */
export interface Change<T> {
  write: Settings | null;
  value: T;
}

export type Guarded<T> = { locked: true; value: T } | { locked: false };

/**
 * Runs `change` over the settings stored now, under the document lock, and writes what it
 * returns. A job that already holds the lock (a refresh's posting) says so and keeps it: the
 * lock is not taken twice nor released under the job.
 */
export function changeSettings<T>(
  lang: Language,
  change: (stored: Loaded) => Change<T>,
  opts: { lockHeld?: boolean } = {},
): Guarded<T> {
  const lock = opts.lockHeld ? null : LockService.getDocumentLock();
  if (lock && !lock.tryLock(SETTINGS_LOCK_WAIT_MS)) return { locked: false };
  try {
    const result = change(loadSettings(lang));
    if (result.write) writeSettings(result.write);
    return { locked: true, value: result.value };
  } finally {
    lock?.releaseLock();
  }
}

/**
 * The fields of a save that someone else changed since the page loaded them: the stored value
 * is neither what the page loaded (`base`, by version) nor what this save brings. A field whose
 * save brings what the page loaded is left as stored (the person did not change it).
 */
export function fieldConflicts(
  stored: unknown,
  fields: Readonly<Record<string, unknown>>,
  base: Readonly<Record<string, string>>,
): { changed: string[]; conflicts: string[] } {
  const changed: string[] = [];
  const conflicts: string[] = [];
  for (const [path, value] of Object.entries(fields)) {
    const loaded = base[path];
    const mine = versionOf(value);
    if (loaded === undefined) {
      changed.push(path); // no version sent: nothing to compare, the save applies
      continue;
    }
    if (mine === loaded) continue;
    const now = versionOf(valueAt(stored, path));
    if (now !== loaded && now !== mine) conflicts.push(path);
    else changed.push(path);
  }
  return { changed, conflicts };
}
