/**
 * «Баллы»: the point values in force and their versions; a new version starts on a chosen date
 * (by default the 1st of next month), checked by the settings schema as it is typed; a preview
 * from the stored data shows this month's top 5 with the current and the new values. On a first
 * set-up (the wizard, only the case's values so far) there is no rating to keep: the head edits
 * "your points" themselves, and the wizard's «Далее» takes them (pointsStep).
 */
import { SECTION_FIELDS } from '../../../settings/sections';
import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { perKey, SCORED_FIGURES, type ScoredFigure } from '../../../engine';
import { FIGURE_NAMES } from '../../../i18n/glossary';
import { dayLabel } from '../../../i18n/period-labels';
import { formatNumber } from '../../../i18n/post-texts';
import { checkSettings } from '../../../settings/validate';
import type { PointsPreview, PreviewFailure } from '../../../app/sidebar/previews';
import { Button, Field, NumberInput, Status, type Typed } from '../../common/fields';
import { localDay, nextMonthStart } from '../../common/dates';
import { server } from '../../common/server';
import { allNumbers } from '../draft';
import { preview } from '../preview';
import type { Draft } from '../draft';
import { data, draft, lang, saved, tx, update } from '../store';

export const POINTS_PATHS = SECTION_FIELDS.points;

type Values = Record<ScoredFigure, Typed<number>>;

const BLANK: Values = perKey(SCORED_FIGURES, () => '');

const newFrom = signal<string | null>(null);
const newValues = signal<Values | null>(null);
const withNew = preview<PointsPreview | PreviewFailure>();
/** the proposed values and the saved versions the preview shown was computed for */
const askedFor = signal<string | null>(null);
/** typing settles before the preview is computed again */
const REFRESH_DELAY_MS = 400;

function inForce(
  points: ReadonlyArray<{ from: string; values: Record<ScoredFigure, number> }>,
  today: string,
) {
  const started = points
    .filter((p) => p.from <= today)
    .sort((a, b) => b.from.localeCompare(a.from));
  return started[0] ?? points[0];
}

/** The start of time: the first version's date, in force for every period. */
const FROM_START = '1970-01-01';

/** A first set-up: only the case's values so far, nothing published with them to keep. */
function isFirst(s: Draft, firstSetUp: boolean): boolean {
  return (
    firstSetUp && s.rating.points.length === 1 && (s.rating.points[0]?.from ?? '') <= FROM_START
  );
}

/**
 * The version being typed: on a first set-up the values in force themselves, else a new version
 * from a date; with the schema's verdict on it.
 */
function candidateOf(s: Draft, now: number, timeZone: string, first: boolean) {
  const today = localDay(now, timeZone);
  const versions = [...s.rating.points].sort((a, b) => a.from.localeCompare(b.from));
  const current = inForce(versions, today);
  const from = first
    ? (current?.from ?? FROM_START)
    : (newFrom.value ?? nextMonthStart(now, timeZone));
  const values: Values = newValues.value ?? { ...BLANK, ...current?.values };
  const points = [...s.rating.points.filter((p) => p.from !== from), { from, values }];
  const index = points.length - 1;
  const checked = checkSettings({ ...s, rating: { ...s.rating, points } }, lang.value);
  const errors = checked.ok ? [] : checked.errors;
  const ok = !errors.some((e) => e.field.startsWith(`rating.points[${index}]`));
  return { today, versions, current, from, values, index, errors, ok };
}

/** Puts the typed version into the draft (false while the schema refuses it). */
function addCandidate(s: Draft, from: string, values: Values, ok: boolean): boolean {
  // accepted by the schema: its values are numbers by then
  if (!ok || !allNumbers(SCORED_FIGURES, values)) return false;
  const version = { from, values };
  update((x) => (x.rating.points = [...s.rating.points.filter((p) => p.from !== from), version]));
  newValues.value = null;
  newFrom.value = null;
  return true;
}

/**
 * What the wizard asks the points step before «Далее»: typed values not in the draft yet are
 * either taken (your points, on a first set-up), or reported, so nothing typed is lost unsaid.
 */
export const pointsStep = {
  /** typed values or a date that are not in the draft */
  pending(): boolean {
    const d = data.value;
    const s = draft.value;
    if (!d || !s || (newValues.value === null && newFrom.value === null)) return false;
    const current = inForce(
      [...s.rating.points].sort((a, b) => a.from.localeCompare(b.from)),
      localDay(d.now, d.timeZone),
    );
    return (
      newFrom.value !== null ||
      JSON.stringify(newValues.value) !== JSON.stringify({ ...BLANK, ...current?.values })
    );
  },
  /** on a first set-up, the typed values become the points (false while a value is refused) */
  take(firstSetUp: boolean): 'taken' | 'refused' | 'not-first' {
    const d = data.value;
    const s = draft.value;
    if (!d || !s) return 'refused';
    const first = isFirst(s, firstSetUp);
    if (!first) return 'not-first';
    const c = candidateOf(s, d.now, d.timeZone, true);
    return addCandidate(s, c.from, c.values, c.ok) ? 'taken' : 'refused';
  },
  /** the typed values are let go (the head chose to go on without them) */
  drop(): void {
    newValues.value = null;
    newFrom.value = null;
  },
};

export function PointsSection(props: { firstSetUp?: boolean } = {}) {
  const d = data.value;
  const s = draft.value;
  if (!d || !s) return null;
  const first = isFirst(s, props.firstSetUp ?? false);
  const {
    today,
    versions,
    current,
    from,
    values,
    index,
    errors,
    ok: candidateOk,
  } = candidateOf(s, d.now, d.timeZone, first);
  const errorOf = (field: string) =>
    errors.find((e) => e.field === `rating.points[${index}]${field}`)?.message ?? null;
  // the preview compares with the values saved now: a save or new values compute it again
  const shownFor = JSON.stringify({ values, saved: saved.value?.rating.points ?? null });
  const ask = () => {
    askedFor.value = shownFor;
    return withNew.ask(() => server.previewPoints(values));
  };
  useEffect(() => {
    if (askedFor.value === null || askedFor.value === shownFor || !candidateOk) return;
    const timer = setTimeout(() => void ask(), REFRESH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [shownFor, candidateOk]);
  const inputs = (
    <div class="two-col">
      {SCORED_FIGURES.map((f) => (
        <Field key={f} label={FIGURE_NAMES[lang.value][f]} error={errorOf(`.values.${f}`)}>
          {({ id, describedBy, invalid }) => (
            <NumberInput
              id={id}
              value={values[f]}
              describedBy={describedBy}
              invalid={invalid}
              onChange={(v) => (newValues.value = { ...values, [f]: v })}
            />
          )}
        </Field>
      ))}
    </div>
  );
  const previewButton = (
    <Button busyText={tx('previewing')} disabled={!candidateOk} onClick={ask}>
      {tx('preview')}
    </Button>
  );
  if (first)
    return (
      <div class="points">
        <h4>{tx('pointsYours')}</h4>
        <p class="hint">{tx('pointsYoursHint')}</p>
        {inputs}
        <div class="actions">{previewButton}</div>
        <Status status={withNew.failure.value} />
        {withNew.answer.value ? <PreviewTable preview={withNew.answer.value} /> : null}
      </div>
    );
  return (
    <div class="points">
      <h4>{tx('pointsVersions')}</h4>
      <table class="grid small">
        <thead>
          <tr>
            <th />
            {versions.map((v) => (
              <th key={v.from}>
                {v.from <= '1970-01-01'
                  ? tx('pointsFromStart')
                  : tx('pointsFrom', { date: dayLabel(lang.value, v.from) })}
                {v.from > today ? (
                  <div>
                    <span class="tag">{tx('futureVersion')}</span>{' '}
                    <Button
                      kind="link"
                      onClick={() =>
                        update(
                          (x) =>
                            (x.rating.points = x.rating.points.filter((p) => p.from !== v.from)),
                        )
                      }
                    >
                      {tx('removeVersion')}
                    </Button>
                  </div>
                ) : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {SCORED_FIGURES.map((f) => (
            <tr key={f}>
              <th scope="row">{FIGURE_NAMES[lang.value][f]}</th>
              {versions.map((v) => (
                <td key={v.from} class={v === current ? 'current num' : 'num'}>
                  {formatNumber(lang.value, v.values[f])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <h4>{tx('pointsNew')}</h4>
      <Field label={tx('pointsNewFrom')} error={errorOf('.from')}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            type="date"
            value={from}
            aria-describedby={describedBy}
            aria-invalid={invalid ? 'true' : undefined}
            onInput={(e) => (newFrom.value = e.currentTarget.value)}
          />
        )}
      </Field>
      {inputs}
      <div class="actions">
        {previewButton}
        <Button
          kind="primary"
          id="add-points"
          disabled={!candidateOk}
          onClick={() => void addCandidate(s, from, values, candidateOk)}
        >
          {tx('addVersion')}
        </Button>
      </div>
      <Status status={withNew.failure.value} />
      {withNew.answer.value ? (
        <div class={askedFor.value === shownFor ? '' : 'stale'}>
          <PreviewTable preview={withNew.answer.value} />
        </div>
      ) : null}
    </div>
  );
}

function PreviewTable(props: { preview: PointsPreview | PreviewFailure }) {
  const p = props.preview;
  if (!p.ok) return <div class="status bad">{p.message}</div>;
  return (
    <table class="grid small preview" aria-label={tx('previewTitle', { period: p.period })}>
      <caption>{tx('previewTitle', { period: p.period })}</caption>
      <thead>
        <tr>
          <th>{tx('manager')}</th>
          <th class="num">{tx('pointsNow')}</th>
          <th class="num">{tx('pointsProposed')}</th>
        </tr>
      </thead>
      <tbody>
        {p.rows.map((r) => (
          <tr key={r.name}>
            <td>
              {r.placeProposed}. {r.name}
              {r.placeNow !== r.placeProposed ? <span class="muted"> ({r.placeNow})</span> : null}
            </td>
            <td class="num">{formatNumber(lang.value, r.current)}</td>
            <td class="num">{formatNumber(lang.value, r.proposed)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
