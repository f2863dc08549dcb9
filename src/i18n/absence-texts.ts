/**
 * The mark and the note a rating sheet puts on a manager's name when absences or a ramp change
 * the plan (docs/rules.md §3.2.10): «Анна 🌴» with the note «отпуск 4–15 мая, план 53 %».
 */
import type { StaffingNote } from '../engine';
import type { Language } from './messages';
import { dayWords } from './post-texts';

const WORDS = {
  ru: {
    vacation: 'отпуск',
    sick: 'больничный',
    plan: 'план {pct} %',
    ramp: 'новый сотрудник: {pct} % плана',
  },
  en: {
    vacation: 'vacation',
    sick: 'sick leave',
    plan: 'plan {pct} %',
    ramp: 'new hire: {pct} % of the plan',
  },
} as const;

/** 🌴 a vacation, 🤒 a sick leave, 🌱 a ramp: the first that applies, beside the name. */
export function staffingMark(note: StaffingNote): string {
  const first = note.absences[0];
  if (first) return first.kind === 'vacation' ? '🌴' : '🤒';
  return note.rampPercent !== null ? '🌱' : '';
}

/** '4–15 мая', '28 апреля – 3 мая' (the year is the sheet's). */
function daysText(lang: Language, from: string, to: string): string {
  if (from === to) return dayWords(lang, from);
  if (from.slice(0, 7) === to.slice(0, 7)) {
    const d1 = Number(from.slice(8));
    const rest = dayWords(lang, to);
    return lang === 'ru'
      ? `${d1}–${rest}`
      : `${rest.replace(/\d+$/, '')}${d1}–${Number(to.slice(8))}`;
  }
  return `${dayWords(lang, from)} – ${dayWords(lang, to)}`;
}

export function staffingNoteText(lang: Language, note: StaffingNote): string {
  const w = WORDS[lang];
  const parts = note.absences.map((a) => `${w[a.kind]} ${daysText(lang, a.from, a.to)}`);
  if (note.rampPercent !== null) parts.push(w.ramp.replace('{pct}', String(note.rampPercent)));
  const text = parts.join(', ');
  if (note.planShare === null || !note.absences.length) return text;
  return `${text}, ${w.plan.replace('{pct}', String(Math.round(note.planShare * 100)))}`;
}
