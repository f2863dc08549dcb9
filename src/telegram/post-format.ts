/**
 * The Telegram posts of one published rating, as text in Telegram's HTML (docs/rules.md §7): which
 * posts the day calls for, and their parts. Pure: ratings in, posts out. Every amoCRM text is
 * escaped; a part never passes 4096 characters as Telegram counts them (code points of the text
 * after parsing, trimmed), splitting on row boundaries with part markers.
 */
import type { Rating, RatingRow, RatingSet } from '../engine';
import type { Language } from '../i18n/messages';
import { quarterLabel } from '../i18n/period-labels';
import {
  dayRange,
  dayWords,
  managers,
  percent,
  points,
  postText,
  type PostTextKey,
  weeks,
} from '../i18n/post-texts';
import { monthLabel } from '../i18n/period-labels';
import { cleanName, shortName } from '../shapes/user-names';
import { escapeHtml } from './html';

export type PostKind = 'daily' | 'monday' | 'monthFinal' | 'quarter' | 'digest';

export interface Post {
  kind: PostKind;
  /** the period the post is about: with the kind and the chat, its key in the ledger */
  period: string;
  audience: 'group' | 'head';
  parts: string[];
}

export interface BottomRow {
  name: string;
  weeks: number;
  leads: number;
}

export interface PostInput {
  lang: Language;
  ratings: RatingSet;
  /** when the data is from, in words, e.g. «16.03.2026 07:00 (Москва, UTC+3)» */
  dataAsOf: string;
  spreadsheetUrl: string;
  publicTopN: number | null;
  enabled: { daily: boolean; monday: boolean; quarter: boolean; headDigest: boolean };
  bottom: { size: number; rows: BottomRow[] };
}

/** Telegram's limit on one message, in code points of the parsed, trimmed text [B2]. */
export const MAX_POST = 4096;

/** What Telegram counts: the text without tags, entities decoded, trimmed, in code points. */
export function visibleLength(html: string): number {
  const text = html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .trim();
  return [...text].length;
}

function weekday(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).getUTCDay();
}

function periodWords(lang: Language, r: Rating, today: string): string {
  const p = r.period;
  if (p.kind === 'week') return dayRange(lang, p.firstDay, p.lastDay);
  if (p.kind === 'month') {
    const month = monthLabel(lang, p.firstDay.slice(0, 7));
    return p.final ? month : postText(lang, 'monthToDate', { month, day: dayWords(lang, today) });
  }
  return quarterLabel(lang, p.label);
}

/** A name in a post: one line, at most POST_NAME_MAX characters, escaped (docs/rules.md §7). */
function postName(name: string): string {
  return escapeHtml(shortName(cleanName(name)));
}

function rowLine(lang: Language, r: RatingRow, final: boolean): string {
  const place = r.medal || `${r.place}.`;
  const name = postName(r.name);
  const parts = [`${place} ${r.place <= 3 ? `<b>${name}</b>` : name} — ${points(lang, r.points)}`];
  const share = final ? r.planPercent : r.pace;
  if (share !== null)
    parts.push(postText(lang, final ? 'plan' : 'pace', { pct: percent(lang, share) }));
  let line = parts.join(' · ');
  if (r.change !== null && r.change > 0) line += ` ↑${r.change}`;
  else if (r.change !== null && r.change < 0) line += ` ↓${-r.change}`;
  return line;
}

/**
 * Header lines (repeated on every part, with its marker), body lines (split between parts on
 * line boundaries), footer lines (the last part only).
 */
export function split(header: string[], body: string[], footer: string[]): string[] {
  const assemble = (h: string[], b: string[], f: string[]) =>
    [...h, '', ...b, ...(f.length ? ['', ...f] : [])].join('\n');
  const whole = assemble(header, body, footer);
  if (visibleLength(whole) <= MAX_POST) return [whole];
  // room for a marker such as " (12/12)" on the first header line
  const marked = (n: number, total: number) => {
    const [first = '', ...rest] = header;
    return [`${first} ${postText('ru', 'part', { n, total })}`, ...rest];
  };
  const chunks: string[][] = [];
  let current: string[] = [];
  const fits = (lines: string[], last: boolean) =>
    visibleLength(assemble(marked(99, 99), lines, last ? footer : [])) <= MAX_POST;
  for (const line of body) {
    if (current.length && !fits([...current, line], false)) {
      chunks.push(current);
      current = [];
    }
    current.push(line);
  }
  if (current.length && !fits(current, true)) {
    chunks.push(current);
    current = [];
  }
  chunks.push(current);
  return chunks.map((lines, i) =>
    assemble(marked(i + 1, chunks.length), lines, i === chunks.length - 1 ? footer : []),
  );
}

function ratingPost(
  input: PostInput,
  kind: PostKind,
  titleKey: PostTextKey,
  r: Rating,
  opts: { topN: number | null; congratulate?: boolean },
): Post {
  const { lang } = input;
  const final = r.period.final;
  const header = [
    `${postText(lang, titleKey)} · ${periodWords(lang, r, input.ratings.today)}`,
    `<i>${escapeHtml(postText(lang, 'dataAsOf', { when: input.dataAsOf }))}</i>`,
  ];
  const shown = opts.topN === null ? r.rows : r.rows.slice(0, opts.topN);
  const rest = r.rows.slice(shown.length);
  const body = shown.length
    ? shown.map((row) => rowLine(lang, row, final))
    : [postText(lang, 'nobody')];
  if (rest.length && !opts.congratulate)
    body.push(
      `<i>${postText(lang, 'more', {
        managers: managers(lang, rest.length),
        points: points(
          lang,
          rest.reduce((s, x) => s + x.points, 0),
        ),
      })}</i>`,
    );
  const footer: string[] = [];
  if (opts.congratulate) footer.push(postText(lang, 'congrats'));
  else {
    const t = r.totals;
    const share = final ? t.planPercent : t.pace;
    footer.push(
      [
        postText(lang, 'team', { points: points(lang, t.points) }),
        ...(share !== null
          ? [postText(lang, final ? 'plan' : 'pace', { pct: percent(lang, share) })]
          : []),
      ].join(' · '),
    );
  }
  if (input.spreadsheetUrl)
    footer.push(`<a href="${escapeHtml(input.spreadsheetUrl)}">${postText(lang, 'open')}</a>`);
  return {
    kind,
    period: r.period.label,
    audience: 'group',
    parts: split(header, body, footer),
  };
}

function digest(input: PostInput): Post {
  const { lang, ratings } = input;
  const week = ratings.week.period;
  const header = [postText(lang, 'digestTitle')];
  const body = [
    postText(lang, 'digestIntro', {
      size: input.bottom.size,
      period: dayRange(lang, week.firstDay, week.lastDay),
    }),
  ];
  if (!input.bottom.rows.length) body.push(postText(lang, 'digestNobody'));
  for (const row of input.bottom.rows)
    body.push(
      `• ${row.weeks >= 3 ? '<b>' : ''}${postText(lang, 'digestRow', {
        name: postName(row.name),
        weeks: weeks(lang, row.weeks),
        leads: row.leads,
      })}${row.weeks >= 3 ? '</b>' : ''}`,
    );
  return {
    kind: 'digest',
    period: ratings.today,
    audience: 'head',
    parts: split(header, body, []),
  };
}

/** The posts this day calls for, in the order they go out. */
export function postsFor(input: PostInput): Post[] {
  const { ratings, enabled } = input;
  const today = ratings.today;
  const monday = weekday(today) === 1;
  const dayOfMonth = Number(today.slice(8, 10));
  const posts: Post[] = [];
  if (enabled.quarter && ratings.previousQuarter)
    posts.push(
      ratingPost(input, 'quarter', 'quarterTitle', ratings.previousQuarter, {
        topN: 3,
        congratulate: true,
      }),
    );
  if (enabled.monday && monday && dayOfMonth <= 7 && ratings.previousMonth)
    posts.push(
      ratingPost(input, 'monthFinal', 'monthFinalTitle', ratings.previousMonth, {
        topN: input.publicTopN,
      }),
    );
  if (enabled.monday && monday)
    posts.push(
      withPeriod(
        ratingPost(input, 'monday', 'mondayTitle', ratings.month, { topN: input.publicTopN }),
        today,
      ),
    );
  if (enabled.daily)
    posts.push(
      withPeriod(
        ratingPost(input, 'daily', 'dailyTitle', ratings.week, { topN: input.publicTopN }),
        today,
      ),
    );
  if (enabled.headDigest && monday) posts.push(digest(input));
  return posts;
}

/** Daily and Monday posts are keyed by their day: one each per day, whatever the period. */
function withPeriod(p: Post, day: string): Post {
  return { ...p, period: day };
}
