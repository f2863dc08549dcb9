/**
 * The emulator's chats as Telegram would show them: each message's text with its entities
 * (bold, italic, links…) applied, in bubbles, with the date and time in the given zone — what a
 * manager sees in the group on a phone.
 */
import type { MessageEntity } from './html-entities';

export interface RenderedChat {
  id: number;
  title: string;
  type: string;
  messages: Array<{
    date: number;
    text?: string;
    entities?: MessageEntity[];
    caption?: string;
    caption_entities?: MessageEntity[];
    photo?: Array<{ file_id: string; width: number; height: number }>;
  }>;
}

function esc(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const OPEN: Record<string, (e: MessageEntity) => string> = {
  bold: () => '<b>',
  italic: () => '<i>',
  underline: () => '<u>',
  strikethrough: () => '<s>',
  code: () => '<code>',
  pre: () => '<pre>',
  spoiler: () => '<span class="spoiler">',
  blockquote: () => '<blockquote>',
  expandable_blockquote: () => '<blockquote>',
  text_link: (e) => `<a href="${esc(e.url ?? '')}" target="_blank" rel="noopener">`,
  custom_emoji: () => '<span>',
};
const CLOSE: Record<string, string> = {
  bold: '</b>',
  italic: '</i>',
  underline: '</u>',
  strikethrough: '</s>',
  code: '</code>',
  pre: '</pre>',
  spoiler: '</span>',
  blockquote: '</blockquote>',
  expandable_blockquote: '</blockquote>',
  text_link: '</a>',
  custom_emoji: '</span>',
};

/** The text with its entities as HTML (offsets are UTF-16, as JavaScript strings count). */
export function entitiesToHtml(text: string, entities: readonly MessageEntity[] = []): string {
  const sorted = [...entities].sort((a, b) => a.offset - b.offset || b.length - a.length);
  const render = (from: number, to: number, list: MessageEntity[]): string => {
    let out = '';
    let at = from;
    let i = 0;
    while (i < list.length) {
      const e = list[i];
      if (!e) break;
      out += esc(text.slice(at, e.offset));
      const end = e.offset + e.length;
      const inner: MessageEntity[] = [];
      i++;
      while (i < list.length && (list[i]?.offset ?? 0) < end) inner.push(list[i++]!);
      out +=
        (OPEN[e.type] ?? (() => '<span>'))(e) +
        render(e.offset, end, inner) +
        (CLOSE[e.type] ?? '</span>');
      at = end;
    }
    return out + esc(text.slice(at, to));
  };
  return render(0, text.length, sorted).replace(/\n/g, '<br>');
}

export function chatsToHtml(
  chats: readonly RenderedChat[],
  timeZone: string,
  title: string,
  /** a photo's picture by its file_id (a data: URL), where the caller has the bytes */
  photoSrc: (fileId: string) => string | undefined = () => undefined,
): string {
  const when = new Intl.DateTimeFormat('ru-RU', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  const sections = chats
    .filter((c) => c.messages.length)
    .map(
      (c) => `<section class="chat">
  <header><div class="avatar">${esc(c.title.slice(0, 1))}</div><div><div class="name">${esc(c.title)}</div><div class="sub">${c.type === 'private' ? 'личный чат с ботом' : 'группа'} · ${c.messages.length} сообщ.</div></div></header>
  ${c.messages
    .map(
      (m) =>
        `<div class="msg"><div class="from">Рейтинг менеджеров</div>${photoHtml(m.photo, photoSrc)}<div class="text">${m.photo ? entitiesToHtml(m.caption ?? '', m.caption_entities) : entitiesToHtml(m.text ?? '', m.entities)}</div><div class="time">${when.format(new Date(m.date * 1000))}</div></div>`,
    )
    .join('\n  ')}
</section>`,
    )
    .join('\n');
  return `<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${esc(title)}</title>
<style>
body{margin:0;background:#8fb99a url('data:image/svg+xml;utf8,<svg xmlns=%22http://www.w3.org/2000/svg%22 width=%2240%22 height=%2240%22><circle cx=%225%22 cy=%225%22 r=%221.5%22 fill=%22%23ffffff33%22/></svg>');font:15px/1.4 -apple-system,Roboto,'Noto Sans',Arial,sans-serif;color:#000}
.chat{max-width:420px;margin:0 auto 24px;padding:0 8px 12px}
header{position:sticky;top:0;display:flex;gap:10px;align-items:center;background:#517da2;color:#fff;margin:0 -8px 10px;padding:8px 12px;z-index:1}
.avatar{width:36px;height:36px;border-radius:50%;background:#7fb1e0;display:flex;align-items:center;justify-content:center;font-weight:600}
.name{font-weight:600}.sub{font-size:12px;opacity:.8}
.msg{background:#fff;border-radius:12px 12px 12px 4px;padding:6px 10px 4px;margin:6px 40px 6px 0;box-shadow:0 1px 1px #0002;overflow-wrap:anywhere}
.from{color:#3a8fd1;font-weight:600;font-size:13px}
.time{text-align:right;color:#8a9aa8;font-size:11px;margin-top:2px}
a{color:#168acd;text-decoration:none}
.spoiler{background:#ccc;color:#ccc}
.photo{display:block;width:100%;height:auto;border-radius:8px;margin:4px 0}
.nophoto{background:#eef;padding:20px;text-align:center;color:#667;border-radius:8px}
</style></head><body>
${sections}
</body></html>`;
}

function photoHtml(
  photo: Array<{ file_id: string; width: number; height: number }> | undefined,
  src: (fileId: string) => string | undefined,
): string {
  const p = photo?.[photo.length - 1];
  if (!p) return '';
  const url = src(p.file_id);
  return url
    ? `<img class="photo" src="${esc(url)}" width="${p.width}" height="${p.height}" alt="фото">`
    : `<div class="nophoto">фото ${p.width}×${p.height}</div>`;
}
