/**
 * «Размер аккаунта» under the connection: the deals in the history window, whether the
 * spreadsheet store holds them, and what the BigQuery store would add. Measured by the server
 * once at connection (the first time this shows) and again on request.
 */
import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { AccountSizeReport } from '../../../app/sidebar/account-size';
import { Button, errorText } from '../../common/fields';
import { server } from '../../common/server';
import { storeText } from '../../../i18n/store-texts';
import { lang, tx } from '../store';

const size = signal<AccountSizeReport | null>(null);
const failed = signal<string | null>(null);

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
    </div>
  );
}
