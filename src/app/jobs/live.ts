/**
 * The refresh during the day, kept inside the day's trigger runtime (docs/rules.md §4.7.1): every
 * tick's duration goes into a small rolling record (the last 24 hours, the quota's window), the
 * cadence follows from it (src/app/jobs/live-plan.ts), and a change of cadence is told to the
 * head once, through the head's problems.
 */
import * as v from 'valibot';
import type { Language } from '../../i18n/messages';
import { liveText } from '../../i18n/live-labels';
import { parseJson } from '../../shapes/parse-json';
import type { LiveSettings } from '../../settings/schema';
import { openProblem, problemSeen, problemSolved } from '../problems';
import {
  cadenceFor,
  projectedDayMs,
  RECORD_WINDOW_MS,
  type Cadence,
  type RunKind,
  type TickRun,
} from './live-plan';

export const LIVE_RUNS_KEY = 'live.runs';
/** 'YYYY-MM-DD HH' of the last live refresh: one per hour, whatever the trigger does */
export const LIVE_LAST_KEY = 'live.lastHour';
/** the cadence the head was last told about ('1' every hour, 'none' paused) */
export const LIVE_STEP_KEY = 'live.step';

/** at most this many runs are kept (24 hourly ticks, with room for manual refreshes) */
const MAX_RUNS = 60;
const KINDS: readonly RunKind[] = ['live', 'daily', 'idle'];

// compact on purpose: [start in s, duration in ms, kind index] keeps the record under 2 KB
const RunsSchema = v.array(v.tuple([v.number(), v.number(), v.number()]));

const props = () => PropertiesService.getDocumentProperties();

/** The record; a damaged one reads as empty (the cadence then assumes unmeasured costs). */
export function readRuns(): TickRun[] {
  const raw = parseJson(props().getProperty(LIVE_RUNS_KEY), RunsSchema) ?? [];
  return raw.flatMap(([at, ms, k]) => {
    const kind = KINDS[k];
    return kind && ms >= 0 ? [{ at: at * 1000, ms, kind }] : [];
  });
}

export function recordRun(run: TickRun): void {
  const kept = readRuns()
    .filter((r) => r.at > run.at - RECORD_WINDOW_MS)
    .concat(run)
    .slice(-MAX_RUNS);
  props().setProperty(
    LIVE_RUNS_KEY,
    JSON.stringify(
      kept.map((r) => [Math.round(r.at / 1000), Math.round(r.ms), KINDS.indexOf(r.kind)]),
    ),
  );
}

/**
 * The cadence now, and the head told when it changed: a sparser one (or a pause) opens the
 * problem with the numbers; every hour again solves it. Nothing is said while live is off.
 */
export function cadenceNow(w: LiveSettings, lang: Language, timeZone: string): Cadence {
  const runs = readRuns();
  const c = cadenceFor(runs, w);
  const key = c.step === null ? 'none' : String(c.step);
  const told = props().getProperty(LIVE_STEP_KEY);
  if (!w.on) {
    if (told !== null) props().deleteProperty(LIVE_STEP_KEY);
    if (openProblem('liveBudget')) problemSolved('liveBudget');
    return c;
  }
  if (told === key) return c;
  props().setProperty(LIVE_STEP_KEY, key);
  const minutes = (ms: number) => Math.round(ms / 60000);
  if (c.step === 1) {
    if (openProblem('liveBudget')) problemSolved('liveBudget');
  } else
    problemSeen(
      'liveBudget',
      liveText(lang, c.step === null ? 'liveStopped' : 'liveSlower', {
        step: c.step ?? 0,
        // what the denser cadence would have cost: the reason for the change
        projected: minutes(projectedDayMs(runs, w, c.step === null ? w.to - w.from + 1 : 1)),
        budget: minutes(c.budgetMs),
      }),
      timeZone,
    );
  return c;
}
