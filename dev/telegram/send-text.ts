/**
 * The text of sendMessage and the caption of sendPhoto/sendDocument, checked in the reference's
 * order: presence and raw size, parse_mode, the length after parsing; and link_preview_options.
 * Each check throws the reference's Refusal. [docs/services.md, Part B]
 */
import { codePoints, parseHtml, ParseError, type MessageEntity } from './html-entities';
import { Refusal } from './refusal';
import type { Message } from './server';

/** characters of a message's text, after parsing */
export const MAX_TEXT = 4096;
/** characters of a caption, after parsing */
export const MAX_CAPTION = 1024;
/** bytes of the text as sent, before parsing */
const MAX_RAW_TEXT_BYTES = 32768;

export interface ParsedText {
  text: string;
  entities: MessageEntity[];
}

/** sendMessage's text: present, within the raw size, parsed, and still non-empty and short enough. */
export function messageText(raw: string, parseMode: string | undefined): ParsedText {
  checkRawText(raw);
  const parsed = applyParseMode(raw, parseMode);
  checkTextLength(parsed);
  return parsed;
}

/** A photo's or document's caption: optional, parsed, and short enough. */
export function captionText(raw: string, parseMode: string | undefined): ParsedText {
  const parsed = applyParseMode(raw, parseMode);
  checkCaptionLength(parsed);
  return parsed;
}

function checkRawText(raw: string): void {
  if (!raw) throw new Refusal(400, 'Bad Request: message text is empty');
  if (Buffer.byteLength(raw) > MAX_RAW_TEXT_BYTES)
    throw new Refusal(400, 'Bad Request: text is too long');
}

/** HTML is parsed into entities; Markdown is accepted but kept as written; other modes are refused. */
function applyParseMode(raw: string, parseMode: string | undefined): ParsedText {
  const asWritten = { text: raw, entities: [] };
  if (!parseMode) return asWritten;
  const mode = parseMode.toLowerCase();
  if (mode === 'html') return parsedHtml(raw);
  if (mode === 'markdown' || mode === 'markdownv2') return asWritten;
  throw new Refusal(400, 'Bad Request: unsupported parse_mode');
}

function parsedHtml(raw: string): ParsedText {
  try {
    return parseHtml(raw);
  } catch (e) {
    if (e instanceof ParseError)
      throw new Refusal(400, `Bad Request: can't parse entities: ${e.message}`);
    throw e;
  }
}

function checkTextLength(parsed: ParsedText): void {
  // trimmed, the text must still say something (whitespace, or an empty <b></b>, does not)
  if (!parsed.text) throw new Refusal(400, 'Bad Request: text must be non-empty');
  if (codePoints(parsed.text) > MAX_TEXT)
    throw new Refusal(400, 'Bad Request: message is too long');
}

function checkCaptionLength(parsed: ParsedText): void {
  if (codePoints(parsed.text) > MAX_CAPTION)
    throw new Refusal(400, 'Bad Request: message caption is too long');
}

/** link_preview_options, when given, must be a JSON object (any of the three send methods). */
export function checkLinkPreviewOptions(raw: string | undefined): void {
  if (raw === undefined) return;
  let options: unknown = null;
  try {
    options = JSON.parse(raw);
  } catch {
    // refused below, as a value that is not an object
  }
  if (typeof options !== 'object' || options === null)
    throw new Refusal(400, "Bad Request: can't parse link preview options JSON object");
}

/**
 * The message's text, its entities, and its link preview setting: link_preview_options (already
 * checked) wins over the older disable_web_page_preview.
 */
export function textFields(
  parsed: ParsedText,
  linkPreviewOptions: string | undefined,
  disableWebPagePreview: string | undefined,
): Pick<Message, 'text' | 'entities' | 'link_preview_options'> {
  const fields: Pick<Message, 'text' | 'entities' | 'link_preview_options'> = {
    text: parsed.text,
  };
  if (parsed.entities.length) fields.entities = parsed.entities;
  if (linkPreviewOptions || disableWebPagePreview === 'true')
    fields.link_preview_options = {
      is_disabled: linkPreviewOptions
        ? Boolean((JSON.parse(linkPreviewOptions) as { is_disabled?: boolean }).is_disabled)
        : true,
    };
  return fields;
}

/** A photo's or document's caption and its entities; none when the caption is empty. */
export function captionFields(parsed: ParsedText): Pick<Message, 'caption' | 'caption_entities'> {
  if (!parsed.text) return {};
  const fields: Pick<Message, 'caption' | 'caption_entities'> = { caption: parsed.text };
  if (parsed.entities.length) fields.caption_entities = parsed.entities;
  return fields;
}
