/**
 * Settings addressed by dotted paths ('rating.norms.maxOverdue'), as the sidebar's sections name
 * the fields they own. Settings are plain JSON by construction, so a JSON copy is a deep copy.
 * Pure: the page and the server share it.
 */

/** A deep copy of plain JSON data. */
export function copyJson<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

/** The value at a dotted path (undefined when any step is missing). */
export function valueAt(obj: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (o, k) =>
        typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[k] : undefined,
      obj,
    );
}

/**
 * Sets the value at a dotted path in place. The paths are the sections' own fields
 * (settings/sections.ts), which every settings object has: a missing step is a mistake in the
 * caller, said as such.
 */
export function setValueAt(obj: unknown, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop() ?? '';
  const target = valueAt(obj, keys.join('.'));
  const holder = keys.length ? target : obj;
  if (typeof holder !== 'object' || holder === null)
    throw new Error(`the settings have no field ${path}`);
  (holder as Record<string, unknown>)[last] = value;
}
