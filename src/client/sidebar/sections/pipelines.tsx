/**
 * «Воронки и этапы»: which pipelines count; per pipeline, which of its own stages (names and
 * colours as in amoCRM) mean meeting scheduled / held / contract signed / advance paid; the
 * skipped-stages and meetings-from-tasks options; which managers take part.
 */
import { SECTION_FIELDS } from '../../../settings/sections';
import { signal } from '@preact/signals';
import { MAPPED_STAGES, type MappedStage } from '../../../engine';
import type { PipelineView } from '../../../app/sidebar/load';
import { Field, Select } from '../../common/fields';
import { tickPipeline, type ParkedStages } from '../draft';
import { data, draft, errorFor, tx, update } from '../store';

export const PIPELINE_PATHS = SECTION_FIELDS.pipelines;

/**
 * The stage mapping of pipelines unticked on this page, by pipeline: ticking one again brings its
 * mapping back (an untick by mistake costs nothing), until the page is reloaded.
 */
const parked = signal<ParkedStages>(new Map());

function StageSelect(props: { pipeline: PipelineView; figure: MappedStage }) {
  const s = draft.value;
  if (!s) return null;
  const chosen = s.rating.stages[props.figure].find((r) => r.pipelineId === props.pipeline.id);
  const stage = props.pipeline.stages.find((st) => st.id === chosen?.statusId);
  const label = tx('stageFor', { figure: tx(`stage_${props.figure}`) });
  return (
    <Field label={label} error={errorFor(`rating.stages.${props.figure}`)}>
      {({ id, describedBy, invalid }) => (
        <div class="stage-pick">
          <span
            class="swatch"
            aria-hidden="true"
            style={{ background: stage?.color ?? 'transparent' }}
          />
          <select
            id={id}
            aria-describedby={describedBy}
            aria-invalid={invalid ? 'true' : undefined}
            value={chosen ? String(chosen.statusId) : ''}
            onChange={(e) => {
              const value = Number(e.currentTarget.value);
              update((x) => {
                const list = x.rating.stages[props.figure].filter(
                  (r) => r.pipelineId !== props.pipeline.id,
                );
                if (value) list.push({ pipelineId: props.pipeline.id, statusId: value });
                x.rating.stages[props.figure] = list;
              });
            }}
          >
            <option value="">{tx('notMapped')}</option>
            {props.pipeline.stages
              .filter((st) => !st.closed)
              .map((st) => (
                <option key={st.id} value={String(st.id)}>
                  {st.name}
                </option>
              ))}
          </select>
        </div>
      )}
    </Field>
  );
}

export function PipelinesSection() {
  const d = data.value;
  const s = draft.value;
  if (!d || !s) return null;
  if (!d.account) return <p class="hint">{d.accountError ?? tx('noAccount')}</p>;
  const selected = new Set(s.rating.pipelineIds);
  const excluded = new Set(s.rating.excludedUserIds);
  return (
    <div class="pipelines">
      <fieldset>
        <legend>{tx('pipelinesCounted')}</legend>
        {d.account.pipelines.map((p) => (
          <label key={p.id} class="check">
            <input
              type="checkbox"
              checked={selected.has(p.id)}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                update((x) => (parked.value = tickPipeline(x, p.id, on, parked.value)));
              }}
            />{' '}
            {p.name}
            {p.main ? <span class="tag">{tx('mainPipeline')}</span> : null}
            {p.archived ? <span class="tag">{tx('archived')}</span> : null}
          </label>
        ))}
        {errorFor('rating.pipelineIds') ? (
          <div class="error" role="alert">
            {errorFor('rating.pipelineIds')}
          </div>
        ) : null}
      </fieldset>
      {d.account.pipelines
        .filter((p) => selected.has(p.id))
        .map((p) => (
          <fieldset key={p.id} class="pipeline">
            <legend>{p.name}</legend>
            {MAPPED_STAGES.map((f) => (
              <StageSelect key={f} pipeline={p} figure={f} />
            ))}
          </fieldset>
        ))}
      <label class="check">
        <input
          type="checkbox"
          checked={s.rating.countSkippedStages}
          onChange={(e) => update((x) => (x.rating.countSkippedStages = e.currentTarget.checked))}
        />{' '}
        {tx('countSkipped')}
      </label>
      <fieldset class="radios">
        <legend>{tx('meetingsFrom')}</legend>
        {(['stage', 'tasks'] as const).map((m) => (
          <label key={m}>
            <input
              type="radio"
              name="meetingsFrom"
              checked={s.rating.meetingsHeldFrom === m}
              onChange={() => update((x) => (x.rating.meetingsHeldFrom = m))}
            />{' '}
            {m === 'stage' ? tx('meetingsFromStage') : tx('meetingsFromTasks')}
          </label>
        ))}
      </fieldset>
      {s.rating.meetingsHeldFrom === 'tasks' ? (
        <fieldset>
          <legend>{tx('meetingTaskTypes')}</legend>
          {d.account.taskTypes.map((tt) => (
            <label key={tt.id} class="check">
              <input
                type="checkbox"
                checked={s.rating.meetingTaskTypeIds.includes(tt.id)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  update((x) => {
                    x.rating.meetingTaskTypeIds = on
                      ? [...x.rating.meetingTaskTypeIds, tt.id]
                      : x.rating.meetingTaskTypeIds.filter((id) => id !== tt.id);
                  });
                }}
              />{' '}
              {tt.name}
            </label>
          ))}
        </fieldset>
      ) : null}
      <Field label={tx('tasksScope')}>
        {({ id }) => (
          <Select
            id={id}
            value={s.rating.tasksScope}
            options={[
              { value: 'all', label: tx('tasksAll') },
              { value: 'selectedPipelines', label: tx('tasksSelected') },
            ]}
            onChange={(scope) => update((x) => (x.rating.tasksScope = scope))}
          />
        )}
      </Field>
      <fieldset>
        <legend>{tx('managers')}</legend>
        {d.account.users
          .filter((u) => u.active || excluded.has(u.id))
          .map((u) => (
            <label key={u.id} class="check">
              <input
                type="checkbox"
                checked={!excluded.has(u.id)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  update((x) => {
                    x.rating.excludedUserIds = on
                      ? x.rating.excludedUserIds.filter((id) => id !== u.id)
                      : [...x.rating.excludedUserIds, u.id];
                  });
                }}
              />{' '}
              {u.name}
              {!u.active ? <span class="tag">{tx('inactive')}</span> : null}
            </label>
          ))}
      </fieldset>
    </div>
  );
}
