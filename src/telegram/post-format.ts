/**
 * The Telegram posts of one published rating, as text in Telegram's HTML (docs/rules.md §7): which
 * posts the day calls for, and their parts. Pure: ratings in, posts out. Every amoCRM text is
 * escaped; a part never passes 4096 characters as Telegram counts them (code points of the text
 * after parsing, trimmed), splitting on row boundaries with part markers.
 */
import {
  WorkCalendar,
  type CalendarEdit,
  type Forecast,
  type Rating,
  type RatingRow,
  type RatingSet,
} from '../engine';
import { liveText } from '../i18n/live-labels';
import type { Language } from '../i18n/messages';
import { quarterLabel } from '../i18n/period-labels';
import {
  dayRange,
  dayWords,
  formatNumber,
  managers,
  percent,
  points,
  postText,
  type PostTextKey,
  weeks,
} from '../i18n/post-texts';
import { monthLabel } from '../i18n/period-labels';
import { cleanName, POST_NAME_MAX, shortName } from '../shapes/user-names';
import { escapeHtml } from './html';
import { isMonday, postsOfDay, type PostSwitches } from './post-calendar';
import { fitName, PHONE_LINE_PX, phoneWidth } from './phone-line';
import { mondayLines, teamLines } from './motivation-lines';

export type PostKind = 'daily' | 'monday' | 'monthFinal' | 'quarter' | 'digest';

export interface Post {
  kind: PostKind;
  /** the period the post is about: with the kind and the chat, its key in the ledger */
  period: string;
  audience: 'group' | 'head';
  parts: string[];
  /** the post carries the week's points chart as a photo above its text, with this caption (HTML) */
  photoCaption?: string;
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
  enabled: PostSwitches;
  bottom: { size: number; rows: BottomRow[] };
  /** the head's edits of the working calendar (the daily post on working days only) */
  calendarDays?: readonly CalendarEdit[];
  /** the team's forecast for the month's end (docs/rules.md §3.3.3); absent or null: no line */
  monthForecast?: Forecast | null;
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

function periodWords(lang: Language, r: Rating, today: string): string {
  const p = r.period;
  if (p.kind === 'week') return dayRange(lang, p.firstDay, p.lastDay);
  if (p.kind === 'month') {
    const month = monthLabel(lang, p.firstDay.slice(0, 7));
    return p.final ? month : postText(lang, 'monthToDate', { month, day: dayWords(lang, today) });
  }
  return quarterLabel(lang, p.label);
}

/** What a section's lines show after the name: the share of the plan, the change of place. */
interface LineShape {
  share: 'pace' | 'plan';
  /** finals show where a period ended, not how places moved: no arrows */
  arrows: boolean;
}

/**
 * «🥇 Анна Смирнова — 1 234 · 95 % ↑2», one line on a phone (src/telegram/phone-line.ts): the
 * legend line above the list names the numbers; points to the unit from 100 on.
 * `taken`: the short names earlier lines of the list use (the line adds its own).
 */
function rowLine(lang: Language, r: RatingRow, shape: LineShape, taken: Set<string>): string {
  const place = `${r.medal || `${r.place}.`} `;
  let rest = ` — ${formatNumber(lang, r.points, Math.abs(r.points) >= 100 ? 0 : 1)}`;
  const share = shape.share === 'plan' ? r.planPercent : r.pace;
  if (share !== null) rest += ` · ${percent(lang, share)}`;
  if (shape.arrows && r.change !== null && r.change > 0) rest += ` ↑${r.change}`;
  else if (shape.arrows && r.change !== null && r.change < 0) rest += ` ↓${-r.change}`;
  const room = PHONE_LINE_PX - phoneWidth(place + rest);
  const name = fitName(shortName(cleanName(r.name), POST_NAME_MAX), room, taken);
  taken.add(name);
  return `${place}${escapeHtml(name)}${rest}`;
}

/** The line that says what the numbers in the rows are. */
function legend(lang: Language, r: Rating, shape: LineShape): string {
  const planned = r.rows.some((x) => (shape.share === 'plan' ? x.planPercent : x.pace) !== null);
  const key = !planned ? 'legendPoints' : shape.share === 'plan' ? 'legendPlan' : 'legendPace';
  return `<i>${postText(lang, key)}</i>`;
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

/**
 * A rating's lines: the legend, one line per manager shown, the rest summarised, the team's
 * total. A closed period (the week, a final) shows the plan done, a running one the pace.
 */
function section(
  input: PostInput,
  r: Rating,
  opts: { topN: number | null; arrows: boolean; team: boolean },
): string[] {
  const { lang } = input;
  const shape: LineShape = { share: r.period.final ? 'plan' : 'pace', arrows: opts.arrows };
  const shown = opts.topN === null ? r.rows : r.rows.slice(0, opts.topN);
  const rest = r.rows.slice(shown.length);
  // places among people who all have nothing say nothing (and their arrows even less)
  if (!shown.length || r.rows.every((x) => x.points === 0)) return [postText(lang, 'nobody')];
  const taken = new Set<string>();
  const lines = [legend(lang, r, shape), ...shown.map((row) => rowLine(lang, row, shape, taken))];
  if (rest.length && opts.team)
    lines.push(
      `<i>${postText(lang, 'more', {
        managers: managers(lang, rest.length),
        points: points(
          lang,
          rest.reduce((s, x) => s + x.points, 0),
        ),
      })}</i>`,
    );
  if (opts.team) {
    const t = r.totals;
    const share = shape.share === 'plan' ? t.planPercent : t.pace;
    lines.push(
      [
        postText(lang, 'team', { points: points(lang, t.points) }),
        ...(share !== null ? [postText(lang, shape.share, { pct: percent(lang, share) })] : []),
      ].join(' · '),
    );
    lines.push(...teamLines(lang, input.ratings, r));
  }
  return lines;
}

/** Bold type is wider than the widths of phone-line.ts: a margin for it. */
const BOLD = 1.05;

/** A line of Telegram HTML as wide as a phone shows it, px (estimated, erring wide). */
function lineWidth(html: string): number {
  let w = 0;
  for (const [i, chunk] of html.split(/<\/?b>/).entries()) {
    const text = chunk
      .replace(/<[^>]*>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
    w += phoneWidth(text) * (i % 2 ? BOLD : 1);
  }
  return w;
}

/**
 * A header as one line when it fits a 360-px phone, else as two: «🏆 Рейтинг недели · 9–15 марта
 * 2026» stays whole, «… · 28 сентября – 4 октября 2026» puts the period under the title.
 */
function oneOrTwo(first: string, second: string, sep: string): string[] {
  const one = `${first}${sep}${second}`;
  return lineWidth(one) <= PHONE_LINE_PX ? [one] : [first, second];
}

function titleLines(input: PostInput, titleKey: PostTextKey, r: Rating): string[] {
  return oneOrTwo(
    postText(input.lang, titleKey),
    periodWords(input.lang, r, input.ratings.today),
    ' · ',
  );
}

function linkFooter(input: PostInput): string[] {
  return input.spreadsheetUrl
    ? [`<a href="${escapeHtml(input.spreadsheetUrl)}">${postText(input.lang, 'open')}</a>`]
    : [];
}

/**
 * «данные на 16.03.2026 07:00 (Москва, UTC+3)» on one phone line: a long city drops the offset
 * («(Екатеринбург)»), and what still does not fit puts the zone on a line of its own.
 */
function dataAsOfLines(input: PostInput): string[] {
  const line = (when: string) => `<i>${escapeHtml(postText(input.lang, 'dataAsOf', { when }))}</i>`;
  const full = line(input.dataAsOf);
  if (lineWidth(full) <= PHONE_LINE_PX) return [full];
  const zoned = /^(.*?) \((.*)\)$/.exec(input.dataAsOf);
  if (!zoned) return [full];
  const [, when = '', zone = ''] = zoned;
  const city = zone.replace(/,\s*UTC[^,]*$/, '');
  const short = line(`${when} (${city})`);
  if (city !== zone && lineWidth(short) <= PHONE_LINE_PX) return [short];
  return [line(when), `<i>(${escapeHtml(zone)})</i>`];
}

function ratingPost(
  input: PostInput,
  kind: PostKind,
  titleKey: PostTextKey,
  r: Rating,
  opts: {
    topN: number | null;
    final?: boolean;
    congratulate?: boolean;
    extra?: string[];
    /** the week's chart goes above it as a photo (a Monday's week post) */
    photo?: boolean;
  },
): Post {
  const header = [...titleLines(input, titleKey, r), ...dataAsOfLines(input)];
  const body = [
    ...section(input, r, {
      topN: opts.topN,
      arrows: !opts.final,
      team: !opts.congratulate,
    }),
    ...withGap(opts.extra ?? []),
  ];
  const footer = [
    ...(opts.congratulate ? [postText(input.lang, 'congrats')] : []),
    ...linkFooter(input),
  ];
  return {
    kind,
    period: r.period.label,
    audience: 'group',
    parts: split(header, body, footer),
    // the caption is the title, its period included when it took a line of its own
    ...(opts.photo ? { photoCaption: titleLines(input, titleKey, r).join('\n') } : {}),
  };
}

/** Monday's one message: the week's rating, then the month to date. */
function weekAndMonthPost(input: PostInput): Post {
  const { ratings } = input;
  const title = titleLines(input, 'dailyTitle', ratings.week);
  const header = [...title, ...dataAsOfLines(input)];
  const on = { topN: input.publicTopN, arrows: true, team: true };
  const body = [
    ...section(input, ratings.week, on),
    '',
    ...titleLines(input, 'mondayTitle', ratings.month),
    ...section(input, ratings.month, on),
    ...forecastLine(input),
    ...withGap(mondayLines(input.lang, ratings)),
  ];
  return {
    kind: 'monday',
    period: ratings.today,
    audience: 'group',
    parts: split(header, body, linkFooter(input)),
    // the chart's caption names the week; the rating itself stays text below it (docs/rules.md §7)
    photoCaption: title.join('\n'),
  };
}

/** One line under the month: the team's points at the month's end at this pace, and the plan. */
function forecastLine(input: PostInput): string[] {
  const f = input.monthForecast;
  if (!f || input.ratings.month.rows.every((x) => x.points === 0)) return [];
  const { lang } = input;
  return [
    [
      liveText(lang, 'postForecast', { points: points(lang, f.points) }),
      ...(f.planPercent !== null
        ? [liveText(lang, 'postForecastPlan', { pct: percent(lang, f.planPercent) })]
        : []),
    ].join(' · '),
  ];
}

/**
 * The head's digest, on a phone like the group's posts: the title, who may read it, the week; a
 * legend naming the numbers, then one line per person («• Борис Б. — 3 недели · 12»).
 */
function digest(input: PostInput): Post {
  const { lang, ratings } = input;
  const week = ratings.week.period;
  const header = [postText(lang, 'digestTitle'), `<i>${postText(lang, 'digestPrivate')}</i>`];
  const body = oneOrTwo(
    postText(lang, 'digestIntro', { size: input.bottom.size }),
    dayRange(lang, week.firstDay, week.lastDay),
    ' ',
  );
  if (!input.bottom.rows.length) body.push(postText(lang, 'digestNobody'));
  else body.push(`<i>${postText(lang, 'digestLegend')}</i>`);
  const taken = new Set<string>();
  for (const row of input.bottom.rows) {
    const bold = row.weeks >= 3;
    const rest = postText(lang, 'digestRow', {
      name: '',
      weeks: weeks(lang, row.weeks),
      leads: formatNumber(lang, row.leads, 0),
    });
    const room = (PHONE_LINE_PX - phoneWidth(`• ${rest}`) * (bold ? BOLD : 1)) / (bold ? BOLD : 1);
    const name = fitName(shortName(cleanName(row.name), POST_NAME_MAX), room, taken);
    taken.add(name);
    const text = postText(lang, 'digestRow', {
      name: escapeHtml(name),
      weeks: weeks(lang, row.weeks),
      leads: formatNumber(lang, row.leads, 0),
    });
    body.push(`• ${bold ? `<b>${text}</b>` : text}`);
  }
  return {
    kind: 'digest',
    period: ratings.today,
    audience: 'head',
    parts: split(header, body, []),
  };
}

/** The posts this day calls for, in the order they go out (src/telegram/post-calendar.ts). */
export function postsFor(input: PostInput): Post[] {
  const { ratings, enabled } = input;
  const today = ratings.today;
  const topN = input.publicTopN;
  const out: Post[] = [];
  // a final whose day passed is still offered in its first days: the ledger posts it once
  const work = new WorkCalendar(input.calendarDays ?? []);
  for (const slot of postsOfDay(today, enabled, true, work)) {
    if (slot === 'monthFinal' && ratings.previousMonth)
      out.push(
        ratingPost(input, 'monthFinal', 'monthFinalTitle', ratings.previousMonth, {
          topN,
          final: true,
        }),
      );
    else if (slot === 'quarterFinal' && ratings.previousQuarter)
      out.push(
        ratingPost(input, 'quarter', 'quarterTitle', ratings.previousQuarter, {
          topN: 3,
          final: true,
          congratulate: true,
        }),
      );
    else if (slot === 'weekAndMonth') out.push(weekAndMonthPost(input));
    else if (slot === 'month')
      out.push(
        withPeriod(
          ratingPost(input, 'monday', 'mondayTitle', ratings.month, {
            topN,
            extra: [...forecastLine(input), ...mondayLines(input.lang, ratings)],
          }),
          today,
        ),
      );
    else if (slot === 'week')
      out.push(
        withPeriod(
          // a Monday without the month to date (its first days) still shows the week's chart
          ratingPost(input, 'daily', 'dailyTitle', ratings.week, { topN, photo: isMonday(today) }),
          today,
        ),
      );
    else if (slot === 'digest') out.push(digest(input));
  }
  return out;
}

/** Lines after a blank line, or nothing. */
function withGap(lines: string[]): string[] {
  return lines.length ? ['', ...lines] : [];
}

/** Daily and Monday posts are keyed by their day: one each per day, whatever the period. */
function withPeriod(p: Post, day: string): Post {
  return { ...p, period: day };
}
