/**
 * Telegram's HTML parse mode as the reference server applies it: the supported tags only, the
 * four named entities and numeric ones, quoted attribute values; a link with an unsafe or relative
 * href is dropped silently (its text stays); the result is trimmed of leading and trailing
 * whitespace with the entity offsets shifted. Offsets and lengths are UTF-16 code units; the
 * 4096 limit is counted in code points on the trimmed text. [docs/services.md §B2, §B3, §B8 "Checked
 * against the reference server's source"]
 */
export interface MessageEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
  custom_emoji_id?: string;
}

export class ParseError extends Error {}

const TAGS: Record<string, string> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  'tg-spoiler': 'spoiler',
  a: 'text_link',
  code: 'code',
  pre: 'pre',
  blockquote: 'blockquote',
  'tg-emoji': 'custom_emoji',
  span: 'spoiler',
};
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

function byteOffset(s: string, i: number): number {
  return Buffer.byteLength(s.slice(0, i), 'utf8');
}

function decode(s: string): string {
  return s.replace(/&(lt|gt|amp|quot);/g, (_m, e: string) => NAMED[e] ?? '');
}

/** Only absolute http(s), tg and ton links with a dotted host survive. */
export function safeUrl(href: string): boolean {
  if (/^tg:\/\/\S+$/i.test(href) || /^ton:\/\/\S+$/i.test(href)) return true;
  const m = /^https?:\/\/([^/?#:]+)/i.exec(href);
  return !!m && (m[1] ?? '').includes('.');
}

function parseAttrs(src: string, at: number): Record<string, string> {
  const attrs: Record<string, string> = {};
  let rest = src.trim();
  while (rest) {
    const m = /^([\w-]+)(\s*=\s*("([^"]*)"|'([^']*)'))?\s*/.exec(rest);
    if (!m?.[1]) throw new ParseError(`Unexpected end of name token at byte offset ${at}`);
    if (!m[2] && /^[\w-]+\s*=/.test(rest))
      throw new ParseError(`Unexpected end of name token at byte offset ${at}`);
    attrs[m[1].toLowerCase()] = decode(m[4] ?? m[5] ?? '');
    rest = rest.slice(m[0].length);
  }
  return attrs;
}

export function parseHtml(html: string): { text: string; entities: MessageEntity[] } {
  let text = '';
  const entities: MessageEntity[] = [];
  const stack: Array<{ tag: string; start: number; attrs: Record<string, string> }> = [];
  let i = 0;
  while (i < html.length) {
    const ch = html[i] ?? '';
    if (ch === '<') {
      const close = html.indexOf('>', i);
      if (close < 0)
        throw new ParseError(`Unclosed start tag at byte offset ${byteOffset(html, i)}`);
      const inner = html.slice(i + 1, close);
      if (inner.startsWith('/')) {
        const name = inner.slice(1).trim().toLowerCase();
        const open = stack.pop();
        if (!open) throw new ParseError(`Unexpected end tag at byte offset ${byteOffset(html, i)}`);
        if (name && name !== open.tag)
          throw new ParseError(
            `Unmatched end tag at byte offset ${byteOffset(html, i)}, expected "</${open.tag}>", found "</${name}>"`,
          );
        const type = TAGS[open.tag] ?? 'bold';
        const href = open.attrs.href ?? '';
        const dropped = open.tag === 'a' && !safeUrl(href);
        if (!dropped && (text.length > open.start || type === 'pre')) {
          const e: MessageEntity = { type, offset: open.start, length: text.length - open.start };
          if (open.tag === 'a') e.url = href;
          if (open.tag === 'tg-emoji') e.custom_emoji_id = open.attrs['emoji-id'];
          if (open.tag === 'blockquote' && 'expandable' in open.attrs)
            e.type = 'expandable_blockquote';
          entities.push(e);
        }
      } else {
        const m = /^([a-zA-Z][\w-]*)\s*([\s\S]*?)\/?$/.exec(inner);
        const name = (m?.[1] ?? '').toLowerCase();
        if (!m || !(name in TAGS))
          throw new ParseError(
            `Unsupported start tag "${m?.[1] ?? inner}" at byte offset ${byteOffset(html, i)}`,
          );
        const attrs = parseAttrs(m[2] ?? '', byteOffset(html, i));
        if (name === 'a' && attrs.href === undefined)
          throw new ParseError(
            `Tag "a" must have attribute "href" at byte offset ${byteOffset(html, i)}`,
          );
        if (name === 'span' && attrs.class !== 'tg-spoiler')
          throw new ParseError(
            `Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(html, i)}`,
          );
        stack.push({ tag: name, start: text.length, attrs });
      }
      i = close + 1;
      continue;
    }
    if (ch === '&') {
      const m = /^&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/.exec(html.slice(i, i + 12));
      const ent = m?.[1];
      if (m && ent) {
        if (ent.startsWith('#')) {
          const code = ent[1] === 'x' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
          text += String.fromCodePoint(code);
          i += m[0].length;
          continue;
        }
        const named = NAMED[ent.toLowerCase()];
        if (named !== undefined) {
          text += named;
          i += m[0].length;
          continue;
        }
      }
      // a bare ampersand stays as text
    }
    text += ch;
    i++;
  }
  const open = stack[stack.length - 1];
  if (open) throw new ParseError(`Can't find end tag corresponding to start tag "${open.tag}"`);
  return trim(text, entities);
}

/** Leading and trailing whitespace is trimmed; entities move with the text and are clipped to it. */
export function trim(
  text: string,
  entities: MessageEntity[],
): { text: string; entities: MessageEntity[] } {
  const lead = text.length - text.trimStart().length;
  const body = text.trim();
  const out: MessageEntity[] = [];
  for (const e of entities) {
    const start = Math.max(0, e.offset - lead);
    const end = Math.min(body.length, e.offset + e.length - lead);
    if (end > start) out.push({ ...e, offset: start, length: end - start });
  }
  out.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text: body, entities: out };
}

/** Characters as Telegram counts the 4096 limit: code points. */
export function codePoints(s: string): number {
  return [...s].length;
}
