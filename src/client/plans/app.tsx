/**
 * The plans dialog: managers × months (last month read-only, this month and the next two), the
 * points plan and, on request, plans for figures; fill a column, copy a month into the next,
 * paste a column from a spreadsheet; the week and quarter plans that follow (the engine's own
 * proration, with the absences and ramps typed below the grid). Saved in one call; field errors
 * land on their cells.
 */
import { computed, signal } from '@preact/signals';
import { useEffect, useState } from 'preact/hooks';
import { FIGURE_NAMES } from '../../i18n/glossary';
import type { Language } from '../../i18n/messages';
import { pageText, type PageTextKey } from '../../i18n/page-texts';
import { formatNumber } from '../../i18n/post-texts';
import type { PlansData } from '../../app/plans-api';
import { Button, errorText, numberText, pageLanguage, parseNumber, Status } from '../common/fields';
import { host, server } from '../common/server';
import { absences, AbsencesPanel, ramps, savedStaff, staffDirty } from './absences';
import { copyToNextMonth, nextEditableMonth } from './copy-month';
import { derivedPlans } from './derived-plans';
import { fillColumn } from './fill-column';
import { outliers } from './outliers';
import { isColumn, pasteColumn, pasteMessage } from './paste';
import {
  cellId,
  cellsDiffer,
  cellsFromPlans,
  FIGURE_KEYS,
  withCell,
  type Cell,
  type Cells,
  type PlanKey,
} from './plan-cells';
import {
  cellMessage,
  errorsAfterEdit,
  errorsByCell,
  hasBadCell,
  type CellErrors,
} from './plan-errors';
import { plansToSave } from './plans-to-save';

const loaded = signal<PlansData | null>(null);
const failure = signal<string | null>(null);
const cells = signal<Cells>(new Map());
const savedCells = signal<Cells>(new Map());
const serverErrors = signal<CellErrors>(new Map());
const showFigures = signal(false);
const status = signal<{ ok: boolean; text: string } | null>(null);
const pasteFor = signal<string | null>(null);
const pasteText = signal('');
const fillFor = signal<string | null>(null);
const fillValue = signal('');

const lang = computed<Language>(() => loaded.value?.language ?? 'ru');
function tx(key: PageTextKey, params: Record<string, string | number> = {}): string {
  return pageText(lang.value, key, params);
}

const dirty = computed(() => cellsDiffer(cells.value, savedCells.value) || staffDirty.value);
/** the save's word about an absence or a ramp (the grid's cells take the plans' errors) */
const staffError = signal<string | null>(null);
/** the dialog's data with the absences and ramps as typed: the derived plans follow them */
const withStaff = computed(() =>
  loaded.value ? { ...loaded.value, absences: absences.value, ramps: ramps.value } : null,
);

const hasErrors = computed(() => hasBadCell(cells.value));

/**
 * The grid after an edit of any kind (typing, fill, copy, paste): a server error stays only on a
 * cell that still holds what was refused, and the last save's word («Планы сохранены», or why
 * not) goes — it is no longer true of the grid.
 */
function setCells(next: Cells): void {
  serverErrors.value = errorsAfterEdit(serverErrors.value, cells.value, next);
  cells.value = next;
  status.value = null;
}

function setCell(key: string, v: Cell): void {
  setCells(withCell(cells.value, key, v));
}

/** A column pasted onto a month (its header, the panel, or a cell: then from that manager). */
function paste(month: string, text: string, from = 0): void {
  const d = loaded.value;
  if (!d) return;
  const r = pasteColumn(cells.value, d.managers, month, text, from);
  setCells(r.cells);
  status.value = pasteMessage(r, lang.value);
}

async function load(): Promise<void> {
  try {
    const d = await server.plansLoad();
    if (!d.ok) {
      failure.value = d.message;
      return;
    }
    loaded.value = d;
    pageLanguage.value = d.language;
    // plans of the quarter's earlier months come along for the quarter's plan, not as cells
    const shown = new Set(d.months.map((m) => m.key));
    const c = cellsFromPlans(d.plans.filter((p) => shown.has(p.month)));
    cells.value = c;
    savedCells.value = new Map(c);
    absences.value = d.absences;
    ramps.value = d.ramps;
    savedStaff.value = { absences: d.absences, ramps: d.ramps };
    failure.value = null;
  } catch (e) {
    failure.value = errorText(e);
  }
}

async function save(): Promise<void> {
  status.value = null;
  if (hasErrors.value) {
    status.value = { ok: false, text: tx('notSavedFix') };
    return;
  }
  const d = loaded.value;
  if (d) {
    const far = outliers(d, cells.value, savedCells.value);
    if (far.length) {
      const name = (id: number) => d.managers.find((u) => u.id === id)?.name ?? String(id);
      const month = (key: string) => d.months.find((m) => m.key === key)?.label ?? key;
      const list = far
        .map((o) =>
          tx('plansOutlierRow', {
            name: name(o.userId),
            month: month(o.month),
            value: numberText(o.value),
            median: numberText(Math.round(o.median)),
          }),
        )
        .join('; ');
      if (!window.confirm(tx('plansOutliers', { list }))) return;
    }
  }
  const { plans, paths } = d ? plansToSave(d, cells.value) : { plans: [], paths: [] };
  try {
    // the plans as loaded go along: the server keeps what others saved meanwhile, or says so
    const staff = {
      absences: absences.value,
      ramps: ramps.value,
      base: savedStaff.value,
    };
    const r = await server.savePlans(plans, d?.plans ?? [], staff);
    staffError.value = null;
    if (r.ok) {
      if (d) {
        const editable = new Set(d.months.filter((m) => m.editable).map((m) => m.key));
        const sent = plans as unknown as typeof d.plans;
        loaded.value = {
          ...d,
          plans: [...d.plans.filter((p) => !editable.has(p.month)), ...sent],
          absences: staff.absences,
          ramps: staff.ramps,
        };
      }
      savedStaff.value = { absences: staff.absences, ramps: staff.ramps };
      savedCells.value = new Map(cells.value);
      serverErrors.value = new Map();
      status.value = { ok: true, text: r.message };
      return;
    }
    serverErrors.value = errorsByCell(r.errors, paths);
    staffError.value = r.errors.find((e) => /^(absences|ramps)/.test(e.field))?.message ?? null;
    status.value = { ok: false, text: r.message };
  } catch (e) {
    status.value = { ok: false, text: tx('failed', { reason: errorText(e) }) };
  }
}

function PlanInput(props: {
  month: string;
  user: number;
  /** the manager's line in the grid: a column pasted here starts at it */
  row: number;
  k: PlanKey;
  editable: boolean;
  label: string;
}) {
  const key = cellId(props.month, props.user, props.k);
  const v = cells.value.get(key) ?? null;
  const err = cellMessage(lang.value, v, serverErrors.value.get(key), props.k !== 'points');
  // what is typed stays as typed until the cell is left («1 3» on the way to «1 300»)
  const [text, setText] = useState<string | null>(null);
  const shown = v === null ? '' : typeof v === 'number' ? numberText(v) : v;
  return (
    <input
      type="text"
      inputMode="decimal"
      class={`cell${props.k === 'points' ? '' : ' fig'}`}
      aria-label={props.label}
      aria-invalid={err ? 'true' : undefined}
      title={err ?? undefined}
      readOnly={!props.editable}
      tabIndex={props.editable ? 0 : -1}
      value={text ?? shown}
      onInput={(e) => {
        setText(e.currentTarget.value);
        setCell(key, parseNumber(e.currentTarget.value, true));
      }}
      onBlur={() => setText(null)}
      onPaste={(e) => {
        const pasted = e.clipboardData?.getData('text/plain') ?? '';
        // one value is typed into the cell as usual; a column fills the cells below
        if (!props.editable || props.k !== 'points' || !isColumn(pasted)) return;
        e.preventDefault();
        setText(null);
        paste(props.month, pasted, props.row);
      }}
    />
  );
}

function ColumnTools(props: { month: string }) {
  const m = props.month;
  const d = loaded.value;
  const canCopy = !!d && nextEditableMonth(d.months, m) !== null;
  return (
    <div class="col-tools">
      <Button kind="link" onClick={() => ((fillFor.value = m), (fillValue.value = ''))}>
        {tx('plansFill')}
      </Button>
      <Button kind="link" onClick={() => ((pasteFor.value = m), (pasteText.value = ''))}>
        {tx('plansPaste')}
      </Button>
      {canCopy ? (
        <Button
          kind="link"
          onClick={() => {
            if (d) setCells(copyToNextMonth(cells.value, d, m));
          }}
        >
          → {tx('plansCopyNext')}
        </Button>
      ) : null}
    </div>
  );
}

function Tools() {
  const d = loaded.value;
  if (!d) return null;
  if (fillFor.value) {
    const m = fillFor.value;
    return (
      <div class="tool-panel" role="dialog" aria-label={tx('plansFill')}>
        <label>
          {tx('plansFillValue')} ({d.months.find((x) => x.key === m)?.label}):{' '}
          <input
            type="text"
            inputMode="decimal"
            autoFocus
            value={fillValue.value}
            onInput={(e) => (fillValue.value = e.currentTarget.value)}
          />
        </label>
        <Button
          kind="primary"
          onClick={() => {
            setCells(
              fillColumn(cells.value, d.managers, m, 'points', parseNumber(fillValue.value, true)),
            );
            fillFor.value = null;
          }}
        >
          {tx('plansFill')}
        </Button>
        <Button kind="link" onClick={() => (fillFor.value = null)}>
          {tx('close')}
        </Button>
      </div>
    );
  }
  if (pasteFor.value) {
    const m = pasteFor.value;
    return (
      <div class="tool-panel" role="dialog" aria-label={tx('plansPaste')}>
        <p class="hint">{tx('plansPasteHint')}</p>
        <textarea
          rows={5}
          autoFocus
          value={pasteText.value}
          onInput={(e) => (pasteText.value = e.currentTarget.value)}
        />
        <Button
          kind="primary"
          onClick={() => {
            paste(m, pasteText.value);
            pasteFor.value = null;
          }}
        >
          {tx('plansPasteApply')}
        </Button>
        <Button kind="link" onClick={() => (pasteFor.value = null)}>
          {tx('close')}
        </Button>
      </div>
    );
  }
  return null;
}

export function PlansApp() {
  useEffect(() => {
    void load();
  }, []);
  if (failure.value)
    return (
      <div class="load-error" role="alert">
        <p>{tx('loadFailed', { reason: failure.value })}</p>
        <Button kind="primary" onClick={() => load()}>
          {tx('retry')}
        </Button>
      </div>
    );
  const d = loaded.value;
  if (!d) return <p class="loading">{tx('plansLoading')}</p>;
  const keys: PlanKey[] = showFigures.value ? ['points', ...FIGURE_KEYS] : ['points'];
  const labels = FIGURE_NAMES[lang.value];
  return (
    <div class="plans-dialog">
      <div class="toolbar">
        <label class="check">
          <input
            type="checkbox"
            checked={showFigures.value}
            onChange={(e) => (showFigures.value = e.currentTarget.checked)}
          />{' '}
          {tx('plansFigures')}
        </label>
        {dirty.value ? <span class="dirty">● {tx('unsaved')}</span> : null}
      </div>
      <Tools />
      <div class="table-wrap">
        <table class="plans-grid">
          <thead>
            <tr>
              <th class="name">{tx('plansManager')}</th>
              {d.months.map((m) => (
                <th
                  key={m.key}
                  class={m.editable ? 'month' : 'month past'}
                  colSpan={keys.length}
                  tabIndex={m.editable ? 0 : undefined}
                  aria-label={m.editable ? `${m.label}: ${tx('plansPasteHere')}` : undefined}
                  onPaste={(e) => {
                    const text = e.clipboardData?.getData('text/plain') ?? '';
                    if (!m.editable || !text.trim()) return;
                    e.preventDefault();
                    paste(m.key, text);
                  }}
                >
                  <div>{m.label}</div>
                  {m.editable ? (
                    <ColumnTools month={m.key} />
                  ) : (
                    <div class="muted">{tx('plansReadOnly')}</div>
                  )}
                </th>
              ))}
              <th class="derived" title={tx('plansDerived')}>
                {tx('plansWeek')}
              </th>
              <th class="derived" title={tx('plansDerived')}>
                {tx('plansQuarter')}
              </th>
            </tr>
            {showFigures.value ? (
              <tr class="sub">
                <th />
                {d.months.map((m) =>
                  keys.map((k) => (
                    <th key={`${m.key}${k}`} class="fig-head">
                      {k === 'points' ? tx('plansPoints') : labels[k]}
                    </th>
                  )),
                )}
                <th />
                <th />
              </tr>
            ) : null}
          </thead>
          <tbody>
            {d.managers.map((u, row) => {
              const dv = derivedPlans(withStaff.value ?? d, cells.value, u.id);
              return (
                <tr key={u.id}>
                  <th class="name" scope="row">
                    {u.name}
                  </th>
                  {d.months.map((m) =>
                    keys.map((k) => (
                      <td key={`${m.key}${k}`} class={m.editable ? '' : 'past'}>
                        <PlanInput
                          month={m.key}
                          user={u.id}
                          row={row}
                          k={k}
                          editable={m.editable}
                          label={`${u.name}, ${m.label}, ${k === 'points' ? tx('plansPoints') : labels[k]}`}
                        />
                      </td>
                    )),
                  )}
                  <td class="num derived">
                    {dv.week === null ? '—' : formatNumber(lang.value, dv.week)}
                  </td>
                  <td class="num derived">
                    {dv.quarter === null ? '—' : formatNumber(lang.value, dv.quarter)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <AbsencesPanel
          lang={lang.value}
          managers={d.managers}
          serverError={staffError.value}
          onChange={() => ((status.value = null), (staffError.value = null))}
        />
      </div>
      <div class="footer">
        <Status status={status.value} />
        <div class="actions">
          <Button
            kind="link"
            onClick={() => {
              if (!dirty.value || window.confirm(tx('plansCloseConfirm'))) host.close();
            }}
          >
            {tx('plansClose')}
          </Button>
          <Button
            kind="primary"
            id="save-plans"
            busyText={tx('saving')}
            disabled={!dirty.value}
            onClick={save}
          >
            {tx('save')}
          </Button>
        </div>
      </div>
    </div>
  );
}
