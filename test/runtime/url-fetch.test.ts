/**
 * UrlFetchApp: real synchronous HTTP to a server in another process, routed by the host map.
 * Facts: docs/services.md §1.3 [URLFETCH] (throws on >= 400 unless muteHttpExceptions; object
 * payloads as form fields, multipart with a Blob; fetchAll concurrent, results in request
 * order), §5.1 [ALLOW] (urlFetchWhitelist enforced when present), §7.2 (server in another process).
 */
import { join } from 'node:path';
import type { GasRuntime } from '../../dev/gas';
import { startChildServer, type ChildServer } from '../support/child-server';
import { newRuntime, runScript } from '../support/gas';

let server: ChildServer;
let rt: GasRuntime;

beforeAll(async () => {
  server = await startChildServer(join(__dirname, '..', 'support', 'echo-server.js'));
  rt = newRuntime({
    routes: [
      { host: /\.amocrm\.ru$/, target: server.url },
      { host: /^api\.telegram\.org$/, target: server.url },
    ],
  });
});
afterAll(async () => {
  await rt.close();
  await server.stop();
});

test('a routed https URL reaches the local server unmodified in path and query; the response is readable', () => {
  const out = runScript(
    rt,
    `
    const r = UrlFetchApp.fetch('https://demo.amocrm.ru/api/v4/leads?limit=250&page=2', { headers: { Authorization: 'Bearer T' } });
    const body = JSON.parse(r.getContentText());
    return [r.getResponseCode(), body.method, body.path, body.query, body.headers.authorization, body.headers['x-original-host'], r.getHeaders()['x-echo']];
  `,
  );
  expect(out).toEqual([
    200,
    'GET',
    '/api/v4/leads',
    { limit: '250', page: '2' },
    'Bearer T',
    'demo.amocrm.ru',
    'yes',
  ]);
});

test("HTTP >= 400 throws Apps Script's message unless muteHttpExceptions", () => {
  expect(() =>
    runScript(rt, `UrlFetchApp.fetch('https://demo.amocrm.ru/api/v4/users?status=403');`),
  ).toThrow(
    /^Request failed for https:\/\/demo\.amocrm\.ru returned code 403\. Truncated server response: \{.*\.\.\. \(use muteHttpExceptions option to examine full response\)$/,
  );
  expect(
    runScript(
      rt,
      `return UrlFetchApp.fetch('https://demo.amocrm.ru/x?status=429', { muteHttpExceptions: true }).getResponseCode();`,
    ),
  ).toBe(429);
});

test('an object payload is sent as form fields; a JSON string with its content type', () => {
  const out = runScript(
    rt,
    `
    const a = JSON.parse(UrlFetchApp.fetch('https://api.telegram.org/botT/sendMessage', { method: 'post', payload: { chat_id: -100, text: 'Привет & <b>' } }).getContentText());
    const b = JSON.parse(UrlFetchApp.fetch('https://demo.amocrm.ru/oauth2/access_token', { method: 'post', contentType: 'application/json', payload: JSON.stringify({ a: 1 }) }).getContentText());
    return [a.method, a.headers['content-type'], a.body, b.headers['content-type'], b.body];
  `,
  );
  expect(out).toEqual([
    'POST',
    'application/x-www-form-urlencoded',
    'chat_id=-100&text=%D0%9F%D1%80%D0%B8%D0%B2%D0%B5%D1%82%20%26%20%3Cb%3E',
    'application/json',
    '{"a":1}',
  ]);
});

test('a payload holding a Blob is sent as multipart/form-data', () => {
  const out = runScript(
    rt,
    `
    const png = Utilities.newBlob([-119, 80, 78, 71], 'image/png', 'chart.png');
    const r = JSON.parse(UrlFetchApp.fetch('https://api.telegram.org/botT/sendPhoto', { method: 'post', payload: { chat_id: '-100', photo: png } }).getContentText());
    return [r.headers['content-type'], r.bodyBase64];
  `,
  ) as [string, string];
  expect(out[0]).toMatch(/^multipart\/form-data; boundary=/);
  const body = Buffer.from(out[1], 'base64');
  const text = body.toString('latin1');
  expect(text).toContain('Content-Disposition: form-data; name="chat_id"\r\n\r\n-100\r\n');
  expect(text).toContain(
    'Content-Disposition: form-data; name="photo"; filename="chart.png"\r\nContent-Type: image/png\r\n\r\n',
  );
  expect(body.includes(Buffer.from([0x89, 0x50, 0x4e, 0x47]))).toBe(true);
});

test('fetchAll runs its requests concurrently and returns them in request order', () => {
  runScript(rt, `UrlFetchApp.fetch('https://demo.amocrm.ru/_reset');`);
  const paths = runScript(
    rt,
    `
    const reqs = [5, 1, 4, 2, 3].map((n) => ({ url: 'https://demo.amocrm.ru/p' + n + '?delay=' + (n * 40), muteHttpExceptions: true }));
    return UrlFetchApp.fetchAll(reqs).map((r) => JSON.parse(r.getContentText()).path);
  `,
  );
  expect(paths).toEqual(['/p5', '/p1', '/p4', '/p2', '/p3']);
  const stats = runScript(
    rt,
    `return JSON.parse(UrlFetchApp.fetch('https://demo.amocrm.ru/_stats').getContentText());`,
  ) as { maxInFlight: number };
  expect(stats.maxInFlight).toBe(5); // all five were in flight at once on the server
  expect(rt.callCounts()['UrlFetchApp.fetchAll']).toBe(1);
});

test('URLs outside the manifest whitelist are refused; unrouted hosts are unreachable', () => {
  expect(() => runScript(rt, `UrlFetchApp.fetch('https://evil.example.com/');`)).toThrow(
    'does not match the urlFetchWhitelist',
  );
  const noRoute = newRuntime({ routes: [] });
  expect(() =>
    runScript(noRoute, `UrlFetchApp.fetch('https://demo.amocrm.ru/api/v4/account');`),
  ).toThrow('Address unavailable: https://demo.amocrm.ru/api/v4/account');
});

test('a server that is down gives "Address unavailable"', async () => {
  const dead = newRuntime({ routes: [{ host: /\.amocrm\.ru$/, target: 'http://127.0.0.1:1' }] });
  expect(() =>
    runScript(dead, `UrlFetchApp.fetch('https://demo.amocrm.ru/api/v4/account');`),
  ).toThrow('Address unavailable');
  await dead.close();
});
