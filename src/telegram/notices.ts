/**
 * What the sales head must hear about the posts: one that may not have been delivered, one that
 * Telegram refused. Kept for the sidebar (the caller also says it on the sheets' status line).
 */
import * as v from 'valibot';
import { parseJson } from '../shapes/parse-json';

export const NOTICES_KEY = 'telegram.notices';
const KEEP = 5;

const NoticeSchema = v.object({ at: v.number(), text: v.string() });
export type Notice = v.InferOutput<typeof NoticeSchema>;

export function readNotices(): Notice[] {
  return (
    parseJson(
      PropertiesService.getDocumentProperties().getProperty(NOTICES_KEY),
      v.array(NoticeSchema),
    ) ?? []
  );
}

export function addNotice(text: string): void {
  const list = [{ at: Date.now(), text }, ...readNotices()].slice(0, KEEP);
  PropertiesService.getDocumentProperties().setProperty(NOTICES_KEY, JSON.stringify(list));
}
