/**
 * Settings checked by the schema and against the account: every problem as a field path (for the
 * sidebar to put it next to the input) and a message in the user's language. Nothing is saved
 * while any remains.
 */
import * as v from 'valibot';
import { Calendar, MAPPED_STAGES } from '../engine';
import { t, type Language, type MessageKey } from '../i18n/messages';
import type { AmoPipeline, AmoUser } from '../shapes/amocrm';
import { overlappingAbsences, SettingsSchema, type Settings } from './schema';

export interface FieldError {
  /** 'rating.plans[3].points', '' for the whole object */
  field: string;
  message: string;
}

export type Checked = { ok: true; settings: Settings } | { ok: false; errors: FieldError[] };

function pathOf(issue: v.BaseIssue<unknown>): string {
  return (issue.path ?? [])
    .map((p) => (typeof p.key === 'number' ? `[${p.key}]` : `.${String(p.key)}`))
    .join('')
    .replace(/^\./, '');
}

function isMessageKey(k: string): k is MessageKey & `err${string}` {
  return /^err[A-Z]/.test(k);
}

/**
 * Fields the sidebar shows in percent while the settings hold the fraction the engine uses:
 * a message quotes them as the person typed them (150, not 1.5).
 */
export const PERCENT_FIELDS: ReadonlySet<string> = new Set([
  'rating.thresholds.green',
  'rating.thresholds.yellow',
  'rating.norms.maxLostShare',
]);

/** A number as a person of that language writes it: «1300,5» in Russian. */
export function numberAsTyped(n: number, lang: Language): string {
  const s = String(Math.round(n * 10000) / 10000);
  return lang === 'ru' ? s.replace('.', ',') : s;
}

/** What the person typed into a field, for a message to quote: text as it is, numbers their way. */
function asTyped(input: unknown, field: string, lang: Language): string {
  if (typeof input === 'number')
    return numberAsTyped(PERCENT_FIELDS.has(field) ? input * 100 : input, lang);
  if (typeof input === 'string') return input;
  if (input === null || input === undefined) return '';
  return typeof input === 'boolean' ? String(input) : JSON.stringify(input);
}

/**
 * The message that names the real reason: text where a number belongs is not a number (whatever
 * the field's range), a fraction where a count belongs is not whole, a well-formed date that the
 * calendar lacks does not exist; otherwise the field's own rule. Values are quoted as typed.
 */
function messageOf(issue: v.BaseIssue<unknown>, field: string, lang: Language): string {
  const key = isMessageKey(issue.message) ? issue.message : 'errInvalid';
  if (key === 'errUnknownKey') return t(lang, key, { field: field || '—' });
  const input = issue.input;
  if (issue.type === 'number' && typeof input === 'string')
    return input.trim() === ''
      ? t(lang, 'errEmpty')
      : t(lang, 'errNotNumber', { value: input.trim() });
  if (issue.type === 'integer')
    return t(lang, 'errNotInteger', { value: asTyped(input, field, lang) });
  if (key === 'errDate' && typeof input === 'string' && input.trim() === '')
    return t(lang, 'errDateEmpty');
  if (key === 'errAbsenceOrder' && typeof input === 'object' && input !== null) {
    const a = input as { from?: unknown; to?: unknown };
    return t(lang, key, { from: typedDay(a.from), to: typedDay(a.to) });
  }
  if (key === 'errAbsenceOverlap' && Array.isArray(input)) {
    const pair = overlappingAbsences(input as Array<{ userId: number; from: string; to: string }>);
    const range = (a: { from: string; to: string }) => `${typedDay(a.from)}–${typedDay(a.to)}`;
    if (pair) return t(lang, key, { a: range(pair[0]), b: range(pair[1]) });
  }
  if (key === 'errCalendarDuplicate' && Array.isArray(input)) {
    const days = (input as Array<{ day?: unknown }>).map((e) => String(e.day));
    const twice = days.find((d, i) => days.indexOf(d) !== i) ?? '';
    return t(lang, key, { value: typedDay(twice) });
  }
  if (key === 'errThresholds' && typeof input === 'object' && input !== null) {
    const th = input as { green?: unknown; yellow?: unknown };
    return t(lang, key, {
      green: asTyped(th.green, 'rating.thresholds.green', lang),
      yellow: asTyped(th.yellow, 'rating.thresholds.yellow', lang),
    });
  }
  if (key === 'errLiveWindow' && typeof input === 'object' && input !== null) {
    const w = input as { from?: unknown; to?: unknown };
    return t(lang, key, {
      from: asTyped(w.from, 'live.from', lang),
      to: asTyped(w.to, 'live.to', lang),
    });
  }
  return t(lang, key, { value: asTyped(input, field, lang) });
}

/** 'YYYY-MM-DD' as the head types it, ДД.ММ.ГГГГ; anything else as it is. */
export function typedDay(day: unknown): string {
  const s = String(day);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : s;
}

/** 'ДД.ММ.ГГГГ' (or Д.М.ГГГГ) → 'YYYY-MM-DD', null when it is not a day that exists. */
export function parseTypedDay(text: string): string | null {
  const m = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const key = `${m[3]}-${(m[2] ?? '').padStart(2, '0')}-${(m[1] ?? '').padStart(2, '0')}`;
  return Calendar.isValidDay(key) ? key : null;
}

/** The schema's verdict, messages in `lang`. */
export function checkSettings(input: unknown, lang: Language): Checked {
  const r = v.safeParse(SettingsSchema, input, { abortPipeEarly: true });
  if (r.success) return { ok: true, settings: r.output };
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of r.issues) {
    const field = pathOf(issue);
    const message = messageOf(issue, field, lang);
    if (seen.has(field + message)) continue;
    seen.add(field + message);
    errors.push({ field, message });
    if (errors.length >= 50) break;
  }
  return { ok: false, errors };
}

export interface AccountLists {
  pipelines: AmoPipeline[];
  users: AmoUser[];
}

/**
 * What the schema cannot know: the pipelines and stages must exist in the account; on saving,
 * the planned managers too (a manager deleted later keeps an unused plan, harmlessly).
 */
export function checkAgainstAccount(
  s: Settings,
  account: AccountLists,
  lang: Language,
  saving: boolean,
  keptPlan: (p: Settings['rating']['plans'][number]) => boolean = () => false,
): FieldError[] {
  const errors: FieldError[] = [];
  const pipelines = new Map(account.pipelines.map((p) => [p.id, p]));
  const users = new Set(account.users.map((u) => u.id));
  s.rating.pipelineIds.forEach((id, i) => {
    if (!pipelines.has(id))
      errors.push({
        field: `rating.pipelineIds[${i}]`,
        message: t(lang, 'errNoPipeline', { value: id }),
      });
  });
  for (const fig of MAPPED_STAGES)
    s.rating.stages[fig].forEach((ref, i) => {
      const p = pipelines.get(ref.pipelineId);
      if (!p?._embedded.statuses.some((st) => st.id === ref.statusId))
        errors.push({
          field: `rating.stages.${fig}[${i}]`,
          message: t(lang, 'errNoStatus', { value: ref.statusId }),
        });
    });
  if (saving)
    s.rating.plans.forEach((p, i) => {
      // a plan kept from before for someone since deleted stays harmlessly; a new one must fit
      if (!users.has(p.userId) && !keptPlan(p))
        errors.push({
          field: `rating.plans[${i}].userId`,
          message: t(lang, 'errNoUser', { value: p.userId }),
        });
    });
  return errors;
}

/**
 * The managers the rating ranks: active users not excluded (the user id 0 stands for deals
 * with no responsible user and is never one).
 */
export function ratedCount(
  excludedUserIds: readonly number[],
  users: ReadonlyArray<{ id: number; active: boolean }>,
): number {
  const excluded = new Set(excludedUserIds);
  return users.filter((u) => u.active && !excluded.has(u.id) && u.id !== 0).length;
}

/**
 * The bottom watch must leave someone above it: N equal to (or over) the number of rated
 * managers puts everyone "at the bottom". Checked when the bottom watch is saved (a team that
 * shrinks later does not refuse every other section's save for it).
 */
export function checkBottomWatch(size: unknown, rated: number, lang: Language): FieldError[] {
  return typeof size !== 'number' || size < rated
    ? []
    : [
        {
          field: 'rating.bottomWatch.size',
          message: t(lang, 'errBottomTooMany', { value: numberAsTyped(size, lang), n: rated }),
        },
      ];
}
