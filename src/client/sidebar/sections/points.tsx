/**
 * «Баллы»: the point values in force and their versions; a new version starts on a chosen date
 * (by default the 1st of next month), checked by the settings schema as it is typed; a preview
 * from the stored data shows this month's top 5 with the current and the new values.
 */
import { SECTION_FIELDS } from '../../../settings/sections';
import { signal } from '@preact/signals';
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
import { data, draft, lang, tx, update } from '../store';

export const POINTS_PATHS = SECTION_FIELDS.points;

type Values = Record<ScoredFigure, Typed<number>>;

const BLANK: Values = perKey(SCORED_FIGURES, () => '');

const newFrom = signal<string | null>(null);
const newValues = signal<Values | null>(null);
const withNew = preview<PointsPreview | PreviewFailure>();

function inForce(
  points: ReadonlyArray<{ from: string; values: Record<ScoredFigure, number> }>,
  today: string,
) {
  const started = points
    .filter((p) => p.from <= today)
    .sort((a, b) => b.from.localeCompare(a.from));
  return started[0] ?? points[0];
}

export function PointsSection() {
  const d = data.value;
  const s = draft.value;
  if (!d || !s) return null;
  const today = localDay(d.now, d.timeZone);
  const versions = [...s.rating.points].sort((a, b) => a.from.localeCompare(b.from));
  const current = inForce(versions, today);
  const from = newFrom.value ?? nextMonthStart(d.now, d.timeZone);
  const values: Values = newValues.value ?? { ...BLANK, ...current?.values };
  const candidatePoints = [...s.rating.points.filter((p) => p.from !== from), { from, values }];
  const index = candidatePoints.length - 1;
  const checked = checkSettings(
    { ...s, rating: { ...s.rating, points: candidatePoints } },
    lang.value,
  );
  const errors = checked.ok ? [] : checked.errors;
  const errorOf = (field: string) =>
    errors.find((e) => e.field === `rating.points[${index}]${field}`)?.message ?? null;
  const candidateOk = !errors.some((e) => e.field.startsWith(`rating.points[${index}]`));
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
      <div class="actions">
        <Button
          busyText={tx('previewing')}
          disabled={!candidateOk}
          onClick={() => withNew.ask(() => server.previewPoints(values))}
        >
          {tx('preview')}
        </Button>
        <Button
          kind="primary"
          id="add-points"
          disabled={!candidateOk}
          onClick={() => {
            // enabled once the schema accepts the new version: its values are numbers by then
            if (!allNumbers(SCORED_FIGURES, values)) return;
            const version = { from, values };
            update(
              (x) =>
                (x.rating.points = [...s.rating.points.filter((p) => p.from !== from), version]),
            );
            newValues.value = null;
            newFrom.value = null;
          }}
        >
          {tx('addVersion')}
        </Button>
      </div>
      <Status status={withNew.failure.value} />
      {withNew.answer.value ? <PreviewTable preview={withNew.answer.value} /> : null}
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
