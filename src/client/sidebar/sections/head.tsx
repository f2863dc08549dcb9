/**
 * «Руководителю»: the bottom watch — how many weeks in a row each manager has spent in the
 * bottom N of the weekly rating (managers with fewer new deals than the minimum are not ranked
 * for a week). Shown only here: never on a sheet, never in the group.
 */
import { SECTION_FIELDS } from '../../../settings/sections';
import type { BottomWatchView, PreviewFailure } from '../../../app/sidebar/previews';
import { Button, Field, NumberInput, Status } from '../../common/fields';
import { server } from '../../common/server';
import { preview } from '../preview';
import { draft, errorFor, tx, update } from '../store';

export const HEAD_PATHS = SECTION_FIELDS.head;

const watch = preview<BottomWatchView | PreviewFailure>();

export function HeadSection() {
  const s = draft.value;
  if (!s) return null;
  const b = s.rating.bottomWatch;
  return (
    <div class="head">
      <p class="hint">{tx('headHint')}</p>
      <div class="two-col">
        <Field label={tx('bottomSize')} error={errorFor('rating.bottomWatch.size')}>
          {({ id, describedBy, invalid }) => (
            <NumberInput
              id={id}
              value={b.size}
              describedBy={describedBy}
              invalid={invalid}
              onChange={(v) => update((x) => (x.rating.bottomWatch.size = v))}
            />
          )}
        </Field>
        <Field label={tx('bottomMinLeads')} error={errorFor('rating.bottomWatch.minLeads')}>
          {({ id, describedBy, invalid }) => (
            <NumberInput
              id={id}
              value={b.minLeads}
              describedBy={describedBy}
              invalid={invalid}
              onChange={(v) => update((x) => (x.rating.bottomWatch.minLeads = v))}
            />
          )}
        </Field>
      </div>
      <div class="actions">
        <Button
          busyText={tx('previewing')}
          onClick={() =>
            watch.ask(() => server.bottomWatch({ size: b.size, minLeads: b.minLeads }))
          }
        >
          {tx('bottomShow')}
        </Button>
      </div>
      <Status status={watch.failure.value} />
      {watch.answer.value ? <Watch view={watch.answer.value} /> : null}
    </div>
  );
}

function Watch(props: { view: BottomWatchView | PreviewFailure }) {
  const v = props.view;
  if (!v.ok) return <div class="status bad">{v.message}</div>;
  if (!v.rows.length) return <div class="status ok">{tx('bottomNobody')}</div>;
  return (
    <table class="grid small">
      <thead>
        <tr>
          <th>{tx('manager')}</th>
          <th class="num">{tx('bottomWeeks')}</th>
          <th class="num">{tx('bottomLeads')}</th>
        </tr>
      </thead>
      <tbody>
        {v.rows.map((r) => (
          <tr key={r.name} class={r.weeks >= 3 ? 'warn' : ''}>
            <td>{r.name}</td>
            <td class="num">{r.weeks}</td>
            <td class="num">{r.leads}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
