/**
 * A manager's name as the product shows it: one line of plain text whatever amoCRM holds
 * (docs/rules.md §2.8). amoCRM accepts any text as a user's name — line breaks, control
 * characters, ten thousand characters, or none at all — and two users may share a name. A line
 * break in a name would forge a line of the group's ranking post, a long one would push the post
 * past Telegram's limit, and two equal names would look like one manager counted twice.
 * Pure: the sync cleans names as they arrive, the application names users for the sheets and the
 * posts, and the post shortens them.
 */

/** line breaks of every kind: each becomes one space */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const BREAKS = /[\n\r\u000b\u000c\u0085\u2028\u2029]+/g;
/**
 * C0 and C1 controls, zero-width and bidirectional formatting characters: invisible, and the
 * bidirectional ones can make a name read backwards (or reorder the numbers after it).
 */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** One line, no control characters, single spaces, trimmed ('' when nothing is left). */
export function cleanName(raw: string | null | undefined): string {
  if (typeof raw !== 'string') return '';
  return raw.replace(BREAKS, ' ').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

/** the suffix that tells two users of the same name apart: «Анна Петрова (#123)» */
const ID_SUFFIX = / \(#\d+\)$/;

/**
 * The names to show, by user id: cleaned; a user without a name is `unnamed(id)`
 * («Пользователь #id»); users sharing a name (ignoring case) each get their id after it.
 */
export function displayNames(
  users: ReadonlyArray<{ id: number; name: string }>,
  unnamed: (id: number) => string,
): Map<number, string> {
  const base = new Map(users.map((u) => [u.id, cleanName(u.name) || unnamed(u.id)]));
  const seen = new Map<string, number>();
  for (const name of base.values()) {
    const key = name.toLocaleLowerCase('ru');
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const out = new Map<number, string>();
  for (const [id, name] of base) {
    const shared = (seen.get(name.toLocaleLowerCase('ru')) ?? 0) > 1;
    out.set(id, shared ? `${name} (#${id})` : name);
  }
  return out;
}

/** the longest name a post shows (a line on a 360-px phone screen stays one line) */
export const POST_NAME_MAX = 40;

/**
 * A name cut to `max` characters (whole code points, never half a surrogate pair) with «…»;
 * the «(#id)» that tells two users apart is kept whole.
 */
export function shortName(name: string, max = POST_NAME_MAX): string {
  const chars = [...name];
  if (chars.length <= max) return name;
  const suffix = ID_SUFFIX.exec(name)?.[0] ?? '';
  const head = [...name.slice(0, name.length - suffix.length)];
  const room = Math.max(1, max - [...suffix].length - 1);
  return `${head.slice(0, room).join('').trimEnd()}…${suffix}`;
}
