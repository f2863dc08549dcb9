/**
 * Settings in document properties, checked on the way in and on the way out. The JSON is cut
 * into numbered parts (Cyrillic takes up to 3 bytes a character, a value at most 9 KB), all
 * written in one call; older stored settings are migrated. [docs/services.md §1.4]
 */
import * as v from 'valibot';
import type { Language } from '../i18n/messages';
import { defaultSettings } from './defaults';
import { SETTINGS_VERSION, type Settings } from './schema';
import { checkSettings, type Checked } from './validate';

const PREFIX = 'settings.part.';
const COUNT = 'settings.parts';
const PART = 2500; // characters: ≤ 7.5 KB in UTF-8

export type Loaded =
  { ok: true; settings: Settings; stored: boolean } | { ok: false; reason: string };

/** Settings of version 1 (before the schema) gain the fields added since. */
const V1 = v.looseObject({ version: v.literal(1), rating: v.looseObject({}) });

function migrate(raw: unknown): unknown {
  const old = v.safeParse(V1, raw);
  if (!old.success) return raw;
  const d = defaultSettings();
  const r = old.output.rating as Record<string, unknown>;
  const norms = { ...d.rating.norms, ...(r.norms as object | undefined) };
  return {
    ...d,
    ...old.output,
    version: SETTINGS_VERSION,
    rating: { ...d.rating, ...r, norms },
  };
}

export function readStoredText(): string | null {
  const props = PropertiesService.getDocumentProperties();
  const all = props.getProperties();
  const n = Number(all[COUNT] ?? 0);
  if (!n) return null;
  let text = '';
  for (let i = 0; i < n; i++) {
    const part = all[`${PREFIX}${i}`];
    if (part === undefined) return '';
    text += part;
  }
  return text;
}

/** The stored settings (checked), the defaults when none are stored, or why they cannot be used. */
export function loadSettings(lang: Language = 'ru'): Loaded {
  const text = readStoredText();
  if (text === null) return { ok: true, settings: defaultSettings(), stored: false };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'settings JSON' };
  }
  const checked: Checked = checkSettings(migrate(raw), lang);
  if (!checked.ok)
    return { ok: false, reason: checked.errors.map((e) => `${e.field}: ${e.message}`).join(' ') };
  return { ok: true, settings: checked.settings, stored: true };
}

/** Settings or the defaults (for the menu's language and such — never for computing a rating). */
export function settingsOrDefaults(): Settings {
  const l = loadSettings();
  return l.ok ? l.settings : defaultSettings();
}

/** Writes checked settings: all parts in one call, then the parts a longer version left. */
export function writeSettings(s: Settings): void {
  const text = JSON.stringify(s);
  const parts: Record<string, string> = {};
  const n = Math.ceil(text.length / PART);
  for (let i = 0; i < n; i++) parts[`${PREFIX}${i}`] = text.slice(i * PART, (i + 1) * PART);
  parts[COUNT] = String(n);
  const props = PropertiesService.getDocumentProperties();
  const old = Number(props.getProperty(COUNT) ?? 0);
  props.setProperties(parts);
  for (let i = n; i < old; i++) props.deleteProperty(`${PREFIX}${i}`);
}
