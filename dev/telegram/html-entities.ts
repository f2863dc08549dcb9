/**
 * Telegram's HTML parse mode: the supported tags only, the four named entities and numeric
 * ones; the result is the plain text and its entities (offsets in UTF-16 code units), which is
 * what the 4096-character limit is counted on. [telegram-bot-api.md B3]
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

export function parseHtml(html: string): { text: string; entities: MessageEntity[] } {
  let text = '';
  const entities: MessageEntity[] = [];
  const stack: Array<{ tag: string; start: number; attrs: Record<string, string> }> = [];
  let i = 0;
  while (i < html.length) {
    const ch = html[i];
    if (ch === '<') {
      const close = html.indexOf('>', i);
      if (close < 0)
        throw new ParseError(`Unclosed start tag at byte offset ${byteOffset(html, i)}`);
      const inner = html.slice(i + 1, close);
      if (inner.startsWith('/')) {
        const name = inner.slice(1).trim().toLowerCase();
        const open = stack.pop();
        if (!open) throw new ParseError(`Unexpected end tag at byte offset ${byteOffset(html, i)}`);
        if (name && name !== open.tag) {
          throw new ParseError(
            `Unmatched end tag at byte offset ${byteOffset(html, i)}, expected "</${open.tag}>", found "</${name}>"`,
          );
        }
        const type = TAGS[open.tag];
        if (text.length > open.start || type === 'pre') {
          const e: MessageEntity = { type, offset: open.start, length: text.length - open.start };
          if (open.tag === 'a') e.url = open.attrs.href;
          if (open.tag === 'tg-emoji') e.custom_emoji_id = open.attrs['emoji-id'];
          if (open.tag === 'blockquote' && 'expandable' in open.attrs)
            e.type = 'expandable_blockquote';
          entities.push(e);
        }
      } else {
        const m = /^([a-zA-Z][\w-]*)\s*([\s\S]*?)\/?$/.exec(inner);
        const name = m?.[1].toLowerCase() ?? '';
        if (!m || !(name in TAGS))
          throw new ParseError(
            `Unsupported start tag "${m?.[1] ?? inner}" at byte offset ${byteOffset(html, i)}`,
          );
        const attrs: Record<string, string> = {};
        for (const a of m[2].matchAll(/([\w-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+)))?/g))
          attrs[a[1].toLowerCase()] = decode(a[2] ?? a[3] ?? a[4] ?? '');
        if (name === 'a' && !attrs.href)
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
      if (m) {
        const ent = m[1];
        if (ent.startsWith('#')) {
          const code = ent[1] === 'x' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
          text += String.fromCodePoint(code);
          i += m[0].length;
          continue;
        }
        if (NAMED[ent.toLowerCase()] !== undefined) {
          text += NAMED[ent.toLowerCase()];
          i += m[0].length;
          continue;
        }
      }
      // a bare ampersand stays as text
    }
    text += ch;
    i++;
  }
  if (stack.length)
    throw new ParseError(
      `Can't find end tag corresponding to start tag "${stack[stack.length - 1].tag}"`,
    );
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text, entities };
}

function decode(s: string): string {
  return s.replace(/&(lt|gt|amp|quot);/g, (_m, e: string) => NAMED[e]);
}
