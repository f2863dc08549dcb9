/**
 * The plans dialog's «Отсутствия и разгон» panel (docs/rules.md §3.2.10): per manager, absences
 * (vacation, sick leave: date ranges) and a ramp (percent of the plan by month of tenure from
 * the first day at work); listed with a remove button, added from typed dates, refused in words.
 * Saved with the plans, in the same call.
 */
import { computed, signal } from '@preact/signals';
import type { Absence, Ramp } from '../../engine';
import type { Language } from '../../i18n/messages';
import { pageText, type PageTextKey } from '../../i18n/page-texts';
import { typedDay } from '../../settings/validate';
import { Button, Select } from '../common/fields';
import { absenceOf, rampOf } from './absence-edits';

export const absences = signal<Absence[]>([]);
export const ramps = signal<Ramp[]>([]);
export const savedStaff = signal<{ absences: Absence[]; ramps: Ramp[] }>({
  absences: [],
  ramps: [],
});
export const staffDirty = computed(
  () =>
    JSON.stringify(absences.value) !== JSON.stringify(savedStaff.value.absences) ||
    JSON.stringify(ramps.value) !== JSON.stringify(savedStaff.value.ramps),
);

const who = signal<string>('');
const kind = signal<Absence['kind']>('vacation');
const fromText = signal('');
const toText = signal('');
const startText = signal('');
const percentsText = signal('50 75');
const problem = signal<string | null>(null);

export function AbsencesPanel(props: {
  lang: Language;
  managers: ReadonlyArray<{ id: number; name: string }>;
  /** the save's word when it refused an absence or a ramp */
  serverError: string | null;
  onChange: () => void;
}) {
  const tx = (key: PageTextKey, params: Record<string, string | number> = {}) =>
    pageText(props.lang, key, params);
  const name = (id: number) => props.managers.find((u) => u.id === id)?.name ?? `#${id}`;
  const userId = Number(who.value || props.managers[0]?.id || 0);
  const change = (next: () => void) => {
    next();
    problem.value = null;
    props.onChange();
  };
  const addAbsence = () => {
    if (!userId) return void (problem.value = tx('rampPick'));
    const r = absenceOf(
      { userId, kind: kind.value, from: fromText.value, to: toText.value },
      absences.value,
      props.lang,
    );
    if ('error' in r) return void (problem.value = r.error);
    change(() => {
      absences.value = [...absences.value, r].sort(
        (a, b) => a.from.localeCompare(b.from) || a.userId - b.userId,
      );
      fromText.value = '';
      toText.value = '';
    });
  };
  const addRamp = () => {
    if (!userId) return void (problem.value = tx('rampPick'));
    const r = rampOf(
      { userId, start: startText.value, percents: percentsText.value },
      ramps.value,
      props.lang,
    );
    if ('error' in r) return void (problem.value = r.error);
    change(() => {
      ramps.value = [...ramps.value, r];
      startText.value = '';
    });
  };
  const error = problem.value ?? props.serverError;
  return (
    <section class="absences" aria-label={tx('absTitle')}>
      <h3>{tx('absTitle')}</h3>
      <p class="hint">{tx('absHint')}</p>
      <div class="abs-form">
        <label>
          {tx('absManager')}{' '}
          <Select
            id="abs-manager"
            value={String(userId)}
            options={props.managers.map((u) => ({ value: String(u.id), label: u.name }))}
            onChange={(v) => (who.value = v)}
          />
        </label>
        <label>
          {tx('absKind')}{' '}
          <Select
            id="abs-kind"
            value={kind.value}
            options={[
              { value: 'vacation', label: tx('absVacation') },
              { value: 'sick', label: tx('absSick') },
            ]}
            onChange={(v) => (kind.value = v)}
          />
        </label>
        <label>
          {tx('absFrom')}{' '}
          <input
            id="abs-from"
            type="text"
            placeholder="04.05.2026"
            value={fromText.value}
            onInput={(e) => ((fromText.value = e.currentTarget.value), (problem.value = null))}
          />
        </label>
        <label>
          {tx('absTo')}{' '}
          <input
            id="abs-to"
            type="text"
            placeholder="15.05.2026"
            value={toText.value}
            onInput={(e) => ((toText.value = e.currentTarget.value), (problem.value = null))}
          />
        </label>
        <Button id="abs-add" onClick={addAbsence}>
          {tx('absAdd')}
        </Button>
      </div>
      <div class="abs-form">
        <label>
          {tx('rampStart')}{' '}
          <input
            id="ramp-start"
            type="text"
            placeholder="18.05.2026"
            value={startText.value}
            onInput={(e) => ((startText.value = e.currentTarget.value), (problem.value = null))}
          />
        </label>
        <label>
          {tx('rampPercents')}{' '}
          <input
            id="ramp-percents"
            type="text"
            value={percentsText.value}
            onInput={(e) => ((percentsText.value = e.currentTarget.value), (problem.value = null))}
          />
        </label>
        <Button id="ramp-add" onClick={addRamp}>
          {tx('rampAdd')}
        </Button>
      </div>
      {error ? (
        <div class="status bad" role="alert">
          {error}
        </div>
      ) : null}
      <ul class="abs-list">
        {absences.value.length ? null : <li class="muted">{tx('absNone')}</li>}
        {absences.value.map((a) => (
          <li key={`${a.userId}|${a.from}`}>
            {tx('absRow', {
              name: name(a.userId),
              kind: a.kind === 'vacation' ? tx('absVacation') : tx('absSick'),
              from: typedDay(a.from),
              to: typedDay(a.to),
            })}{' '}
            <Button
              kind="link"
              onClick={() => change(() => (absences.value = absences.value.filter((x) => x !== a)))}
            >
              {tx('absRemove')}
            </Button>
          </li>
        ))}
      </ul>
      <ul class="abs-list">
        {ramps.value.length ? null : <li class="muted">{tx('rampNone')}</li>}
        {ramps.value.map((r) => (
          <li key={r.userId}>
            {tx('rampRow', {
              name: name(r.userId),
              start: typedDay(r.start),
              percents: r.percents.map((p) => `${p} %`).join(' → '),
            })}{' '}
            <Button
              kind="link"
              onClick={() => change(() => (ramps.value = ramps.value.filter((x) => x !== r)))}
            >
              {tx('absRemove')}
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
