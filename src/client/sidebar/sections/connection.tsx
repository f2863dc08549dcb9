/**
 * «Подключение»: the account address (checked as it is typed, by the server's own rule), a
 * long-lived token or OAuth, test and disconnect. A secret typed here is sent once and cleared
 * from the page; afterwards only its last 4 characters come back.
 */
import { signal } from '@preact/signals';
import { parseAccountAddress } from '../../../amocrm/address';
import { AmoError } from '../../../amocrm/errors';
import { Button, errorText, Field, Status } from '../../common/fields';
import { server } from '../../common/server';
import { data, lang, reload, tx } from '../store';
import { px } from '../status-bar';
import { AccountSize } from './account-size';

const address = signal('');
const method = signal<'token' | 'oauth'>('token');
const token = signal('');
const clientId = signal('');
const clientSecret = signal('');
const consentUrl = signal<string | null>(null);
const status = signal<{ ok: boolean; text: string } | null>(null);
const newToken = signal('');
const reconsentUrl = signal<string | null>(null);

/**
 * amoCRM refuses an OAuth connection (the integration was turned off, its refresh key spent or
 * lapsed): no token to paste — the consent is asked again with the keys already saved. The
 * consent page opens in a new window from a link and comes back to the script's callback; the head then
 * tests here, and once it works the banner goes with the reload, and this says so once.
 */
function Reconsent() {
  return (
    <div class="reconnect reconsent">
      <p class="hint">{px('reconsentHint')}</p>
      <div class="actions">
        <Button
          kind="primary"
          id="reconsent"
          onClick={async () => {
            try {
              const r = await server.restartAmoOAuth();
              if (!r.ok || !r.url) {
                status.value = { ok: false, text: r.message };
                return;
              }
              status.value = null;
              // a link the head clicks: a window opened after the server's answer would be blocked
              reconsentUrl.value = r.url;
            } catch (e) {
              status.value = { ok: false, text: tx('failed', { reason: errorText(e) }) };
            }
          }}
        >
          {px('reconsent')}
        </Button>
      </div>
      {reconsentUrl.value ? (
        <p>
          <a
            id="reconsent-link"
            href={reconsentUrl.value}
            target="_blank"
            rel="noopener noreferrer"
          >
            {px('reconsentLink')}
          </a>
          <br />
          {px('reconsentThen')}{' '}
          <Button
            kind="link"
            id="reconsent-check"
            onClick={async () => {
              await reload();
              if (data.value?.status.broken)
                status.value = { ok: false, text: px('reconsentStill') };
              else {
                reconsentUrl.value = null;
                status.value = { ok: true, text: px('reconnected') };
              }
            }}
          >
            {px('reconsentCheck')}
          </Button>
        </p>
      ) : null}
    </div>
  );
}

/**
 * amoCRM refuses the saved token: a new one for the same address, checked before it is saved.
 * Once it works the banner and the broken line go with the reload, and this says so once.
 */
function Reconnect(props: { baseUrl: string }) {
  return (
    <div class="reconnect">
      <Field label={px('reconnectToken')} hint={px('reconnectHint')}>
        {({ id, describedBy }) => (
          <input
            id={id}
            type="password"
            autoComplete="off"
            value={newToken.value}
            aria-describedby={describedBy}
            onInput={(e) => (newToken.value = e.currentTarget.value)}
          />
        )}
      </Field>
      <div class="actions">
        <Button
          kind="primary"
          id="reconnect"
          busyText={tx('connecting')}
          disabled={!newToken.value.trim()}
          onClick={async () => {
            try {
              const r = await server.connectAmoWithToken(props.baseUrl, newToken.value);
              if (!r.ok) {
                status.value = { ok: false, text: r.message };
                return;
              }
              newToken.value = ''; // the secret leaves the page once saved
              status.value = { ok: true, text: px('reconnected') };
              await reload();
            } catch (e) {
              status.value = { ok: false, text: tx('failed', { reason: errorText(e) }) };
            }
          }}
        >
          {px('reconnect')}
        </Button>
      </div>
    </div>
  );
}

function addressError(): string | null {
  if (!address.value.trim()) return null;
  try {
    parseAccountAddress(address.value);
    return null;
  } catch (e) {
    return e instanceof AmoError ? e.text(lang.value) : errorText(e);
  }
}

export function ConnectionSection() {
  const d = data.value;
  if (!d) return null;
  const c = d.connection;
  if (c.connected) {
    const service = c.service === 'kommo' ? tx('serviceKommo') : tx('serviceAmo');
    const broken = d.status.broken;
    return (
      <div class="connection">
        {broken ? (
          <p class="bad-line">
            {px('connBroken', { account: (c.baseUrl ?? '').replace(/^https:\/\//, '') })}
          </p>
        ) : (
          <p class="ok-line">
            ✓ {tx('connectedTo', { account: d.account?.name ?? c.baseUrl ?? '' })}
          </p>
        )}
        <dl class="facts">
          <dt>{tx('address')}</dt>
          <dd>
            {c.baseUrl} ({service})
          </dd>
          <dt>{tx('method')}</dt>
          <dd>{c.auth === 'oauth' ? tx('authOAuth') : tx('authToken')}</dd>
          <dt>{tx('secret')}</dt>
          <dd class="mono">{c.secretHint}</dd>
        </dl>
        {broken ? null : <AccountSize />}
        {d.accountError ? <div class="status bad">{d.accountError}</div> : null}
        {broken && !d.accountError ? <div class="status bad">{broken}</div> : null}
        {broken && c.auth === 'token' && c.baseUrl ? <Reconnect baseUrl={c.baseUrl} /> : null}
        {broken && c.auth === 'oauth' ? <Reconsent /> : null}
        <div class="actions">
          <Button
            busyText={tx('checking')}
            onClick={async () => {
              try {
                const r = await server.testAmoConnection();
                // a broken connection that works again: the banner goes with the reload
                if (r.ok && broken) {
                  await reload();
                  status.value = { ok: true, text: px('reconnected') };
                } else status.value = { ok: r.ok, text: r.message };
              } catch (e) {
                status.value = { ok: false, text: tx('failed', { reason: errorText(e) }) };
              }
            }}
          >
            {tx('check')}
          </Button>
          <Button
            kind="danger"
            onClick={async () => {
              if (!window.confirm(tx('disconnectConfirm'))) return;
              const r = await server.disconnectAmo();
              status.value = { ok: true, text: r.message };
              await reload();
            }}
          >
            {tx('disconnect')}
          </Button>
        </div>
        <Status status={status.value} />
      </div>
    );
  }
  const addrErr = addressError();
  return (
    <form
      class="connection"
      onSubmit={(e) => {
        e.preventDefault();
      }}
    >
      <Field label={tx('address')} hint={tx('addressHint')} error={addrErr}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            type="text"
            autoComplete="off"
            spellcheck={false}
            value={address.value}
            aria-describedby={describedBy}
            aria-invalid={invalid ? 'true' : undefined}
            onInput={(e) => {
              address.value = e.currentTarget.value;
              // a refusal of the address before it was corrected is no longer true
              if (status.value && !status.value.ok) status.value = null;
            }}
          />
        )}
      </Field>
      <fieldset class="radios">
        <legend>{tx('method')}</legend>
        <label>
          <input
            type="radio"
            name="method"
            checked={method.value === 'token'}
            onChange={() => (method.value = 'token')}
          />{' '}
          {tx('methodToken')}
        </label>
        <label>
          <input
            type="radio"
            name="method"
            checked={method.value === 'oauth'}
            onChange={() => (method.value = 'oauth')}
          />{' '}
          {tx('methodOAuth')}
        </label>
      </fieldset>
      {method.value === 'token' ? (
        <>
          <Field label={tx('token')} hint={tx('tokenHint')}>
            {({ id, describedBy }) => (
              <input
                id={id}
                type="password"
                autoComplete="off"
                value={token.value}
                aria-describedby={describedBy}
                onInput={(e) => (token.value = e.currentTarget.value)}
              />
            )}
          </Field>
          <div class="actions">
            <Button
              kind="primary"
              id="connect"
              busyText={tx('connecting')}
              disabled={!address.value.trim() || !!addrErr || !token.value.trim()}
              onClick={async () => {
                try {
                  const r = await server.connectAmoWithToken(address.value, token.value);
                  status.value = { ok: r.ok, text: r.message };
                  if (r.ok) {
                    token.value = ''; // the secret leaves the page once saved
                    await reload();
                  }
                } catch (e) {
                  status.value = { ok: false, text: tx('failed', { reason: errorText(e) }) };
                }
              }}
            >
              {tx('connect')}
            </Button>
          </div>
        </>
      ) : (
        <>
          <Field label={tx('redirectUri')}>
            {({ id }) => (
              <input
                id={id}
                type="text"
                readOnly
                value={d.connection.redirectUri}
                onFocus={(e) => e.currentTarget.select()}
              />
            )}
          </Field>
          <Field label={tx('clientId')}>
            {({ id }) => (
              <input
                id={id}
                type="text"
                autoComplete="off"
                value={clientId.value}
                onInput={(e) => (clientId.value = e.currentTarget.value)}
              />
            )}
          </Field>
          <Field label={tx('clientSecret')}>
            {({ id }) => (
              <input
                id={id}
                type="password"
                autoComplete="off"
                value={clientSecret.value}
                onInput={(e) => (clientSecret.value = e.currentTarget.value)}
              />
            )}
          </Field>
          <div class="actions">
            <Button
              kind="primary"
              disabled={
                !address.value.trim() || !!addrErr || !clientId.value || !clientSecret.value
              }
              onClick={async () => {
                const r = await server.startAmoOAuth(
                  address.value,
                  clientId.value,
                  clientSecret.value,
                );
                status.value = { ok: r.ok, text: r.message };
                if (r.ok && r.url) {
                  clientSecret.value = '';
                  consentUrl.value = r.url;
                }
              }}
            >
              {tx('openConsent')}
            </Button>
          </div>
          {consentUrl.value ? (
            <p>
              <a href={consentUrl.value} target="_blank" rel="noopener noreferrer">
                {tx('consentLink', {
                  service: consentUrl.value.includes('kommo')
                    ? tx('serviceKommo')
                    : tx('serviceAmo'),
                })}
              </a>
              <br />
              {tx('consentThen')}{' '}
              <Button kind="link" onClick={() => reload()}>
                {tx('check')}
              </Button>
            </p>
          ) : null}
        </>
      )}
      <Status status={status.value} />
    </form>
  );
}
