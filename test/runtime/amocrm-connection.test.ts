/**
 * Connecting to amoCRM: "test connection" errors in plain language, OAuth with single-use refresh
 * tokens (refresh serialised, stored before use), secrets never in logs or results.
 * Facts: docs/services.md §A2 (OAuth), A5 (errors), G1 (refresh-token rotation).
 */
import { startAmoEmulator, type AmoHandle } from '../support/emulators';
import { newRuntime } from '../support/gas';
import { plain, store, syncToCompletion } from '../support/sync-harness';
import { FakeClock, GasRuntime } from '../../dev/gas';

jest.setTimeout(60000);
let amo: AmoHandle;
beforeAll(async () => {
  amo = await startAmoEmulator(['--seed', '31', '--size', 'tiny']);
});
afterAll(() => amo.stop());

async function runtime(): Promise<{ rt: GasRuntime; clock: FakeClock; token: string }> {
  const st = await amo.control<{ now: number; token: string; lastClientTime: number }>('state');
  const clock = new FakeClock(Math.max(st.now * 1000, st.lastClientTime) + 2000);
  return {
    rt: new GasRuntime({
      clock,
      routes: [{ host: /\.amocrm\.ru$|\.kommo\.com$/, target: amo.url, forwardClock: true }],
    }),
    clock,
    token: st.token,
  };
}

test('test connection names the account and what it found', async () => {
  const { rt, token } = await runtime();
  expect(
    rt.run('connectAmoWithToken', ['https://demo.amocrm.ru/leads/pipeline', token], 'client'),
  ).toEqual({
    ok: true,
    account: 'Демо-продажи',
    subdomain: 'demo',
    timeZone: 'Europe/Moscow',
    users: 5,
    pipelines: 3,
    message: 'Подключено: «Демо-продажи», пользователей: 5, воронок: 3.',
  });
  expect(rt.run('testAmoConnection', [], 'client')).toMatchObject({ ok: true });
  // the token is in document properties only, never in logs
  expect(JSON.stringify(rt.logs)).not.toContain(token);
  await rt.close();
});

test.each([
  [
    'a wrong subdomain',
    (rt: GasRuntime, token: string) => rt.run('connectAmoWithToken', ['other', token], 'client'),
    'bad_subdomain',
    /Не найден аккаунт amoCRM/,
  ],
  [
    'www instead of the account',
    (rt: GasRuntime, token: string) => rt.run('connectAmoWithToken', ['www', token], 'client'),
    'bad_subdomain',
    /Не найден аккаунт/,
  ],
  [
    'a bad token',
    (rt: GasRuntime) => rt.run('connectAmoWithToken', ['demo', 'x'.repeat(40)], 'client'),
    'unauthorized',
    /не принял ключ доступа/,
  ],
  [
    'an unpaid account',
    async (rt: GasRuntime, token: string) => {
      await amo.control('faults', { kind: '402' });
      return rt.run('connectAmoWithToken', ['demo', token], 'client');
    },
    'payment_required',
    /не оплачен/,
  ],
  [
    'a token without admin rights',
    async (rt: GasRuntime, token: string) => {
      const st = await amo.control<{ adminUserId: number }>('state');
      await amo.control('acting-user', { userId: st.adminUserId + 1 });
      try {
        return rt.run('connectAmoWithToken', ['demo', token], 'client');
      } finally {
        await amo.control('acting-user', { userId: st.adminUserId });
      }
    },
    'forbidden',
    /Не хватает прав/,
  ],
  [
    'a client blocked for too many requests',
    async (rt: GasRuntime, token: string) => {
      await amo.control('faults', { kind: 'blocked' });
      return rt.run('connectAmoWithToken', ['demo', token], 'client');
    },
    'blocked',
    /временно заблокировал доступ/,
  ],
])('%s gets a plain-language error and nothing is saved', async (_name, act, code, message) => {
  const { rt, token } = await runtime();
  const report = (await act(rt, token)) as { ok: boolean; errorCode: string; message: string };
  expect(report).toMatchObject({ ok: false, errorCode: code });
  expect(report.message).toMatch(message);
  expect(rt.properties.document['amocrm.connection']).toBeUndefined();
  expect(JSON.stringify(report)).not.toContain(token);
  await rt.close();
});

test('a network failure is reported as such', async () => {
  const rt = newRuntime({
    clock: new FakeClock('2026-03-16T06:00:00Z'),
    routes: [{ host: /\.amocrm\.ru$/, target: 'http://127.0.0.1:1' }],
  });
  const r = rt.run('connectAmoWithToken', ['demo', 'y'.repeat(40)], 'client') as {
    ok: boolean;
    errorCode: string;
  };
  expect(r).toMatchObject({ ok: false, errorCode: 'network' });
  await rt.close();
});

test('OAuth: consent URL, the callback exchanges the code, an expired access token is refreshed once mid-run', async () => {
  const { rt, clock } = await runtime();
  const st = await amo.control<{ oauth: { clientId: string; clientSecret: string } }>('state');
  const start = rt.run(
    'startAmoOAuth',
    ['demo', st.oauth.clientId, st.oauth.clientSecret],
    'client',
  ) as { ok: boolean; url: string; redirectUri: string };
  expect(start.url).toMatch(/^https:\/\/www\.amocrm\.ru\/oauth\?client_id=client-31&state=/);
  expect(start.redirectUri).toBe('https://script.google.com/macros/d/local-script-id/usercallback');
  const { code } = await amo.control<{ code: string }>('oauth/code');
  const state = new URL(start.url).searchParams.get('state') ?? '';
  // a forged or missing state never reaches the callback; the real one does, once
  expect(rt.userCallback({ state: `${state}x`, code })).toEqual({
    error: 'The state token is invalid or has expired. Please try again.',
  });
  expect(rt.userCallback({ code })).toHaveProperty('error');
  const page = rt.userCallback({ state, code });
  expect(page).toEqual({ html: expect.stringContaining('amoCRM подключён') });
  expect(rt.properties.document['amocrm.oauthPending']).toBeUndefined(); // the secret is not kept twice
  const saved = JSON.parse(rt.properties.document['amocrm.connection'] ?? 'null');
  expect(saved.auth).toMatchObject({ kind: 'oauth', clientId: 'client-31' });
  await amo.control('faults', { kind: '401', count: 1 }); // the access token dies mid-run
  expect(syncToCompletion(rt, clock).at(-1)?.outcome).toBe('complete');
  const after = JSON.parse(rt.properties.document['amocrm.connection'] ?? 'null');
  expect(after.auth.refreshToken).not.toBe(saved.auth.refreshToken); // the new refresh token was stored
  await rt.close();
});

test('disconnecting ends a consent still open: coming back from it later connects nothing', async () => {
  const { rt } = await runtime();
  const st = await amo.control<{ oauth: { clientId: string; clientSecret: string } }>('state');
  const start = rt.run(
    'startAmoOAuth',
    ['demo', st.oauth.clientId, st.oauth.clientSecret],
    'client',
  ) as { url: string };
  expect(rt.properties.document['amocrm.oauthPending']).toContain(st.oauth.clientSecret);
  expect(rt.callFromClient('disconnectAmo')).toMatchObject({ ok: true });
  // the client secret and the nonce are gone at once, not an hour later
  expect(rt.properties.document['amocrm.oauthPending']).toBeUndefined();
  expect(JSON.stringify(rt.properties.document)).not.toContain(st.oauth.clientSecret);
  // the head (or anyone holding the link) finishes the consent within the state token's hour
  const page = rt.userCallback({
    state: new URL(start.url).searchParams.get('state') ?? '',
    code: (await amo.control<{ code: string }>('oauth/code')).code,
  });
  expect(page).toEqual({ html: expect.stringContaining('Не удалось подключиться') });
  expect(rt.properties.document['amocrm.connection']).toBeUndefined();
  expect(rt.run('syncAmo', [], 'timeTrigger')).toMatchObject({
    outcome: 'failed',
    errorCode: 'not_configured',
  });
  await rt.close();
});

test('a reused refresh token stops the sync with "connect again", and the previous data stays', async () => {
  const { rt, clock } = await runtime();
  const st = await amo.control<{ oauth: { clientId: string; clientSecret: string } }>('state');
  const start = rt.run(
    'startAmoOAuth',
    ['demo', st.oauth.clientId, st.oauth.clientSecret],
    'client',
  ) as { url: string };
  rt.userCallback({
    state: new URL(start.url).searchParams.get('state') ?? '',
    code: (await amo.control<{ code: string }>('oauth/code')).code,
  });
  const first = JSON.parse(rt.properties.document['amocrm.connection'] ?? 'null');
  await amo.control('faults', { kind: '401', count: 1 });
  syncToCompletion(rt, clock); // refreshes: the first refresh token is now spent
  const before = plain(store(rt));
  // a restored backup brings back the spent refresh token and a dead access token
  rt.properties.document['amocrm.connection'] = JSON.stringify({
    ...first,
    auth: { ...first.auth, accessToken: 'dead' },
  });
  const rec = rt.run('syncAmo', [], 'timeTrigger') as {
    outcome: string;
    errorCode: string;
    error: string;
  };
  expect(rec).toMatchObject({ outcome: 'failed', errorCode: 'token_revoked' });
  expect(rec.error).toMatch(/Подключитесь к amoCRM заново/);
  expect(plain(store(rt))).toEqual(before);
  await rt.close();
});

test('a sync with no connection says what to do', async () => {
  const rt = newRuntime();
  expect(rt.run('syncAmo', [], 'timeTrigger')).toMatchObject({
    outcome: 'failed',
    errorCode: 'not_configured',
  });
  await rt.close();
});
