/**
 * The words of the Telegram posts (docs/rules.md §7): titles, periods, plural forms of «балл»
 * (1 балл, 2 балла, 5 баллов, 1,5 балла) and of «неделя», numbers as people write them.
 */
import type { Language } from './messages';
import { figureNameInText } from './glossary';

/** Russian plural form: one (1, 21), few (2–4, 22–24), many (5–20, 11–14); fractions take "few". */
export function ruPlural(n: number, forms: readonly [string, string, string]): string {
  if (!Number.isInteger(n)) return forms[1];
  const a = Math.abs(n) % 100;
  const b = a % 10;
  if (a >= 11 && a <= 14) return forms[2];
  if (b === 1) return forms[0];
  if (b >= 2 && b <= 4) return forms[1];
  return forms[2];
}

/** 1234.5 → '1 234,5' (ru, no-break space) or '1,234.5' (en); at most one decimal. */
export function formatNumber(lang: Language, n: number, decimals = 1): string {
  const rounded = Math.round(n * 10 ** decimals) / 10 ** decimals;
  const [int = '0', frac] = Math.abs(rounded).toFixed(decimals).split('.');
  const sep = lang === 'ru' ? '\u00a0' : ',';
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  const fracPart =
    frac && Number(frac) !== 0 ? `${lang === 'ru' ? ',' : '.'}${frac.replace(/0+$/, '')}` : '';
  return `${rounded < 0 ? '−' : ''}${grouped}${fracPart}`;
}

export function points(lang: Language, n: number): string {
  const num = formatNumber(lang, n);
  if (lang === 'en') return `${num} ${n === 1 ? 'point' : 'points'}`;
  return `${num} ${ruPlural(Math.round(n * 10) / 10, ['балл', 'балла', 'баллов'])}`;
}

export function weeks(lang: Language, n: number): string {
  if (lang === 'en') return `${n} ${n === 1 ? 'week' : 'weeks'}`;
  return `${n} ${ruPlural(n, ['неделю', 'недели', 'недель'])}`;
}

export function managers(lang: Language, n: number): string {
  if (lang === 'en') return `${n} ${n === 1 ? 'manager' : 'managers'}`;
  return `${n} ${ruPlural(n, ['менеджер', 'менеджера', 'менеджеров'])}`;
}

export function percent(lang: Language, share: number): string {
  return `${formatNumber(lang, share * 100, 0)}${lang === 'ru' ? '\u00a0%' : '%'}`;
}

/** Month names as a day's date uses them: «9 марта», "Mar 9". */
const DAY_MONTHS: Record<Language, readonly string[]> = {
  ru: [
    'января',
    'февраля',
    'марта',
    'апреля',
    'мая',
    'июня',
    'июля',
    'августа',
    'сентября',
    'октября',
    'ноября',
    'декабря',
  ],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

/** '2026-03-09', '2026-03-15' → '9–15 марта 2026'; across months '30 марта – 5 апреля 2026'. */
export function dayRange(lang: Language, first: string, last: string): string {
  const [y1, m1, d1] = first.split('-').map(Number);
  const [y2, m2, d2] = last.split('-').map(Number);
  const month = (m: number | undefined) => DAY_MONTHS[lang][(m ?? 1) - 1] ?? '';
  if (lang === 'en') {
    if (m1 === m2 && y1 === y2) return `${month(m1)} ${d1}–${d2}, ${y2}`;
    return `${month(m1)} ${d1} – ${month(m2)} ${d2}, ${y2}`;
  }
  if (m1 === m2 && y1 === y2) return `${d1}–${d2} ${month(m1)} ${y2}`;
  return `${d1} ${month(m1)} – ${d2} ${month(m2)} ${y2}`;
}

/** '2026-03-16' → '16 марта' / 'Mar 16' */
export function dayWords(lang: Language, day: string): string {
  const [, m, d] = day.split('-').map(Number);
  const month = DAY_MONTHS[lang][(m ?? 1) - 1] ?? '';
  return lang === 'ru' ? `${d} ${month}` : `${month} ${d}`;
}

const ru = {
  dailyTitle: '🏆 <b>Рейтинг недели</b>',
  mondayTitle: '📅 <b>Рейтинг месяца</b>',
  monthFinalTitle: '🏁 <b>Итоги месяца</b>',
  quarterTitle: '🎉 <b>Итоги квартала</b>',
  digestTitle: '🔻 <b>Кто задерживается внизу</b>',
  monthToDate: '{month}, на {day}',
  dataAsOf: 'данные на {when}',
  pace: 'темп {pct}',
  plan: 'план {pct}',
  legendPoints: 'баллы',
  legendPace: 'баллы · темп к плану',
  legendPlan: 'баллы · выполнение плана',
  team: 'Команда: {points}',
  more: '…и ещё {managers}: {points}',
  open: 'Открыть рейтинг',
  nobody: 'За этот период баллов нет ни у кого.',
  congrats: 'Поздравляем призёров квартала! 👏',
  digestIntro: 'Нижние {size} места недели',
  digestRow: '{name} — {weeks} · {leads}',
  digestNobody: 'Никто не задерживается внизу: все меняются местами.',
  part: '({n}/{total})',
  // the head's digest on a phone: who may read it under the title; the numbers named once
  digestPrivate: 'видите только вы',
  digestLegend: `недель подряд внизу · ${figureNameInText('ru', 'newLeads')}`,
};

export type PostTextKey = keyof typeof ru;

const en: Record<PostTextKey, string> = {
  dailyTitle: "🏆 <b>This week's rating</b>",
  mondayTitle: "📅 <b>This month's rating</b>",
  monthFinalTitle: '🏁 <b>Month results</b>',
  quarterTitle: '🎉 <b>Quarter results</b>',
  digestTitle: '🔻 <b>Who stays at the bottom</b>',
  monthToDate: '{month}, as of {day}',
  dataAsOf: 'data as of {when}',
  pace: 'pace {pct}',
  plan: 'plan {pct}',
  legendPoints: 'points',
  legendPace: 'points · pace to plan',
  legendPlan: 'points · plan done',
  team: 'Team: {points}',
  more: '…and {managers} more: {points}',
  open: 'Open the rating',
  nobody: 'Nobody has points for this period.',
  congrats: "Congratulations to the quarter's medallists! 👏",
  digestIntro: 'The bottom {size} places of the week',
  digestRow: '{name} — {weeks} · {leads}',
  digestNobody: 'Nobody stays at the bottom: places keep changing.',
  part: '({n}/{total})',
  digestPrivate: 'only you see this',
  digestLegend: `weeks in a row at the bottom · ${figureNameInText('en', 'newLeads')}`,
};

export function postText(
  lang: Language,
  key: PostTextKey,
  params: Record<string, string | number> = {},
): string {
  return (lang === 'ru' ? ru : en)[key].replace(/\{(\w+)\}/g, (m, k: string) =>
    k in params ? String(params[k]) : m,
  );
}
