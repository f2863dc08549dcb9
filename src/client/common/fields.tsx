/**
 * Form pieces shared by the pages: a labelled field with its hint and error (the error is tied to
 * the input with aria-describedby and aria-invalid), a number input that keeps what was typed
 * until it parses, a choice among fixed values, a button that shows it is busy and cannot be
 * pressed twice, a status line.
 */
import type { ComponentChildren } from 'preact';
import { signal } from '@preact/signals';
import { useState } from 'preact/hooks';
import type { Language } from '../../i18n/messages';
import { numberAsTyped } from '../../settings/validate';

let nextId = 0;
export function useId(prefix: string): string {
  const [id] = useState(() => `${prefix}-${++nextId}`);
  return id;
}

export function Field(props: {
  label: string;
  hint?: string | null;
  error?: string | null;
  children: (ids: {
    id: string;
    describedBy: string | undefined;
    invalid: boolean;
  }) => ComponentChildren;
}) {
  const id = useId('f');
  const describedBy =
    [props.hint ? `${id}-hint` : '', props.error ? `${id}-err` : ''].filter(Boolean).join(' ') ||
    undefined;
  return (
    <div class={`field${props.error ? ' has-error' : ''}`}>
      <label for={id}>{props.label}</label>
      {props.children({ id, describedBy, invalid: !!props.error })}
      {props.hint ? (
        <div class="hint" id={`${id}-hint`}>
          {props.hint}
        </div>
      ) : null}
      {props.error ? (
        <div class="error" id={`${id}-err`} role="alert">
          {props.error}
        </div>
      ) : null}
    </div>
  );
}

/**
 * A number field as typed: the number, or the text that does not parse (kept, so the settings
 * schema names the problem next to the field); `N` says whether an empty field is null.
 */
export type Typed<N extends number | null> = N | string;

/**
 * A number as a person types it (docs/rules.md §3, numbers as typed): spaces of any kind
 * (plain, non-breaking, thin) group digits; a comma is the decimal point («1 300,5» is 1300.5)
 * unless it groups thousands — one to three digits (not starting with 0), then groups of exactly three («1,300» and
 * «12,500,000» are thousands, «1,3» and «1,30» are decimals), as a table copied from an English
 * spreadsheet writes them; then a point may follow as the decimal point («1,300.5»). A minus may
 * be the typographic one. Anything else — an exponent («1e3»), a second
 * decimal point, letters — is not a number: the text goes on as typed, so the settings schema
 * names it next to the field. '' is null when the field may be empty.
 */
export function parseNumber(text: string, nullable: true): Typed<number | null>;
export function parseNumber(text: string, nullable: false): Typed<number>;
export function parseNumber(text: string, nullable: boolean): Typed<number | null>;
export function parseNumber(text: string, nullable: boolean): Typed<number | null> {
  const n = readNumber(text);
  if (n === null) return nullable ? null : text;
  return Number.isFinite(n) ? n : text;
}

/** The language the page writes numbers in (set by each page from its settings). */
export const pageLanguage = signal<Language>('ru');

/** The number a text means, null when it is empty, NaN when it is not a number. */
export function readNumber(text: string): number | null {
  const s = text.replace(/\s/g, '').replace(/[\u2212\u2012\u2013]/g, '-');
  if (s === '') return null;
  const thousands = /^([+-]?)([1-9]\d{0,2}(?:,\d{3})+)(\.\d+)?$/.exec(s);
  const plain = thousands
    ? `${thousands[1] ?? ''}${(thousands[2] ?? '').replace(/,/g, '')}${thousands[3] ?? ''}`
    : s.replace(',', '.');
  return /^[+-]?(\d+(\.\d+)?|\.\d+)$/.test(plain) ? Number(plain) : NaN;
}

/** A number as the person's language writes it: «1300,5» in Russian, '1300.5' in English. */
export function numberText(n: number, lang: Language = pageLanguage.value): string {
  return numberAsTyped(n, lang);
}

function unscaled<T extends string | null>(v: number | T, scale: number): number | T {
  return typeof v === 'number' ? v / scale : v;
}

/** emptied, a field that may be empty hands on null; any other hands on its text ('') */
type Emptiable =
  | { nullable: true; value: Typed<number | null>; onChange: (v: Typed<number | null>) => void }
  | { nullable?: false; value: Typed<number>; onChange: (v: Typed<number>) => void };

export function NumberInput(
  props: {
    id: string;
    scale?: number;
    describedBy?: string;
    invalid?: boolean;
    placeholder?: string;
    step?: string;
    disabled?: boolean;
    label?: string;
  } & Emptiable,
) {
  const scale = props.scale ?? 1;
  const shown =
    typeof props.value === 'number' ? numberText(props.value * scale) : (props.value ?? '');
  const [text, setText] = useState<string | null>(null);
  return (
    <input
      id={props.id}
      type="text"
      inputMode="decimal"
      value={text ?? shown}
      placeholder={props.placeholder}
      aria-describedby={props.describedBy}
      aria-invalid={props.invalid ? 'true' : undefined}
      aria-label={props.label}
      disabled={props.disabled}
      onInput={(e) => {
        const raw = e.currentTarget.value;
        setText(raw);
        // a field in percent may be typed with its sign: «50 %»
        const value = scale === 100 ? raw.replace(/\s*%\s*$/, '') : raw;
        if (props.nullable) props.onChange(unscaled(parseNumber(value, true), scale));
        else props.onChange(unscaled(parseNumber(value, false), scale));
      }}
      onBlur={() => setText(null)}
    />
  );
}

export function Button(props: {
  onClick: () => unknown;
  busyText?: string;
  kind?: 'primary' | 'secondary' | 'danger' | 'link';
  disabled?: boolean;
  children: ComponentChildren;
  id?: string;
}) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      id={props.id}
      class={`btn ${props.kind ?? 'secondary'}`}
      disabled={busy || props.disabled}
      aria-busy={busy ? 'true' : undefined}
      onClick={() => {
        if (busy) return;
        setBusy(true);
        // a click while the call is pending does nothing: the button is disabled until it ends
        void Promise.resolve()
          .then(() => props.onClick())
          .finally(() => setBusy(false));
      }}
    >
      {busy && props.busyText ? props.busyText : props.children}
    </button>
  );
}

export function Status(props: { status: { ok: boolean; text: string } | null }) {
  if (!props.status) return null;
  return (
    <div class={`status ${props.status.ok ? 'ok' : 'bad'}`} role="status">
      {props.status.text}
    </div>
  );
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** A choice among fixed values: onChange gets one of those values, typed, never free text. */
export function Select<V extends string>(props: {
  id: string;
  value: V;
  options: ReadonlyArray<{ value: V; label: string }>;
  onChange: (value: V) => void;
}) {
  return (
    <select
      id={props.id}
      value={props.value}
      onChange={(e) => {
        const chosen = props.options.find((o) => o.value === e.currentTarget.value);
        if (chosen) props.onChange(chosen.value);
      }}
    >
      {props.options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/** An hour of the day as 00:00 … 23:00. */
export function HourSelect(props: { id: string; value: number; onChange: (hour: number) => void }) {
  return (
    <select
      id={props.id}
      value={String(props.value)}
      onChange={(e) => props.onChange(Number(e.currentTarget.value))}
    >
      {Array.from({ length: 24 }, (_, h) => (
        <option key={h} value={String(h)}>
          {String(h).padStart(2, '0')}:00
        </option>
      ))}
    </select>
  );
}
