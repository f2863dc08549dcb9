/**
 * What a demo run showed, kept to compare the two stores: `npm start` and `STORE=bigquery npm
 * start` live the same account through the same days, so their posts and rating sheets must be
 * the same. Each run writes out/summary-<store>.json; a run that finds the other store's summary
 * for the same days compares the two and says where they differ.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GasRuntime } from '../../dev/gas';

export interface RunSummary {
  store: 'spreadsheet' | 'bigquery';
  end: string;
  /** every message sent, in order: the chat ('group' or 'head') and its text */
  posts: Array<{ chat: string; text: string }>;
  /** each rating sheet's values, row by row */
  sheets: Record<string, string[][]>;
}

// the two runs' clocks differ by the seconds each one's work took: times of day go
const untimed = (s: string) => s.replace(/\b\d{1,2}:\d{2}(:\d{2})?\b/g, 'hh:mm');

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'date' in v) return String(v.date);
  return untimed(typeof v === 'string' ? v : JSON.stringify(v));
}

export function summaryOf(
  rt: GasRuntime,
  store: RunSummary['store'],
  end: string,
  sheets: readonly string[],
  sent: ReadonlyArray<{ chatId?: string | number; text?: string }>,
  group: number,
): RunSummary {
  const out: RunSummary['sheets'] = {};
  for (const name of sheets) {
    const s = rt.spreadsheet.sheets.find((x) => x.name === name);
    if (s) out[name] = (s.rows ?? []).map((r) => (r ?? []).map((c) => cell(c?.v)));
  }
  return {
    store,
    end,
    posts: sent.map((x) => ({
      chat: String(x.chatId) === String(group) ? 'group' : 'head',
      text: untimed(x.text ?? ''),
    })),
    sheets: out,
  };
}

/** Where two runs differ (at most `max` lines); empty when they showed the same. */
export function differences(a: RunSummary, b: RunSummary, max = 10): string[] {
  const out: string[] = [];
  const n = Math.max(a.posts.length, b.posts.length);
  if (a.posts.length !== b.posts.length)
    out.push(`posts: ${a.posts.length} (${a.store}) vs ${b.posts.length} (${b.store})`);
  for (let i = 0; i < n && out.length < max; i++) {
    const x = a.posts[i];
    const y = b.posts[i];
    if (x?.chat !== y?.chat || x?.text !== y?.text)
      out.push(
        `post ${i + 1}: «${(x?.text ?? '—').split('\n')[0] ?? ''}» vs «${(y?.text ?? '—').split('\n')[0] ?? ''}»`,
      );
  }
  for (const name of new Set([...Object.keys(a.sheets), ...Object.keys(b.sheets)])) {
    const x = a.sheets[name] ?? [];
    const y = b.sheets[name] ?? [];
    for (let r = 0; r < Math.max(x.length, y.length) && out.length < max; r++)
      if (JSON.stringify(x[r] ?? []) !== JSON.stringify(y[r] ?? []))
        out.push(
          `«${name}» row ${r + 1}: ${JSON.stringify(x[r] ?? [])} vs ${JSON.stringify(y[r] ?? [])}`,
        );
  }
  return out;
}

/** Writes this run's summary; compares it with the other store's for the same days, if there. */
export function keepAndCompare(out: string, mine: RunSummary): string {
  writeFileSync(join(out, `summary-${mine.store}.json`), JSON.stringify(mine));
  const other = mine.store === 'bigquery' ? 'spreadsheet' : 'bigquery';
  const file = join(out, `summary-${other}.json`);
  if (!existsSync(file))
    return `out/summary-${mine.store}.json written; run the demo on the ${other} store to compare`;
  const theirs = JSON.parse(readFileSync(file, 'utf8')) as RunSummary;
  if (theirs.end !== mine.end)
    return `out/summary-${other}.json is of a run to ${theirs.end.slice(0, 10)}, not ${mine.end.slice(0, 10)}: not compared`;
  const diff = differences(theirs, mine);
  const rows = Object.values(mine.sheets).reduce((k, s) => k + s.length, 0);
  return diff.length
    ? `DIFFERENT from the ${other} store's run:\n  ${diff.join('\n  ')}`
    : `the same as the ${other} store's run: ${mine.posts.length} posts and ${rows} rows of ${Object.keys(mine.sheets).length} sheets, word for word`;
}
