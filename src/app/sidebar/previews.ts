/**
 * What the sidebar shows before anything is saved, computed on the server from the stored data:
 * this month's top 5 with the current point values and with proposed ones, who would be red
 * today under proposed norms, and — for the sales head only — the bottom watch. Nothing here
 * writes; a draft that fails the settings schema gets its field errors instead.
 */
import type { Rating, RatingRow } from '../../engine';
import { t, type Language } from '../../i18n/messages';
import { monthLabel, rangeLabel } from '../../i18n/period-labels';
import { copyJson, valueAt } from '../../settings/field-paths';
import { currentLanguage } from '../../settings/language';
import type { RatingSettings, Settings } from '../../settings/schema';
import { loadSettings } from '../../settings/settings-store';
import { checkSettings, type FieldError } from '../../settings/validate';
import type { AccountStore } from '../../shapes/account-store';
import { chosenStore } from '../store-choice';
import { StoreCorrupt } from '../../storage/store-codec';
import {
  accountSource,
  bottomRows,
  isSourceFailure,
  type AccountSource,
  type BottomRow,
} from '../account-source';

export interface PreviewFailure {
  ok: false;
  message: string;
  errors: FieldError[];
}

export interface PointsPreview {
  ok: true;
  /** the period in words, e.g. «ноябрь 2026» */
  period: string;
  rows: Array<{
    name: string;
    current: number;
    proposed: number;
    placeNow: number;
    placeProposed: number;
  }>;
}

export interface NormsPreview {
  ok: true;
  period: string;
  red: Array<{ name: string; reasons: string[] }>;
  checked: number;
}

export interface BottomWatchView {
  ok: true;
  size: number;
  minLeads: number;
  rows: BottomRow[];
}

function failure(message: string, errors: FieldError[] = []): PreviewFailure {
  return { ok: false, message, errors };
}

/** The same source the refresh computes from: previews show what the next rating would. */
function load(lang: Language): AccountSource | PreviewFailure {
  const loaded = loadSettings(lang);
  if (!loaded.ok)
    return failure(t(lang, 'warnSettingsDamaged', { reason: loaded.reason, asOf: '' }));
  let stored: Parameters<typeof accountSource>[0] | null;
  try {
    const store: AccountStore = chosenStore();
    // a store that computes the facts itself (BigQuery) never reads its records into the heap
    const facts = store.factsAtHand?.() ?? null;
    const committed = facts ? null : store.readCommitted();
    stored = facts ?? (committed && { data: committed.data, until: committed.head.until });
  } catch (e) {
    if (e instanceof StoreCorrupt) return failure(t(lang, 'previewNoData'));
    throw e;
  }
  if (!stored) return failure(t(lang, 'previewNoData'));
  const source = accountSource(stored, loaded.settings, lang);
  if (!isSourceFailure(source)) return source;
  return failure(source.kind === 'noData' ? t(lang, 'previewNoData') : source.message);
}

/**
 * The stored rating settings with what the page sent in place of some fields — unchecked until
 * the same schema as a save checks the whole; field errors when it fails.
 */
function checkedDraft(
  base: Settings,
  change: (r: RatingSettings) => Record<string, unknown>,
  lang: Language,
): RatingSettings | PreviewFailure {
  const draft = { ...base, rating: change(copyJson(base.rating)) };
  const checked = checkSettings(draft, lang);
  if (!checked.ok) return failure(t(lang, 'previewInvalid'), checked.errors);
  return checked.settings.rating;
}

function top(rating: Rating, n: number): RatingRow[] {
  return rating.rows.slice(0, n);
}

/**
 * This month's top 5 under the saved point values and under the proposed ones (applied to the
 * whole month, so the effect is visible before the new version starts).
 */
export function previewPoints(values: unknown): PointsPreview | PreviewFailure {
  const lang = currentLanguage();
  const l = load(lang);
  if ('ok' in l) return l;
  const proposed = checkedDraft(
    l.settings,
    (r) => ({ ...r, points: [{ from: '1970-01-01', values }] }),
    lang,
  );
  if ('ok' in proposed) return proposed;
  const engine = l.engineFor(l.settings.rating);
  const period = engine.period('month', l.asOf);
  const now = engine.rating(period, l.asOf);
  const next = l.engineFor(proposed).rating(period, l.asOf);
  const placeIn = (r: Rating, id: number) => r.rows.find((x) => x.userId === id);
  const ids = [...new Set([...top(now, 5), ...top(next, 5)].map((r) => r.userId))];
  const rows = ids
    .map((id) => {
      const a = placeIn(now, id);
      const b = placeIn(next, id);
      return {
        name: a?.name ?? b?.name ?? l.names.get(id) ?? String(id),
        current: a?.points ?? 0,
        proposed: b?.points ?? 0,
        placeNow: a?.place ?? 0,
        placeProposed: b?.place ?? 0,
      };
    })
    .sort((x, y) => x.placeProposed - y.placeProposed)
    .slice(0, 5);
  return { ok: true, period: monthLabel(lang, period.firstDay.slice(0, 7)), rows };
}

/** Who would be red in this week's rating under the proposed norms and thresholds. */
export function previewNorms(draft: unknown): NormsPreview | PreviewFailure {
  const lang = currentLanguage();
  const l = load(lang);
  if ('ok' in l) return l;
  const proposed = checkedDraft(
    l.settings,
    (r) => ({ ...r, norms: valueAt(draft, 'norms'), thresholds: valueAt(draft, 'thresholds') }),
    lang,
  );
  if ('ok' in proposed) return proposed;
  const engine = l.engineFor(proposed);
  const period = engine.period('week', l.asOf);
  const rating = engine.rating(period, l.asOf);
  // red on the sheet is a breached norm (conditional rules on the norm columns)
  const red = rating.rows
    .filter((r) => r.breaches.overdueTasks || r.breaches.lost || r.breaches.leadsWithoutTasks)
    .map((r) => {
      const reasons: string[] = [];
      if (r.breaches.overdueTasks)
        reasons.push(t(lang, 'reasonOverdue', { n: r.figures.overdueTasks ?? 0 }));
      if (r.breaches.lost)
        reasons.push(
          proposed.norms.maxLostShare !== null &&
            r.lostShare !== null &&
            r.lostShare > proposed.norms.maxLostShare
            ? t(lang, 'reasonLostShare', { pct: Math.round(r.lostShare * 100) })
            : t(lang, 'reasonLost', { n: r.figures.lost }),
        );
      if (r.breaches.leadsWithoutTasks)
        reasons.push(t(lang, 'reasonNoTasks', { n: r.figures.leadsWithoutTasks ?? 0 }));
      return { name: r.name, reasons };
    });
  return {
    ok: true,
    period: rangeLabel(lang, period.firstDay, period.lastDay),
    red,
    checked: rating.rows.length,
  };
}

/** The bottom watch for the sales head: consecutive weeks in the bottom N, longest first. */
export function bottomWatch(draft: unknown): BottomWatchView | PreviewFailure {
  const lang = currentLanguage();
  const l = load(lang);
  if ('ok' in l) return l;
  const proposed = checkedDraft(
    l.settings,
    (r) => ({
      ...r,
      bottomWatch: {
        size: valueAt(draft, 'size') ?? r.bottomWatch.size,
        minLeads: valueAt(draft, 'minLeads') ?? r.bottomWatch.minLeads,
      },
    }),
    lang,
  );
  if ('ok' in proposed) return proposed;
  const engine = l.engineFor(proposed);
  const week = engine.period('week', l.asOf);
  const rows = bottomRows(engine, week, l.asOf, engine.rating(week, l.asOf), l.names);
  return {
    ok: true,
    size: proposed.bottomWatch.size,
    minLeads: proposed.bottomWatch.minLeads,
    rows,
  };
}
