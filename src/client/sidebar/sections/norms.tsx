/**
 * «Нормы и цвета»: the green and yellow thresholds of the pace, the norms whose breach turns a
 * cell red (overdue tasks, lost deals as a count or a share, deals without tasks), what places
 * are by — and a preview of who would be red in this week's rating.
 */
import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { SECTION_FIELDS } from '../../../settings/sections';
import type { NormsPreview, PreviewFailure } from '../../../app/sidebar/previews';
import { Button, Field, NumberInput, Select, Status } from '../../common/fields';
import { server } from '../../common/server';
import { preview } from '../preview';
import type { Draft } from '../draft';
import { draft, errorFor, sectionErrors, tx, update } from '../store';

export const NORMS_PATHS = SECTION_FIELDS.norms;

const red = preview<NormsPreview | PreviewFailure>();
/** the norms and thresholds the list shown was computed for */
const askedFor = signal<string | null>(null);
/** typing settles before the list is computed again */
const REFRESH_DELAY_MS = 400;

function askRed(r: Draft['rating']): Promise<void> {
  askedFor.value = JSON.stringify({ norms: r.norms, thresholds: r.thresholds });
  return red.ask(() => server.previewNorms({ norms: r.norms, thresholds: r.thresholds }));
}

export function NormsSection() {
  const s = draft.value;
  if (!s) return null;
  const n = s.rating.norms;
  const lostByShare = n.maxLostShare !== null && n.maxLost === null;
  const shownFor = JSON.stringify({ norms: n, thresholds: s.rating.thresholds });
  const valid = !sectionErrors(NORMS_PATHS).length;
  // a list once shown follows the norms: it would otherwise name who was red under old ones
  useEffect(() => {
    if (askedFor.value === null || askedFor.value === shownFor || !valid) return;
    const rating = s.rating;
    const timer = setTimeout(() => void askRed(rating), REFRESH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [shownFor, valid]);
  const norm = (key: 'maxOverdueTasks' | 'maxLeadsWithoutTasks', label: string) => (
    <Field label={label} hint={tx('normEmpty')} error={errorFor(`rating.norms.${key}`)}>
      {({ id, describedBy, invalid }) => (
        <NumberInput
          id={id}
          nullable
          value={n[key]}
          describedBy={describedBy}
          invalid={invalid}
          onChange={(v) => update((x) => (x.rating.norms[key] = v))}
        />
      )}
    </Field>
  );
  return (
    <div class="norms">
      <div class="two-col">
        <Field
          label={tx('thresholdGreen')}
          error={errorFor('rating.thresholds.green') ?? errorFor('rating.thresholds')}
        >
          {({ id, describedBy, invalid }) => (
            <NumberInput
              id={id}
              scale={100}
              value={s.rating.thresholds.green}
              describedBy={describedBy}
              invalid={invalid}
              onChange={(v) => update((x) => (x.rating.thresholds.green = v))}
            />
          )}
        </Field>
        <Field label={tx('thresholdYellow')} error={errorFor('rating.thresholds.yellow')}>
          {({ id, describedBy, invalid }) => (
            <NumberInput
              id={id}
              scale={100}
              value={s.rating.thresholds.yellow}
              describedBy={describedBy}
              invalid={invalid}
              onChange={(v) => update((x) => (x.rating.thresholds.yellow = v))}
            />
          )}
        </Field>
      </div>
      {norm('maxOverdueTasks', tx('normOverdue'))}
      <fieldset class="radios">
        <legend>{tx('normLost')}</legend>
        <label>
          <input
            type="radio"
            name="lostBy"
            checked={!lostByShare}
            onChange={() =>
              update((x) => {
                x.rating.norms.maxLost = x.rating.norms.maxLost ?? null;
                x.rating.norms.maxLostShare = null;
              })
            }
          />{' '}
          {tx('normLostCount')}
        </label>
        <label>
          <input
            type="radio"
            name="lostBy"
            checked={lostByShare}
            onChange={() =>
              update((x) => {
                x.rating.norms.maxLost = null;
                x.rating.norms.maxLostShare = x.rating.norms.maxLostShare ?? 0.5;
              })
            }
          />{' '}
          {tx('normLostShare')}
        </label>
      </fieldset>
      {lostByShare ? (
        <Field
          label={tx('normLostShare')}
          hint={tx('normEmpty')}
          error={errorFor('rating.norms.maxLostShare')}
        >
          {({ id, describedBy, invalid }) => (
            <NumberInput
              id={id}
              nullable
              scale={100}
              value={n.maxLostShare}
              describedBy={describedBy}
              invalid={invalid}
              onChange={(v) => update((x) => (x.rating.norms.maxLostShare = v))}
            />
          )}
        </Field>
      ) : (
        <Field
          label={tx('normLostCount')}
          hint={tx('normEmpty')}
          error={errorFor('rating.norms.maxLost')}
        >
          {({ id, describedBy, invalid }) => (
            <NumberInput
              id={id}
              nullable
              value={n.maxLost}
              describedBy={describedBy}
              invalid={invalid}
              onChange={(v) => update((x) => (x.rating.norms.maxLost = v))}
            />
          )}
        </Field>
      )}
      {norm('maxLeadsWithoutTasks', tx('normNoTasks'))}
      <Field label={tx('rankBy')}>
        {({ id }) => (
          <Select
            id={id}
            value={s.rating.rankBy}
            options={[
              { value: 'points', label: tx('rankPoints') },
              { value: 'planPercent', label: tx('rankPlan') },
            ]}
            onChange={(by) => update((x) => (x.rating.rankBy = by))}
          />
        )}
      </Field>
      <Field label={tx('teamsBy')}>
        {({ id }) => (
          <Select
            id={id}
            value={s.rating.teams}
            options={[
              { value: 'points', label: tx('teamsPoints') },
              { value: 'perMember', label: tx('teamsPerMember') },
              { value: 'off', label: tx('teamsOff') },
            ]}
            onChange={(by) => update((x) => (x.rating.teams = by))}
          />
        )}
      </Field>
      <div class="actions">
        <Button busyText={tx('previewing')} onClick={() => askRed(s.rating)}>
          {tx('normsPreview')}
        </Button>
      </div>
      <Status status={red.failure.value} />
      {red.answer.value ? (
        <div
          class={askedFor.value === shownFor ? '' : 'stale'}
          aria-busy={askedFor.value !== shownFor}
        >
          <RedList preview={red.answer.value} />
        </div>
      ) : null}
    </div>
  );
}

function RedList(props: { preview: NormsPreview | PreviewFailure }) {
  const p = props.preview;
  if (!p.ok) return <div class="status bad">{p.message}</div>;
  if (!p.red.length) return <div class="status ok">{tx('normsNobody', { period: p.period })}</div>;
  return (
    <div class="red-list">
      <div class="muted">
        {tx('normsRed', { period: p.period, n: p.red.length, total: p.checked })}
      </div>
      <ul>
        {p.red.map((r) => (
          <li key={r.name}>
            <span class="red-dot" aria-hidden="true" /> <b>{r.name}</b>: {r.reasons.join(', ')}
          </li>
        ))}
      </ul>
    </div>
  );
}
