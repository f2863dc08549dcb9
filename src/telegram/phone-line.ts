/**
 * A manager's line of a post on one line of a 360-px phone screen (docs/rules.md §7). The text of
 * a message bubble there is about 284 px wide (the Telegram emulator's phone view,
 * dev/telegram/render-html.ts, 15-px type); the place, the points, the percentage and the change
 * take what they take, and the name gets the rest: in full when it fits, else the first word
 * and the initials of the others («Константин А.»), else cut with «…». Widths are estimated
 * from the characters' classes, erring wide; the browser test measures the real thing.
 * Pure.
 */
import { LETTER_WIDTHS } from '../i18n/letter-widths';

/** the width a manager's line may take, px (the bubble's text width at 360 px; the widths err wide) */
export const PHONE_LINE_PX = 284;

/** the suffix that tells two users of one name apart: «Анна Петрова (#123)» */
const ID_SUFFIX = / \(#\d+\)$/;

const WIDTH = new Map<string, number>(
  LETTER_WIDTHS.flatMap(([w, chars]) => [...chars].map((c) => [c, w] as const)),
);

/** One character's width, px; one not in the table errs wide. */
function charWidth(ch: string): number {
  if ((ch.codePointAt(0) ?? 0) > 0xffff) return 22; // emoji and other astral symbols
  return WIDTH.get(ch) ?? 12.5;
}

/** A line's estimated width, px: plain text as the screen shows it (not HTML). */
export function phoneWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return w;
}

/** «Константин Александров» → «Константин А.», keeping an «(#id)» suffix; null for one word. */
function withInitials(name: string): string | null {
  const suffix = ID_SUFFIX.exec(name)?.[0] ?? '';
  const words = name
    .slice(0, name.length - suffix.length)
    .split(' ')
    .filter(Boolean);
  const [first = '', ...rest] = words;
  // initials of words that are names: «Вера & "Co"» stays as it is written
  if (!rest.length || !rest.every((w) => /^\p{L}/u.test(w))) return null;
  return `${first} ${rest.map((w) => `${[...w][0] ?? ''}.`).join(' ')}${suffix}`;
}

/** The name cut with «…» to fit `room`, keeping an «(#id)» suffix whole. */
function cut(name: string, room: number): string {
  const suffix = ID_SUFFIX.exec(name)?.[0] ?? '';
  const head = [...name.slice(0, name.length - suffix.length)];
  for (let n = head.length - 1; n > 1; n--) {
    const candidate = `${head.slice(0, n).join('').trimEnd()}…${suffix}`;
    if (phoneWidth(candidate) <= room) return candidate;
  }
  return `${head.slice(0, 1).join('')}…${suffix}`;
}

/**
 * The longest form of a name that fits `room` px: in full, with initials, or cut. `taken` are
 * the forms other lines of the same list use: a short form two managers would share is not used.
 */
export function fitName(
  name: string,
  room: number,
  taken: ReadonlySet<string> = new Set(),
): string {
  if (phoneWidth(name) <= room) return name;
  const initials = withInitials(name);
  if (initials !== null && phoneWidth(initials) <= room && !taken.has(initials)) return initials;
  return cut(name, room);
}
