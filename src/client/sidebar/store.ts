/**
 * The sidebar's state as signals: what the server sent, the draft the head edits (number fields
 * as typed: draft.ts), the field errors of the draft (the same settings schema the server
 * applies, checked at every change), and per-section saving. A section saves only its own
 * fields, over the last saved settings, so an unfinished edit elsewhere never blocks it or slips
 * in with it.
 */
import { computed, effect, signal } from '@preact/signals';
import type { Language } from '../../i18n/messages';
import { pageText, type PageTextKey } from '../../i18n/page-texts';
import { copyJson, setValueAt, valueAt } from '../../settings/field-paths';
import type { Settings } from '../../settings/schema';
import { SAVABLE_FIELDS } from '../../settings/sections';
import { versionOf } from '../../settings/versions';
import {
  checkBottomWatch,
  checkSettings,
  ratedCount,
  type FieldError,
} from '../../settings/validate';
import type { SidebarData } from '../../app/sidebar/load';
import { pageLanguage } from '../common/fields';
import { server } from '../common/server';
import { errorsStillTrue, type Draft } from './draft';

export const data = signal<SidebarData | null>(null);
export const loadError = signal<string | null>(null);
export const saved = signal<Settings | null>(null);
export const draft = signal<Draft | null>(null);
/** errors the server returned for the last save, by field */
export const serverErrors = signal<FieldError[]>([]);
/**
 * The version of each field as this page last loaded or saved it (settings/versions.ts): a save
 * sends them, and the server refuses a field someone else saved since instead of overwriting it.
 */
export const loadedVersions = signal<Record<string, string>>({});

function versionsOf(s: Settings, paths: Iterable<string>): Record<string, string> {
  return Object.fromEntries([...paths].map((p) => [p, versionOf(valueAt(s, p))]));
}

export const lang = computed<Language>(() => saved.value?.language ?? data.value?.language ?? 'ru');

// numbers in the inputs are written the way the page's language writes them
effect(() => {
  pageLanguage.value = lang.value;
});

export function tx(key: PageTextKey, params: Record<string, string | number> = {}): string {
  return pageText(lang.value, key, params);
}

/**
 * The draft's field errors, from the shared schema (instant, before any save), and the bottom
 * watch's size against the managers the account has once it is changed (the server's check on
 * saving).
 */
export const draftErrors = computed<FieldError[]>(() => {
  const d = draft.value;
  if (!d) return [];
  const checked = checkSettings(d, lang.value);
  if (!checked.ok) return checked.errors;
  const users = data.value?.account?.users;
  if (!users || !isDirty(['rating.bottomWatch.size'])) return [];
  return checkBottomWatch(
    d.rating.bottomWatch.size,
    ratedCount(d.rating.excludedUserIds, users),
    lang.value,
  );
});

/** The message for a field path ('rating.thresholds.green'), from the page or the server. */
export function errorFor(path: string): string | null {
  const hit = (e: FieldError) =>
    e.field === path || e.field.startsWith(`${path}.`) || e.field.startsWith(`${path}[`);
  return (draftErrors.value.find(hit) ?? serverErrors.value.find(hit))?.message ?? null;
}

export async function reload(): Promise<void> {
  try {
    const d = await server.sidebarLoad();
    data.value = d;
    saved.value = copyJson(d.settings);
    draft.value = copyJson(d.settings);
    loadedVersions.value = versionsOf(d.settings, SAVABLE_FIELDS);
    serverErrors.value = [];
    loadError.value = null;
  } catch (e) {
    loadError.value = e instanceof Error ? e.message : String(e);
  }
}

/**
 * Changes the draft (a copy is edited, so signals see a new value). A server error stays only
 * while its field holds what was refused: once the person changes that field, the message is no
 * longer true and goes.
 */
export function update(change: (d: Draft) => void): void {
  const d = draft.value;
  if (!d) return;
  const next = copyJson(d);
  change(next);
  draft.value = next;
  serverErrors.value = errorsStillTrue(serverErrors.value, d, next);
}

/** Whether the draft differs from the saved settings in any of these fields. */
export function isDirty(paths: readonly string[]): boolean {
  const a = saved.value;
  const b = draft.value;
  if (!a || !b) return false;
  return paths.some((p) => JSON.stringify(valueAt(a, p)) !== JSON.stringify(valueAt(b, p)));
}

export function sectionErrors(paths: readonly string[]): FieldError[] {
  return draftErrors.value.filter((e) =>
    paths.some((p) => e.field === p || e.field.startsWith(`${p}.`) || e.field.startsWith(`${p}[`)),
  );
}

export function discard(paths: readonly string[]): void {
  const a = saved.value;
  if (!a) return;
  update((s) => {
    for (const p of paths) setValueAt(s, p, copyJson(valueAt(a, p)));
  });
  serverErrors.value = [];
}

export type SaveOutcome = { ok: true } | { ok: false; message: string };

/**
 * Saves the section's fields; the server applies them over the settings stored now, and refuses
 * with a message a field someone else saved since this page loaded it.
 */
export async function saveSection(paths: readonly string[]): Promise<SaveOutcome> {
  const b = draft.value;
  if (!b) return { ok: false, message: tx('loading') };
  if (sectionErrors(paths).length) return { ok: false, message: tx('notSavedFix') };
  const part: Record<string, unknown> = {};
  for (const p of paths) part[p] = valueAt(b, p);
  const base: Record<string, string> = {};
  for (const p of paths) {
    const v = loadedVersions.value[p];
    if (v !== undefined) base[p] = v;
  }
  const result = await server.saveSettingsPart(part, base);
  if (!result.ok || !result.settings) {
    serverErrors.value = result.errors;
    return { ok: false, message: result.errors[0]?.message ?? tx('notSavedFix') };
  }
  serverErrors.value = [];
  const stored = result.settings;
  saved.value = copyJson(stored);
  loadedVersions.value = { ...loadedVersions.value, ...versionsOf(stored, paths) };
  // the saved fields take the stored values; fields of other sections keep their drafts
  update((s) => {
    for (const p of paths) setValueAt(s, p, copyJson(valueAt(stored, p)));
    s.rating.plans = copyJson(stored.rating.plans);
  });
  if (data.value) data.value = { ...data.value, setUp: true, settings: stored };
  // the status bar says when the next refresh comes, during the day too
  if (paths.some((p) => p === 'scheduleHour' || p === 'live')) await reloadStatus();
  return { ok: true };
}

/** The status bar again after a change to the schedule (nothing else on the page changes). */
export async function reloadStatus(): Promise<void> {
  const status = await server.sidebarStatus();
  if (data.value) data.value = { ...data.value, status };
}

export function markSaved(paths: readonly string[]): void {
  const a = saved.value;
  const b = draft.value;
  if (!a || !b) return;
  const next = copyJson(a);
  for (const p of paths) setValueAt(next, p, copyJson(valueAt(b, p)));
  saved.value = next;
}
