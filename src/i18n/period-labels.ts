/** Periods, quarters and time zones in words (docs/rules.md §5.1): «IV кв. 2025», «Москва, UTC+3». */
import type { Language } from './messages';

const MONTHS: Record<Language, string[]> = {
  ru: [
    'январь',
    'февраль',
    'март',
    'апрель',
    'май',
    'июнь',
    'июль',
    'август',
    'сентябрь',
    'октябрь',
    'ноябрь',
    'декабрь',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};
const ROMAN = ['I', 'II', 'III', 'IV'];

/** 'YYYY-MM-DD' → '09.03.2026' (ru) or '2026-03-09' (en) */
export function dayLabel(lang: Language, day: string): string {
  return lang === 'ru' ? `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}` : day;
}

/** '2026-03' → 'март 2026' / 'March 2026' */
export function monthLabel(lang: Language, month: string): string {
  const name = MONTHS[lang][Number(month.slice(5, 7)) - 1] ?? month;
  return `${name} ${month.slice(0, 4)}`;
}

/** '2025-Q4' → 'IV кв. 2025' / 'Q4 2025' */
export function quarterLabel(lang: Language, key: string): string {
  const m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (!m) return key;
  const [, year = '', q = '1'] = m;
  return lang === 'ru' ? `${ROMAN[Number(q) - 1] ?? q} кв. ${year}` : `Q${q} ${year}`;
}

export function rangeLabel(lang: Language, firstDay: string, lastDay: string): string {
  return `${dayLabel(lang, firstDay)} – ${dayLabel(lang, lastDay)}`;
}

const CITIES_RU: Record<string, string> = {
  'Europe/Moscow': 'Москва',
  'Europe/Kaliningrad': 'Калининград',
  'Europe/Samara': 'Самара',
  'Europe/Volgograd': 'Волгоград',
  'Europe/Minsk': 'Минск',
  'Europe/Kiev': 'Киев',
  'Europe/Kyiv': 'Киев',
  'Asia/Yekaterinburg': 'Екатеринбург',
  'Asia/Omsk': 'Омск',
  'Asia/Novosibirsk': 'Новосибирск',
  'Asia/Krasnoyarsk': 'Красноярск',
  'Asia/Irkutsk': 'Иркутск',
  'Asia/Yakutsk': 'Якутск',
  'Asia/Vladivostok': 'Владивосток',
  'Asia/Magadan': 'Магадан',
  'Asia/Kamchatka': 'Камчатка',
  'Asia/Almaty': 'Алматы',
  'Asia/Tashkent': 'Ташкент',
  'Asia/Tbilisi': 'Тбилиси',
  'Asia/Yerevan': 'Ереван',
  'Asia/Baku': 'Баку',
  'Europe/Berlin': 'Берлин',
  'Europe/London': 'Лондон',
  'America/New_York': 'Нью-Йорк',
  UTC: 'UTC',
};

/** 'Europe/Moscow', +180 → 'Москва, UTC+3' / 'Moscow, UTC+3' */
export function zoneLabel(lang: Language, timeZone: string, offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '−' : '+';
  const abs = Math.abs(offsetMinutes);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  const utc = `UTC${sign}${h}${m ? `:${String(m).padStart(2, '0')}` : ''}`;
  const city =
    (lang === 'ru' ? CITIES_RU[timeZone] : undefined) ??
    (timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ');
  return city === 'UTC' ? utc : `${city}, ${utc}`;
}
