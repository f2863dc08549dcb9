/**
 * Settings in document properties. Plans for many managers outgrow one 9 KB value, so the JSON
 * is cut into numbered parts under 8 000 characters each. [apps-script.md §1.4]
 */
import { defaultSettings, type Settings } from './settings';
import { validateSettings, type ValidationResult } from './validation';

const PREFIX = 'settings.part.';
const COUNT = 'settings.parts';
const PART = 2500; // characters; Cyrillic takes up to 3 bytes each in UTF-8

export function loadSettings(): Settings {
  const props = PropertiesService.getDocumentProperties();
  const n = Number(props.getProperty(COUNT) ?? 0);
  if (!n) return defaultSettings();
  const all = props.getProperties();
  let text = '';
  for (let i = 0; i < n; i++) text += all[`${PREFIX}${i}`] ?? '';
  try {
    return { ...defaultSettings(), ...(JSON.parse(text) as Settings) };
  } catch {
    return defaultSettings();
  }
}

/** Validates, then saves all parts at once; on any problem nothing is saved. */
export function saveSettings(s: Settings): ValidationResult {
  const check = validateSettings(s);
  if (!check.ok) return check;
  const text = JSON.stringify(s);
  const parts: Record<string, string> = {};
  const n = Math.ceil(text.length / PART);
  for (let i = 0; i < n; i++) parts[`${PREFIX}${i}`] = text.slice(i * PART, (i + 1) * PART);
  parts[COUNT] = String(n);
  const props = PropertiesService.getDocumentProperties();
  const old = Number(props.getProperty(COUNT) ?? 0);
  props.setProperties(parts);
  for (let i = n; i < old; i++) props.deleteProperty(`${PREFIX}${i}`);
  return check;
}
