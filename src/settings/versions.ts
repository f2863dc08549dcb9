/**
 * The version of a settings field as a page loaded it: a short hash of the field's JSON. A save
 * carries the versions of the fields it changes, so the server can tell "nobody changed this
 * since you loaded it" from "someone else saved it meanwhile". Pure: the page and the server
 * share it.
 */

/** FNV-1a, 32 bits, over the UTF-16 code units of the value's JSON: equal values, equal versions. */
export function versionOf(value: unknown): string {
  const text = JSON.stringify(value === undefined ? null : value);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${text.length.toString(36)}-${h.toString(36)}`;
}
