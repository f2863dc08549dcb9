/**
 * The plans dialog: managers × months (last month read-only, this month and the next two), the
 * points plan and, on request, plans for figures; fill a column, copy a month into the next,
 * paste a column from a spreadsheet; the week and quarter plans that follow (the engine's own
 * proration). Saved in one call; field errors land on their cells.
 */
import { computed, signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import {
  Calendar,
  currentPeriod,
  FLOW_FIGURES,
  intlOffset,
  planFor,
  type FlowFigure,
} from '../../engine';
import { DETAIL_LABELS } from '../../i18n/figure-labels';
import type { Language } from '../../i18n/messages';
import { pageText, type PageTextKey } from '../../i18n/page-texts';
import { formatNumber } from '../../i18n/post-texts';
import { MAX_PLAN_POINTS } from '../../settings/schema';
import type { PlansData } from '../../ui/plans-dialog';
import { Button, errorText, parseNumber, Status } from '../common/fields';
import { host, server } from '../common/server';

type Plan = PlansData['plans'][number];
/** cell values as typed: numbers, or the text that did not parse */
type Cell = number | string | null;
type Key = 'points' | FlowFigure;

const loaded = signal<PlansData | null>(null);
const failure = signal<string | null>(null);
/** `${month}|${userId}|${key}` → value */
const cells = signal<Map<string, Cell>>(new Map());
const savedCells = signal<Map<string, Cell>>(new Map());
const serverErrors = signal<Map<string, string>>(new Map());
const showFigures = signal(false);
const status = signal<{ ok: boolean; text: string } | null>(null);
const pasteFor = signal<string | null>(null);
const pasteText = signal('');
const fillFor = signal<string | null>(null);
const fillValue = signal('');

const FIGURE_KEYS = FLOW_FIGURES.filter((f) => f !== 'lost');

const lang = computed<Language>(() => loaded.value?.language ?? 'ru');
function tx(key: PageTextKey, params: Record<string, string | number> = {}): string {
  return pageText(lang.value, key, params);
}

const id = (month: string, user: number, key: Key) => `${month}|${user}|${key}`;

function toCells(plans: Plan[]): Map<string, Cell> {
  const m = new Map<string, Cell>();
  for (const p of plans) {
    if (p.points !== undefined) m.set(id(p.month, p.userId, 'points'), p.points);
    for (const f of FIGURE_KEYS) {
      const v = p.figures?.[f];
      if (v !== undefined) m.set(id(p.month, p.userId, f), v);
    }
  }
  return m;
}

function cellError(v: Cell): boolean {
  return v !== null && (typeof v !== 'number' || v < 0 || v > MAX_PLAN_POINTS);
}

/** The plans of the editable months, in a fixed order (so a server error path finds its cell). */
function plansFromCells(): { plans: Array<Record<string, unknown>>; paths: string[][] } {
  const d = loaded.value;
  if (!d) return { plans: [], paths: [] };
  const plans: Array<Record<string, unknown>> = [];
  const paths: string[][] = [];
  for (const m of d.months.filter((x) => x.editable))
    for (const u of d.managers) {
      const points = cells.value.get(id(m.key, u.id, 'points')) ?? null;
      const figures: Record<string, Cell> = {};
      for (const f of FIGURE_KEYS) {
        const v = cells.value.get(id(m.key, u.id, f)) ?? null;
        if (v !== null) figures[f] = v;
      }
      if (points === null && !Object.keys(figures).length) continue;
      const plan: Record<string, unknown> = { month: m.key, userId: u.id };
      if (points !== null) plan.points = points;
      if (Object.keys(figures).length) plan.figures = figures;
      plans.push(plan);
      paths.push([m.key, String(u.id)]);
    }
  return { plans, paths };
}

const dirty = computed(() => {
  const a = cells.value;
  const b = savedCells.value;
  if (a.size !== b.size) return true;
  for (const [k, v] of a) if (b.get(k) !== v) return true;
  return false;
});

const hasErrors = computed(() => [...cells.value.values()].some(cellError));

function setCell(key: string, v: Cell): void {
  const next = new Map(cells.value);
  if (v === null) next.delete(key);
  else next.set(key, v);
  cells.value = next;
  if (serverErrors.value.has(key)) {
    const e = new Map(serverErrors.value);
    e.delete(key);
    serverErrors.value = e;
  }
}

async function load(): Promise<void> {
  try {
    const d = await server.plansLoad();
    if (!d.ok) {
      failure.value = d.message;
      return;
    }
    loaded.value = d;
    const c = toCells(d.plans);
    cells.value = c;
    savedCells.value = new Map(c);
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
  const { plans, paths } = plansFromCells();
  try {
    const r = await server.savePlans(plans);
    if (r.ok) {
      savedCells.value = new Map(cells.value);
      serverErrors.value = new Map();
      status.value = { ok: true, text: r.message };
      return;
    }
    const errs = new Map<string, string>();
    for (const e of r.errors) {
      const m = /^plans\[(\d+)\](?:\.(points|figures\.(\w+)|month|userId))?/.exec(e.field);
      const where = m ? paths[Number(m[1])] : undefined;
      if (where) errs.set(`${where[0]}|${where[1]}|${m?.[3] ?? 'points'}`, e.message);
    }
    serverErrors.value = errs;
    status.value = { ok: false, text: r.message };
  } catch (e) {
    status.value = { ok: false, text: tx('failed', { reason: errorText(e) }) };
  }
}

function PlanInput(props: {
  month: string;
  user: number;
  k: Key;
  editable: boolean;
  label: string;
}) {
  const key = id(props.month, props.user, props.k);
  const v = cells.value.get(key) ?? null;
  const bad = cellError(v);
  const err = serverErrors.value.get(key) ?? (bad ? tx('plansBadNumber') : null);
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
      value={v === null ? '' : String(v)}
      onInput={(e) => setCell(key, parseNumber(e.currentTarget.value, true))}
    />
  );
}

function derived(d: PlansData, userId: number): { week: number | null; quarter: number | null } {
  const plans: Plan[] = [];
  for (const m of d.months) {
    const v = cells.value.get(id(m.key, userId, 'points'));
    if (typeof v === 'number') plans.push({ month: m.key, userId, points: v });
  }
  const cal = new Calendar(d.timeZone, intlOffset(d.timeZone));
  return {
    week: planFor(cal, plans, userId, currentPeriod(cal, 'week', d.now)).points,
    quarter: planFor(cal, plans, userId, currentPeriod(cal, 'quarter', d.now)).points,
  };
}

function fillColumn(month: string, key: Key, value: Cell): void {
  const d = loaded.value;
  if (!d) return;
  const next = new Map(cells.value);
  for (const u of d.managers) {
    const k = id(month, u.id, key);
    if (value === null) next.delete(k);
    else next.set(k, value);
  }
  cells.value = next;
}

function copyToNext(month: string): void {
  const d = loaded.value;
  if (!d) return;
  const i = d.months.findIndex((m) => m.key === month);
  const target = d.months[i + 1];
  if (!target?.editable) return;
  const next = new Map(cells.value);
  for (const u of d.managers)
    for (const k of ['points', ...FIGURE_KEYS] as Key[]) {
      const v = cells.value.get(id(month, u.id, k));
      const t = id(target.key, u.id, k);
      if (v === undefined || v === null) next.delete(t);
      else next.set(t, v);
    }
  cells.value = next;
}

/** One number per line in manager order, or "name<TAB>number" lines matched by name. */
function paste(month: string, text: string): string | null {
  const d = loaded.value;
  if (!d) return null;
  const lines = text
    .replace(/\r/g, '')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const byName = lines.some((l) => l.includes('\t'));
  const next = new Map(cells.value);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    let user = d.managers[i];
    let value = line;
    if (byName) {
      const [name = '', v = ''] = line.split('\t');
      user = d.managers.find((m) => m.name.trim().toLowerCase() === name.trim().toLowerCase());
      if (!user) return tx('plansPasteUnknown', { name: name.trim() });
      value = v;
    }
    if (!user) break;
    const parsed = parseNumber(value, true);
    const k = id(month, user.id, 'points');
    if (parsed === null) next.delete(k);
    else next.set(k, parsed);
  }
  cells.value = next;
  return null;
}

function ColumnTools(props: { month: string }) {
  const m = props.month;
  const d = loaded.value;
  const i = d?.months.findIndex((x) => x.key === m) ?? -1;
  const canCopy = !!d?.months[i + 1]?.editable;
  return (
    <div class="col-tools">
      <Button kind="link" onClick={() => ((fillFor.value = m), (fillValue.value = ''))}>
        {tx('plansFill')}
      </Button>
      <Button kind="link" onClick={() => ((pasteFor.value = m), (pasteText.value = ''))}>
        {tx('plansPaste')}
      </Button>
      {canCopy ? (
        <Button kind="link" onClick={() => copyToNext(m)}>
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
            fillColumn(m, 'points', parseNumber(fillValue.value, true));
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
            const problem = paste(m, pasteText.value);
            if (problem) status.value = { ok: false, text: problem };
            else pasteFor.value = null;
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
  const keys: Key[] = showFigures.value ? ['points', ...FIGURE_KEYS] : ['points'];
  const labels = DETAIL_LABELS[lang.value];
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
                <th key={m.key} class={m.editable ? '' : 'past'} colSpan={keys.length}>
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
            {d.managers.map((u) => {
              const dv = derived(d, u.id);
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
