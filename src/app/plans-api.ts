/**
 * «Планы»: a wider dialog of managers × months (last month read-only, this month and the next
 * two editable), server side. Saving replaces the plans of the editable months only, checked by
 * the settings schema and against the account like any save. [docs/rules.md §3.2.1, §8]
 */
import { t, type Language } from '../i18n/messages';
import { monthLabel } from '../i18n/period-labels';
import { currentLanguage } from '../settings/language';
import type { RatingSettings } from '../settings/schema';
import { loadSettings } from '../settings/settings-store';
import { changeSettings } from '../settings/settings-write';
import { checkAgainstAccount, checkSettings, type FieldError } from '../settings/validate';
import type { AccountFacts } from '../amocrm/account-facts';
import { liveAccountFacts } from './account-facts';
import { ratingZone } from './zone';

const PLANS_FILE = 'plans';
const WIDTH = 960;
const HEIGHT = 620;

type MonthPlan = RatingSettings['plans'][number];

export interface PlansData {
  ok: true;
  language: Language;
  timeZone: string;
  now: number;
  months: Array<{ key: string; label: string; editable: boolean }>;
  managers: Array<{ id: number; name: string }>;
  /**
   * the plans of the months shown, and of the current quarter's months before them (read only:
   * in a quarter's third month its first month is not shown, yet the quarter's plan needs it)
   */
  plans: MonthPlan[];
  /** every absence and ramp (the dialog shows and saves them whole), the head's calendar days */
  absences: RatingSettings['absences'];
  ramps: RatingSettings['ramps'];
  calendarDays: RatingSettings['calendarDays'];
}

/** The absences and ramps the dialog sends with the plans, and those it loaded. */
export interface StaffSave {
  absences: unknown;
  ramps: unknown;
  base?: { absences: unknown; ramps: unknown };
}

export interface PlansSaveResult {
  ok: boolean;
  /** field paths relative to the list sent: 'plans[3].points' */
  errors: FieldError[];
  message: string;
}

function monthKey(now: number, tz: string, shift: number): string {
  const [y, m] = Utilities.formatDate(new Date(now), tz, 'yyyy-MM').split('-').map(Number);
  const idx = (y ?? 1970) * 12 + (m ?? 1) - 1 + shift;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

function monthsAround(now: number, tz: string, lang: Language): PlansData['months'] {
  return [-1, 0, 1, 2].map((shift) => {
    const key = monthKey(now, tz, shift);
    return { key, label: monthLabel(lang, key), editable: shift >= 0 };
  });
}

function zoneOf(facts: AccountFacts): string {
  return ratingZone(facts.account._embedded?.datetime_settings?.timezone);
}

/** The button in the sidebar: opens the dialog. */
export function openPlansDialog(): void {
  const lang = currentLanguage();
  const page = HtmlService.createHtmlOutputFromFile(PLANS_FILE).setWidth(WIDTH).setHeight(HEIGHT);
  SpreadsheetApp.getUi().showModalDialog(page, t(lang, 'plansTitle'));
}

/** What the dialog shows: the months, the active managers the rating counts, their plans. */
export function plansLoad(): PlansData | { ok: false; message: string } {
  const lang = currentLanguage();
  const loaded = loadSettings(lang);
  if (!loaded.ok) return { ok: false, message: loaded.reason };
  let facts: AccountFacts;
  try {
    facts = liveAccountFacts();
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  const tz = zoneOf(facts);
  const now = Date.now();
  const months = monthsAround(now, tz, lang);
  const thisMonth = monthKey(now, tz, 0);
  const intoQuarter = (Number(thisMonth.slice(5)) - 1) % 3;
  const shown = new Set(months.map((m) => m.key));
  for (let k = -intoQuarter; k < 0; k++) shown.add(monthKey(now, tz, k));
  const excluded = new Set(loaded.settings.rating.excludedUserIds);
  return {
    ok: true,
    language: lang,
    timeZone: tz,
    now,
    months,
    managers: facts.users
      .filter((u) => u.rights.is_active && !excluded.has(u.id))
      .map((u) => ({ id: u.id, name: u.name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    plans: loaded.settings.rating.plans.filter((p) => shown.has(p.month)),
    absences: loaded.settings.rating.absences,
    ramps: loaded.settings.rating.ramps,
    calendarDays: loaded.settings.rating.calendarDays,
  };
}

/**
 * The absences and ramps after this save: the lists sent replace the stored ones, unless
 * someone else changed a list since the dialog loaded it and this save changes it too — then
 * null (refused with a message). A list sent as loaded keeps what is stored.
 */
function mergeStaff(
  staff: StaffSave | undefined,
  stored: Pick<RatingSettings, 'absences' | 'ramps'>,
): { absences: unknown; ramps: unknown } | null {
  if (!staff) return { absences: stored.absences, ramps: stored.ramps };
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  // unknown here holds CONFLICT too: the lists are checked by the schema after the merge
  const pick = (mine: unknown, base: unknown, now: unknown): unknown => {
    if (!staff.base) return mine;
    if (same(mine, base)) return now;
    if (same(now, base) || same(now, mine)) return mine;
    return CONFLICT;
  };
  const absences = pick(staff.absences, staff.base?.absences, stored.absences);
  const ramps = pick(staff.ramps, staff.base?.ramps, stored.ramps);
  if (absences === CONFLICT || ramps === CONFLICT) return null;
  return { absences, ramps };
}

const CONFLICT = Symbol('conflict');

/** A plan's cell key: one plan per manager per month. */
function planKey(p: unknown): string {
  const o = (typeof p === 'object' && p !== null ? p : {}) as { month?: unknown; userId?: unknown };
  return `${String(o.month)}|${String(o.userId)}`;
}

function byKey(list: readonly unknown[]): Map<string, string> {
  return new Map(list.map((p) => [planKey(p), JSON.stringify(p)]));
}

/**
 * The plans of the editable months after this save, merged plan by plan over what is stored now:
 * a plan the dialog sends as it loaded it keeps what is stored (someone else may have changed it
 * meanwhile); a plan the person changed is taken, unless someone else changed that same plan
 * since the dialog loaded it — then the save is refused. Without `base` (an older page), the
 * list replaces the editable months as sent.
 */
function mergePlans(
  incoming: readonly unknown[],
  stored: readonly MonthPlan[],
  base: readonly unknown[] | null,
): { plans: unknown[]; sentAt: number[] } | { conflict: string } {
  if (!base) return { plans: [...incoming], sentAt: incoming.map((_, i) => i) };
  const was = byKey(base);
  const now = byKey(stored);
  const mine = byKey(incoming);
  const plans: unknown[] = [];
  const sentAt: number[] = [];
  const keys = new Set([...mine.keys(), ...was.keys(), ...now.keys()]);
  for (const key of keys) {
    const m = mine.get(key);
    const b = was.get(key);
    const n = now.get(key);
    let take: 'mine' | 'stored';
    if (m === b) take = 'stored';
    else if (n === b || n === m) take = 'mine';
    else return { conflict: key };
    if (take === 'mine' && m !== undefined) {
      plans.push(incoming.find((p) => planKey(p) === key));
      sentAt.push(incoming.findIndex((p) => planKey(p) === key));
    } else if (take === 'stored' && n !== undefined) {
      plans.push(stored.find((p) => planKey(p) === key));
      sentAt.push(-1);
    }
  }
  return { plans, sentAt };
}

/**
 * Replaces the plans of this month and the next two (other months are left as they are), under
 * the settings lock and over the plans stored now. `base`: the plans of those months as the
 * dialog loaded them, so a plan someone else saved meanwhile survives or, when this save changes
 * the same plan, the save is refused with a message.
 */
export function savePlans(plans: unknown, base?: unknown, staff?: StaffSave): PlansSaveResult {
  const lang = currentLanguage();
  let facts: AccountFacts;
  try {
    facts = liveAccountFacts(); // before the lock: nobody waits on the network
  } catch (e) {
    return { ok: false, errors: [], message: e instanceof Error ? e.message : String(e) };
  }
  const tz = zoneOf(facts);
  const editable = new Set(
    monthsAround(Date.now(), tz, lang)
      .filter((m) => m.editable)
      .map((m) => m.key),
  );
  const incoming = Array.isArray(plans) ? (plans as unknown[]) : [];
  const offPeriod = incoming.findIndex(
    (p) => !editable.has(String((p as { month?: unknown } | null)?.month)),
  );
  if (!Array.isArray(plans) || offPeriod >= 0)
    return {
      ok: false,
      errors: [
        { field: `plans[${Math.max(0, offPeriod)}].month`, message: t(lang, 'errPlanMonth') },
      ],
      message: t(lang, 'errPlanMonth'),
    };
  const loadedBase = Array.isArray(base)
    ? (base as unknown[]).filter((p) =>
        editable.has(String((p as { month?: unknown } | null)?.month)),
      )
    : null;
  const saved = changeSettings<PlansSaveResult>(lang, (loaded) => {
    if (!loaded.ok)
      return { write: null, value: { ok: false, errors: [], message: loaded.reason } };
    const kept = loaded.settings.rating.plans.filter((p) => !editable.has(p.month));
    const merged = mergePlans(
      incoming,
      loaded.settings.rating.plans.filter((p) => editable.has(p.month)),
      loadedBase,
    );
    if ('conflict' in merged) {
      const at = incoming.findIndex((p) => planKey(p) === merged.conflict);
      const message = t(lang, 'settingsChanged');
      return {
        write: null,
        value: { ok: false, errors: [{ field: `plans[${Math.max(0, at)}]`, message }], message },
      };
    }
    const people = mergeStaff(staff, loaded.settings.rating);
    if (!people) {
      const message = t(lang, 'settingsChanged');
      return {
        write: null,
        value: { ok: false, errors: [{ field: 'absences', message }], message },
      };
    }
    const draft = {
      ...loaded.settings,
      rating: { ...loaded.settings.rating, plans: [...kept, ...merged.plans], ...people },
    };
    // error paths name the list the dialog sent; a stored plan kept as it was is not this save's
    const relative = (errors: FieldError[]) =>
      errors.flatMap((e) => {
        // an absence's or a ramp's error names the dialog's list as it sent it
        if (/^rating\.(absences|ramps)/.test(e.field))
          return [{ ...e, field: e.field.slice('rating.'.length) }];
        const m = /^rating\.plans\[(\d+)\](.*)$/.exec(e.field);
        if (!m) return [e];
        const sent = merged.sentAt[Number(m[1]) - kept.length] ?? -1;
        return sent >= 0 ? [{ ...e, field: `plans[${sent}]${m[2] ?? ''}` }] : [];
      });
    const checked = checkSettings(draft, lang);
    if (!checked.ok)
      return {
        write: null,
        value: { ok: false, errors: relative(checked.errors), message: t(lang, 'saveRefused') },
      };
    const before = new Set(loaded.settings.rating.plans.map((p) => JSON.stringify(p)));
    const problems = checkAgainstAccount(checked.settings, facts, lang, true, (p) =>
      before.has(JSON.stringify(p)),
    ).filter((e) => /^rating\.(plans|absences|ramps)/.test(e.field));
    if (problems.length)
      return {
        write: null,
        value: { ok: false, errors: relative(problems), message: t(lang, 'saveRefused') },
      };
    // plans are not a mapping of stages: an automatic mapping stays automatic
    return {
      write: checked.settings,
      value: { ok: true, errors: [], message: t(lang, 'plansSaved') },
    };
  });
  if (!saved.locked) return { ok: false, errors: [], message: t(lang, 'settingsBusy') };
  return saved.value;
}
