/**
 * Whole settings read and saved the way the pages do it — the sidebar's load, each section's save
 * (saveSettingsPart over every field a section owns) and the plans dialog's save — since the
 * bundle publishes no whole-settings door. Field paths of the plans dialog's errors are given
 * back as the settings name them ('rating.plans[0].month').
 */
import type { GasRuntime } from '../../dev/gas';
import { valueAt } from '../../src/settings/field-paths';
import type { Settings } from '../../src/settings/schema';
import { SAVABLE_FIELDS } from '../../src/settings/sections';

export interface SaveAnswer {
  ok: boolean;
  errors: Array<{ field: string; message: string }>;
}

type Caller = (name: string, ...args: unknown[]) => unknown;

function caller(rt: GasRuntime): Caller {
  return (name, ...args) => rt.callFromClient(name, ...args);
}

export function readSettings(rt: GasRuntime): Settings {
  return (caller(rt)('sidebarLoad') as { settings: Settings }).settings;
}

/**
 * Saves `s` as the sidebar's sections and the plans dialog would: every section's fields in one
 * partial save, then the plans when they differ from the stored ones. A field the draft lacks is
 * sent as null (google.script.run drops undefined), so the server names it.
 */
export function saveSettingsAsPages(rt: GasRuntime, s: unknown): SaveAnswer {
  const call = caller(rt);
  const part = Object.fromEntries(
    [...SAVABLE_FIELDS].map((path) => [path, valueAt(s, path) ?? null]),
  );
  const first = call('saveSettingsPart', part) as SaveAnswer;
  const plans = valueAt(s, 'rating.plans');
  const stored = readSettings(rt).rating.plans;
  if (JSON.stringify(plans) === JSON.stringify(stored)) return first;
  const second = call('savePlans', plans ?? null) as SaveAnswer;
  const errors = [
    ...first.errors,
    ...second.errors.map((e) => ({ ...e, field: e.field.replace(/^plans/, 'rating.plans') })),
  ];
  return { ok: first.ok && second.ok, errors };
}
