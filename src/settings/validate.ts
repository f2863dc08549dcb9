/**
 * Settings checked by the schema and against the account: every problem as a field path (for the
 * sidebar to put it next to the input) and a message in the user's language. Nothing is saved
 * while any remains.
 */
import * as v from 'valibot';
import { MAPPED_STAGES } from '../engine';
import { t, type Language, type MessageKey } from '../i18n/messages';
import type { AmoPipeline, AmoUser } from '../shapes/amocrm';
import { SettingsSchema, type Settings } from './schema';

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

/** The schema's verdict, messages in `lang`. */
export function checkSettings(input: unknown, lang: Language): Checked {
  const r = v.safeParse(SettingsSchema, input, { abortPipeEarly: true });
  if (r.success) return { ok: true, settings: r.output };
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of r.issues) {
    const field = pathOf(issue);
    const key = isMessageKey(issue.message) ? issue.message : 'errInvalid';
    const message =
      key === 'errUnknownKey'
        ? t(lang, key, { field: field || '—' })
        : t(lang, key, { value: issue.received });
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
