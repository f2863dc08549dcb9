/**
 * «Размер аккаунта» under the connection: the deals in the history window, whether the
 * spreadsheet store holds them, and what the BigQuery store would add. Measured by the server
 * once at connection (the first time this shows) and again on request.
 */
import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { AccountSizeReport } from '../../../app/sidebar/account-size';
import { Button, errorText, Field, Status } from '../../common/fields';
import { server } from '../../common/server';
import { storeText } from '../../../i18n/store-texts';
import { lang, tx } from '../store';

const size = signal<AccountSizeReport | null>(null);
const failed = signal<string | null>(null);
const project = signal('');
const chosen = signal<{ ok: boolean; text: string } | null>(null);

async function choose(kind: 'bigquery' | 'spreadsheet'): Promise<void> {
  try {
    const r = await server.chooseAccountStore(kind, project.value);
    chosen.value = { ok: r.ok, text: r.message };
  } catch (e) {
    chosen.value = { ok: false, text: tx('failed', { reason: errorText(e) }) };
  }
}

async function measure(again: boolean): Promise<void> {
  try {
    size.value = await server.measureAmoAccount(again);
    failed.value = null;
  } catch (e) {
    failed.value = tx('failed', { reason: errorText(e) });
  }
}

export function AccountSize() {
  useEffect(() => {
    if (!size.value) void measure(false);
  }, []);
  const s = size.value;
  return (
    <div class="account-size" id="account-size">
      <h3>{storeText(lang.value, 'measureTitle')}</h3>
      {s
        ? s.lines.map((l, i) => (
            <p
              key={i}
              class={
                !s.ok
                  ? 'status bad'
                  : s.recommend === 'bigquery' && i === 1
                    ? 'bad-line'
                    : undefined
              }
            >
              {l}
            </p>
          ))
        : null}
      {failed.value ? <div class="status bad">{failed.value}</div> : null}
      <div class="actions">
        <Button id="measure-account" onClick={() => measure(true)}>
          {storeText(lang.value, 'measureButton')}
        </Button>
      </div>
      <Field label={storeText(lang.value, 'chooseProject')}>
        {({ id, describedBy }) => (
          <input
            id={id}
            type="text"
            autoComplete="off"
            spellcheck={false}
            value={project.value}
            aria-describedby={describedBy}
            onInput={(e) => (project.value = e.currentTarget.value)}
          />
        )}
      </Field>
      <div class="actions">
        <Button
          id="choose-bigquery"
          disabled={!project.value.trim()}
          onClick={() => choose('bigquery')}
        >
          {storeText(lang.value, 'chooseBigQuery')}
        </Button>
        <Button kind="secondary" id="choose-spreadsheet" onClick={() => choose('spreadsheet')}>
          {storeText(lang.value, 'chooseSpreadsheet')}
        </Button>
      </div>
      <Status status={chosen.value} />
    </div>
  );
}
