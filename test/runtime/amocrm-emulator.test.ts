/**
 * The amoCRM emulator against docs/services.md, Part A (sections cited per test).
 * The emulator runs in its own process; requests go over real HTTP.
 */
import { startAmoEmulator, type AmoHandle } from '../support/emulators';

let amo: AmoHandle;
let pipelines: Array<{ id: number; _embedded: { statuses: Array<{ id: number; type: number }> } }>;

beforeAll(async () => {
  amo = await startAmoEmulator(['--seed', '7', '--size', 'small']);
  pipelines = (
    (await (await amo.api('/api/v4/leads/pipelines')).json()) as {
      _embedded: { pipelines: typeof pipelines };
    }
  )._embedded.pipelines;
});
afterAll(() => amo.stop());

let vt = Date.parse('2030-01-01T00:00:00Z');
/** each call a second apart on the client's clock, so the rate limit stays out of the way */
const get = async (path: string, init: Parameters<AmoHandle['api']>[1] = {}) => {
  vt += 1000;
  const res = await amo.api(path, {
    ...init,
    headers: { 'x-virtual-time': String(vt), ...(init.headers ?? {}) },
  });
  const text = await res.text();
  const json = (res.headers.get('content-type') ?? '').includes('json');
  return {
    status: res.status,
    text,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- API bodies are inspected field by field
    body: text && json ? (JSON.parse(text) as Record<string, any>) : null,
    headers: res.headers,
  };
};

test('A3.1 account with datetime_settings, task_types, users_groups and is_api_filter_enabled', async () => {
  const r = await get(
    '/api/v4/account?with=datetime_settings,task_types,users_groups,is_api_filter_enabled',
  );
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toMatch(/^application\/hal\+json/);
  expect(r.body).toMatchObject({
    subdomain: 'demo',
    is_api_filter_enabled: true,
    _embedded: { datetime_settings: { timezone: 'Europe/Moscow', timezone_offset: '+03:00' } },
  });
  expect(
    r.body?._embedded.task_types.map((t: { id: number; code: string }) => [t.id, t.code]),
  ).toEqual([
    [1, 'FOLLOW_UP'],
    [2, 'MEETING'],
    [2345678, null], // a custom task type [A-REAL]
  ]);
  expect(r.body?._embedded.users_groups[0]).toMatchObject({ id: 0 });
});

test('A3.2 users: counts, rights.is_active (not top-level), and 403 for a non-admin token', async () => {
  const r = await get('/api/v4/users?limit=250');
  expect(r.body).toMatchObject({ _total_items: expect.any(Number), _page_count: 1, _page: 1 });
  const users = r.body?._embedded.users;
  expect(users[0]).not.toHaveProperty('is_active');
  expect(users.some((u: { rights: { is_active: boolean } }) => u.rights.is_active === false)).toBe(
    true,
  );
  const state = await amo.control<{ adminUserId: number }>('state');
  await amo.control('acting-user', {
    userId: users.find((u: { rights: { is_admin: boolean } }) => !u.rights.is_admin).id,
  });
  const denied = await get('/api/v4/users');
  expect(denied.status).toBe(403);
  expect(denied.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(denied.body).toMatchObject({ status: 403, detail: 'Не хватает прав' });
  await amo.control('acting-user', { userId: state.adminUserId });
});

test('A3.3 pipelines: two or more, statuses 142 and 143 in every one, "Неразобранное" of type 1', () => {
  expect(pipelines.length).toBeGreaterThanOrEqual(2);
  for (const p of pipelines) {
    const ids = p._embedded.statuses.map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining([142, 143]));
    expect(p._embedded.statuses.filter((s) => s.type === 1)).toHaveLength(1);
  }
});

test('A4 paging: limit 250 max, an over-max limit silently becomes 50; no total count for leads', async () => {
  const a = await get('/api/v4/leads?limit=250');
  expect(a.body?._embedded.leads).toHaveLength(250);
  expect(a.body).not.toHaveProperty('_total_items');
  expect(a.body?._links.next.href).toMatch(
    /^https:\/\/demo\.amocrm\.ru\/api\/v4\/leads\?limit=250&page=2$/,
  );
  const b = await get('/api/v4/leads?limit=400');
  expect(b.body?._embedded.leads).toHaveLength(50);
  const e = await get('/api/v4/events?limit=250');
  expect(e.body?._embedded.events).toHaveLength(50);
  const e100 = await get('/api/v4/events?limit=100');
  expect(e100.body?._embedded.events).toHaveLength(100);
});

test('G2 an empty result is 204 with an empty body; every page of an uncounted list links to a next one [I-193, A-REAL]', async () => {
  const none = await get('/api/v4/leads?filter[id]=1');
  expect([none.status, none.text]).toEqual([204, '']);
  const dump = await amo.control<{ leads: unknown[] }>('dump'); // deleted deals are not listed
  const perPage = 250;
  let page = 1;
  let seen = 0;
  for (;;) {
    const r = await get(`/api/v4/leads?limit=${perPage}&page=${page}`);
    if (r.status === 204) break;
    expect(r.body?._links.next).toBeDefined(); // even on the short last page
    seen += r.body?._embedded.leads.length ?? 0;
    page++;
  }
  expect(seen).toBe(dump.leads.length);
});

test('A3.4 lead filters: statuses pairs, responsible, updated range, order; with=loss_reason is an array', async () => {
  const main = pipelines[0]?.id ?? 0;
  const lost = await get(
    `/api/v4/leads?limit=250&with=loss_reason&filter[statuses][0][pipeline_id]=${main}&filter[statuses][0][status_id]=143`,
  );
  const leads = lost.body?._embedded.leads;
  expect(leads.length).toBeGreaterThan(0);
  expect(
    leads.every(
      (l: { status_id: number; pipeline_id: number }) =>
        l.status_id === 143 && l.pipeline_id === main,
    ),
  ).toBe(true);
  expect(Array.isArray(leads[0]._embedded.loss_reason)).toBe(true);
  expect(leads[0]._embedded.loss_reason[0]).toMatchObject({
    id: expect.any(Number),
    name: expect.any(String),
  });
  const from = Math.floor(Date.parse('2026-03-10T00:00:00Z') / 1000);
  const upd = await get(
    `/api/v4/leads?limit=250&filter[updated_at][from]=${from}&order[updated_at]=asc`,
  );
  const ts = upd.body?._embedded.leads.map((l: { updated_at: number }) => l.updated_at);
  expect(ts.every((t: number) => t >= from)).toBe(true);
  expect([...ts].sort((a: number, b: number) => a - b)).toEqual(ts);
});

test('G4 without the API-filter option, lead filters are silently ignored', async () => {
  await amo.control('api-filter', { enabled: false });
  const r = await get('/api/v4/leads?limit=5&filter[id]=1');
  expect(r.status).toBe(200);
  expect(r.body?._embedded.leads).toHaveLength(5);
  const acc = await get('/api/v4/account?with=is_api_filter_enabled');
  expect(acc.body?.is_api_filter_enabled).toBe(false);
  await amo.control('api-filter', { enabled: true });
});

test('A3.6 events: string ids, singular entity, value_after arrays, type/entity/entity_id/value_after filters', async () => {
  const main = pipelines[0]?.id ?? 0;
  const won = await get(
    `/api/v4/events?limit=100&filter[type]=lead_status_changed&filter[value_after][leads_statuses][0][pipeline_id]=${main}&filter[value_after][leads_statuses][0][status_id]=142`,
  );
  const ev = won.body?._embedded.events;
  expect(typeof ev[0].id).toBe('string');
  expect(ev[0]).toMatchObject({
    entity_type: 'lead',
    value_after: [{ lead_status: { id: 142, pipeline_id: main } }],
  });
  expect(Array.isArray(ev[0].value_before)).toBe(true);
  const ids = ev.slice(0, 3).map((e: { entity_id: number }) => e.entity_id);
  const one = await get(
    `/api/v4/events?filter[entity]=lead&filter[entity_id][]=${ids[0]}&filter[entity_id][]=${ids[1]}`,
  );
  expect(
    new Set(one.body?._embedded.events.map((e: { entity_id: number }) => e.entity_id)),
  ).toEqual(new Set(ids.slice(0, 2)));
  const bad = await get(`/api/v4/events?filter[entity_id][]=${ids[0]}`);
  expect(bad.status).toBe(400);
  const robot = await get(
    '/api/v4/events?limit=100&filter[created_by][]=0&filter[type]=lead_status_changed',
  );
  expect(
    robot.body?._embedded.events.every((e: { created_by: number }) => e.created_by === 0),
  ).toBe(true);
});

test('A3.5 / G6 tasks: plural entity_type, filters, result [] when empty', async () => {
  const open = await get(
    '/api/v4/tasks?limit=250&filter[is_completed]=0&filter[entity_type]=leads',
  );
  const tasks = open.body?._embedded.tasks;
  expect(
    tasks.every(
      (t: { is_completed: boolean; entity_type: string }) =>
        !t.is_completed && t.entity_type === 'leads',
    ),
  ).toBe(true);
  expect(tasks[0].result).toEqual([]);
  const meetings = await get('/api/v4/tasks?limit=250&filter[task_type][]=2');
  expect(
    meetings.body?._embedded.tasks.every((t: { task_type_id: number }) => t.task_type_id === 2),
  ).toBe(true);
});

test('A5 auth errors are problem+json; the wrong subdomain and www are refused', async () => {
  const r = await get('/api/v4/account', { token: 'nope' });
  expect(r.status).toBe(401);
  expect(r.body).toMatchObject({
    title: 'Unauthorized',
    status: 401,
    type: 'https://httpstatus.es/401',
  });
  expect((await get('/api/v4/account', { host: 'other.amocrm.ru' })).status).toBe(401);
  const www = await get('/api/v4/account', { host: 'www.amocrm.ru' });
  expect([www.status, www.headers.get('content-type')]).toEqual([404, 'text/html; charset=utf-8']);
});

test('A2 OAuth: code exchange, 24 h access tokens, strict single-use refresh tokens', async () => {
  const st = await amo.control<{
    oauth: { clientId: string; clientSecret: string; redirectUri: string };
  }>('state');
  const { code } = await amo.control<{ code: string }>('oauth/code');
  const post = (body: Record<string, string>) =>
    fetch(`${amo.url}/oauth2/access_token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-original-host': 'demo.amocrm.ru',
        'x-virtual-time': String((vt += 1000)),
      },
      body: JSON.stringify(body),
    });
  const base = {
    client_id: st.oauth.clientId,
    client_secret: st.oauth.clientSecret,
    redirect_uri: st.oauth.redirectUri,
  };
  const first = await post({ ...base, grant_type: 'authorization_code', code });
  const tok = (await first.json()) as {
    access_token: string;
    refresh_token: string;
    expires_in: number;
    token_type: string;
  };
  expect([first.status, tok.token_type, tok.expires_in]).toEqual([200, 'Bearer', 86400]);
  expect((await get('/api/v4/account', { token: tok.access_token })).status).toBe(200);
  expect((await post({ ...base, grant_type: 'authorization_code', code })).status).toBe(400); // a code works once
  const refreshed = await post({
    ...base,
    grant_type: 'refresh_token',
    refresh_token: tok.refresh_token,
  });
  expect(refreshed.status).toBe(200);
  const reuse = await post({
    ...base,
    grant_type: 'refresh_token',
    refresh_token: tok.refresh_token,
  });
  expect(reuse.status).toBe(401);
  expect(await reuse.json()).toMatchObject({ hint: 'Token has been revoked', status: 401 });
  expect(
    (
      await post({
        ...base,
        redirect_uri: `${base.redirect_uri}/`,
        grant_type: 'authorization_code',
        code: 'x',
      })
    ).status,
  ).toBe(400); // trailing slash matters [I-114]
});

test('A2 a withdrawn OAuth grant: the access token gets 401, the refresh token 401 «Token has been revoked»; a new consent works', async () => {
  const st = await amo.control<{
    oauth: { clientId: string; clientSecret: string; redirectUri: string };
  }>('state');
  const post = (body: Record<string, string>) =>
    fetch(`${amo.url}/oauth2/access_token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-original-host': 'demo.amocrm.ru',
        'x-virtual-time': String((vt += 1000)),
      },
      body: JSON.stringify({
        client_id: st.oauth.clientId,
        client_secret: st.oauth.clientSecret,
        redirect_uri: st.oauth.redirectUri,
        ...body,
      }),
    });
  const consent = async () => {
    const { code } = await amo.control<{ code: string }>('oauth/code');
    const r = await post({ grant_type: 'authorization_code', code });
    expect(r.status).toBe(200);
    return (await r.json()) as { access_token: string; refresh_token: string };
  };
  const tok = await consent();
  expect((await get('/api/v4/account', { token: tok.access_token })).status).toBe(200);
  expect((await amo.control<{ revoked: number }>('oauth/revoke')).revoked).toBeGreaterThan(0);
  expect((await get('/api/v4/account', { token: tok.access_token })).status).toBe(401);
  const refused = await post({ grant_type: 'refresh_token', refresh_token: tok.refresh_token });
  expect(refused.status).toBe(401);
  expect(await refused.json()).toMatchObject({
    hint: 'Token has been revoked',
    title: 'Некорректный запрос',
    type: 'https://developers.amocrm.ru/v3/errors/OAuthProblemJson',
    status: 401,
  });
  const again = await consent();
  expect((await get('/api/v4/account', { token: again.access_token })).status).toBe(200);
});

test('A2 an authorization code expires after 20 minutes', async () => {
  const st = await amo.control<{
    oauth: { clientId: string; clientSecret: string; redirectUri: string };
  }>('state');
  const { code } = await amo.control<{ code: string }>('oauth/code');
  await amo.control('clock', { advanceSeconds: 21 * 60 });
  const res = await fetch(`${amo.url}/oauth2/access_token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-original-host': 'demo.amocrm.ru' },
    body: JSON.stringify({
      client_id: st.oauth.clientId,
      client_secret: st.oauth.clientSecret,
      redirect_uri: st.oauth.redirectUri,
      grant_type: 'authorization_code',
      code,
    }),
  });
  expect(res.status).toBe(400);
  expect(await res.json()).toMatchObject({ hint: 'Authorization code has expired' });
});

test('A5 more than 7 requests in a second → 429 with retry_after in the body; repeated violation → 403 on everything', async () => {
  const at = String((vt += 5000));
  const statuses: number[] = [];
  for (let i = 0; i < 9; i++)
    statuses.push((await amo.api('/api/v4/account', { headers: { 'x-virtual-time': at } })).status);
  expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 429, 429]);
  const r = await amo.api('/api/v4/account', { headers: { 'x-virtual-time': at } });
  // Kommo's documented body; amoCRM sends no Retry-After header (amocrm-api-php issue 526)
  expect(r.headers.get('retry-after')).toBeNull();
  expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(await r.json()).toMatchObject({ status: 429, retry_after: 1 });
  for (let i = 0; i < 30; i++)
    await amo.api('/api/v4/account', { headers: { 'x-virtual-time': at } });
  const blocked = await amo.api('/api/v4/account', {
    headers: { 'x-virtual-time': String((vt += 5000)) },
  });
  expect([blocked.status, await blocked.text()]).toEqual([403, '403 Forbidden']);
  await amo.control('unblock', {});
});

test('A5 the wait a 429 names holds: asking sooner is refused again, in every form of the answer', async () => {
  const at = (vt += 10_000);
  const get429 = async (t: number) =>
    amo.api('/api/v4/account', { headers: { 'x-virtual-time': String(t) } });
  // Kommo's documented 300 s, as JSON with a header in seconds
  await amo.control('faults', { kind: '429', retryAfter: 300, body: 'json', header: 'seconds' });
  const first = await get429(at);
  expect([first.status, first.headers.get('retry-after')]).toEqual([429, '300']);
  expect(await first.json()).toMatchObject({ status: 429, retry_after: 300 });
  // the next request a minute later is still inside the wait: the limit's own 429
  expect((await get429(at + 60_000)).status).toBe(429);
  expect((await get429(at + 301_000)).status).toBe(200);
  // a header as an HTTP date, a plain-text body
  await amo.control('faults', { kind: '429', retryAfter: 30, body: 'text', header: 'date' });
  const dated = await get429(at + 400_000);
  expect(await dated.text()).toBe('429 Too Many Requests');
  expect(Date.parse(dated.headers.get('retry-after') ?? '')).toBe(at + 400_000 + 30_000);
  expect((await get429(at + 431_000)).status).toBe(200);
  // the limit's own 429 can be set the same way, and a bad setting is refused in words
  await amo.control('throttle', { retryAfter: 120, body: 'html', header: 'none' });
  const burst: Response[] = [];
  for (let i = 0; i < 8; i++) burst.push(await get429(at + 500_000));
  const last = burst.at(-1);
  expect([last?.status, last?.headers.get('retry-after')]).toEqual([429, null]);
  expect(await last?.text()).toContain('nginx');
  // asking sooner is answered with the same wait again, from then
  expect((await get429(at + 560_000)).status).toBe(429);
  expect((await get429(at + 621_000)).status).toBe(429);
  expect((await get429(at + 742_000)).status).toBe(200);
  expect(await amo.control('throttle', { retryAfter: 301 })).toEqual({
    error: 'retryAfter must be whole seconds from 0 to 300, not 301',
  });
  await amo.control('throttle', { retryAfter: 1, body: 'json', header: 'none' });
  await amo.control('unblock', {});
});

test('fault injection: 500, 502, truncated JSON, 429 without JSON, 402, 401, timeout — and the request log', async () => {
  const seqStart =
    (await amo.control<{ requests: Array<{ seq: number }> }>('requests')).requests.at(-1)?.seq ?? 0;
  for (const kind of ['500', '502', 'truncated', '429', '402', '401'])
    await amo.control('faults', { kind });
  const s500 = await get('/api/v4/leads');
  expect(s500.status).toBe(500);
  expect(s500.body).toHaveProperty('trace_id');
  expect((await get('/api/v4/leads')).status).toBe(502);
  const trunc = await amo.api('/api/v4/leads?limit=10', {
    headers: { 'x-virtual-time': String((vt += 1000)) },
  });
  expect(trunc.status).toBe(200);
  await expect(trunc.text().then((t) => JSON.parse(t))).rejects.toThrow();
  const r429 = await amo.api('/api/v4/leads', {
    headers: { 'x-virtual-time': String((vt += 1000)) },
  });
  // the balancer's HTML page, no header, no wait named (amocrm-api-php PR 517, issue 526)
  expect([r429.status, r429.headers.get('retry-after')]).toEqual([429, null]);
  expect(await r429.text()).toContain('<title>429 Too Many Requests</title>');
  expect((await get('/api/v4/leads')).body).toMatchObject({
    status: 402,
    detail: 'Payment required',
  });
  expect((await get('/api/v4/leads')).status).toBe(401);
  await amo.control('faults', { kind: 'timeout', ms: 300 });
  await expect(amo.api('/api/v4/leads')).rejects.toThrow();
  const log = (
    await amo.control<{
      requests: Array<{
        seq: number;
        status: number | string;
        path: string;
        method: string;
        latencyMs: number;
      }>;
    }>('requests')
  ).requests.filter((r) => r.seq > seqStart);
  expect(log.map((r) => r.status)).toEqual([500, 502, 200, 429, 402, 401, 'timeout']);
  expect(log[0]).toMatchObject({
    method: 'GET',
    path: '/api/v4/leads',
    latencyMs: expect.any(Number),
  });
});

test("the clock: advancing days creates activity whose events explain every lead's state", async () => {
  const before = await amo.control<{ now: number; events: number }>('state');
  const after = await amo.control<{ now: number; events: number }>('clock', { advanceDays: 3 });
  expect(after.now).toBe(before.now + 3 * 86400);
  expect(after.events).toBeGreaterThan(before.events);
  const dump = await amo.control<{
    leads: Array<{
      id: number;
      status_id: number;
      pipeline_id: number;
      closed_at: number | null;
      closest_task_at: number | null;
      created_at: number;
      updated_at: number;
    }>;
    events: Array<{
      type: string;
      entity_id: number;
      created_at: number;
      value_after: Array<{ lead_status: { id: number; pipeline_id: number } }>;
    }>;
    tasks: Array<{ entity_id: number; is_completed: boolean; complete_till: number }>;
  }>('dump');
  const lastStatus = new Map<number, { id: number; pipeline_id: number }>();
  for (const e of dump.events) {
    const after = e.value_after[0]?.lead_status;
    if (e.type === 'lead_status_changed' && after) lastStatus.set(e.entity_id, after);
  }
  const openTaskMin = new Map<number, number>();
  for (const t of dump.tasks)
    if (!t.is_completed)
      openTaskMin.set(
        t.entity_id,
        Math.min(openTaskMin.get(t.entity_id) ?? Infinity, t.complete_till),
      );
  for (const l of dump.leads) {
    const s = lastStatus.get(l.id);
    if (s) expect([l.pipeline_id, l.status_id]).toEqual([s.pipeline_id, s.id]);
    expect(l.closed_at !== null).toBe(l.status_id === 142 || l.status_id === 143);
    expect(l.closest_task_at).toBe(openTaskMin.get(l.id) ?? null);
    expect(l.updated_at).toBeGreaterThanOrEqual(l.created_at);
  }
  // events come in time order
  expect(
    dump.events.every((e, i, a) => i === 0 || (a[i - 1]?.created_at ?? 0) <= e.created_at),
  ).toBe(true);
});
