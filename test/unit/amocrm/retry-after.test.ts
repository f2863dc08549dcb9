/**
 * Reading amoCRM's 429: every form it comes in names its wait, or says nothing. Facts:
 * docs/services.md §A5 (Kommo's JSON with retry_after; HTML from the balancer; no header).
 */
import { retryAfterMs } from '../../../src/amocrm/http';
import { NGINX_429 } from '../../../dev/amocrm/throttle';

const NOW = Date.parse('2026-03-16T06:00:00Z');

test("Kommo's documented JSON body: retry_after in seconds", () => {
  const body = JSON.stringify({
    title: 'Too Many Requests',
    type: 'https://httpstatus.es/429',
    status: 429,
    detail: 'You have sent too many requests in a given amount of time. Please try again later.',
    retry_after: 300,
  });
  expect(retryAfterMs({}, body, NOW)).toBe(300_000);
});

test('a Retry-After header in seconds or as an HTTP date, in any letter case, wins over the body', () => {
  const body = JSON.stringify({ retry_after: 5 });
  expect(retryAfterMs({ 'Retry-After': '120' }, body, NOW)).toBe(120_000);
  expect(retryAfterMs({ 'retry-after': '7' }, 'x', NOW)).toBe(7_000);
  const date = new Date(NOW + 90_000).toUTCString();
  expect(retryAfterMs({ 'RETRY-AFTER': date }, body, NOW)).toBe(90_000);
});

test('HTML from the balancer or a plain-text body with no header names no wait', () => {
  expect(retryAfterMs({}, NGINX_429, NOW)).toBeNull();
  expect(retryAfterMs({}, '429 Too Many Requests', NOW)).toBeNull();
  expect(retryAfterMs({}, '', NOW)).toBeNull();
  expect(retryAfterMs({}, JSON.stringify({ status: 429 }), NOW)).toBeNull();
});

test('a text body that says how long is read', () => {
  expect(retryAfterMs({}, 'Too Many Requests: retry after 40', NOW)).toBe(40_000);
});

test('a date in the past waits nothing; an absurd wait is capped at a day', () => {
  expect(retryAfterMs({ 'Retry-After': new Date(NOW - 5000).toUTCString() }, '', NOW)).toBe(0);
  expect(retryAfterMs({ 'Retry-After': '99999999' }, '', NOW)).toBe(24 * 3600 * 1000);
});
