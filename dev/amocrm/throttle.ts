/**
 * amoCRM's 429, in the forms it comes in: Kommo documents a problem-JSON body with
 * `retry_after` (its example says 300) [K2]; the official PHP client meets 429s whose body is
 * not JSON — an HTML page from the balancer — and no Retry-After header (amocrm-api-php PR 517,
 * issue 526, still open) [L1]. A header is modelled too (seconds or an HTTP date), for a balancer
 * that sends one. The wait it names is enforced: a caller asking again before it ends gets
 * another 429, counted as a violation toward the block. [docs/services.md §A5]
 */
import { problem, PROBLEM, type Answer } from './api';

export const THROTTLE_BODIES = ['json', 'html', 'text'] as const;
export const THROTTLE_HEADERS = ['none', 'seconds', 'date'] as const;
export type ThrottleBody = (typeof THROTTLE_BODIES)[number];
export type ThrottleHeader = (typeof THROTTLE_HEADERS)[number];

export interface ThrottleShape {
  body: ThrottleBody;
  header: ThrottleHeader;
  /** seconds the answer asks to wait (amoCRM: up to 300); 0 names none */
  retryAfter: number;
}

/** the longest wait amoCRM is known to ask for [K2] */
export const MAX_RETRY_AFTER = 300;

export const NGINX_429 =
  '<html>\r\n<head><title>429 Too Many Requests</title></head>\r\n<body>\r\n<center><h1>429 Too Many Requests</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

export function isThrottleBody(x: unknown): x is ThrottleBody {
  return typeof x === 'string' && (THROTTLE_BODIES as readonly string[]).includes(x);
}
export function isThrottleHeader(x: unknown): x is ThrottleHeader {
  return typeof x === 'string' && (THROTTLE_HEADERS as readonly string[]).includes(x);
}

/** A retry_after in range, or an error in words for the control API and the command line. */
export function checkRetryAfter(x: unknown): number {
  const n = Number(x);
  if (!Number.isInteger(n) || n < 0 || n > MAX_RETRY_AFTER)
    throw new Error(
      `retryAfter must be whole seconds from 0 to ${MAX_RETRY_AFTER}, not ${String(x)}`,
    );
  return n;
}

/** The 429 answer of a shape, at `now` (ms, the caller's clock: an HTTP date is built from it). */
export function throttleAnswer(shape: ThrottleShape, now: number): Answer {
  const secs = shape.retryAfter;
  const headers: Record<string, string> = {};
  if (shape.header === 'seconds' && secs > 0) headers['retry-after'] = String(secs);
  if (shape.header === 'date' && secs > 0)
    headers['retry-after'] = new Date(Math.ceil(now / 1000) * 1000 + secs * 1000).toUTCString();
  if (shape.body === 'json')
    return {
      status: 429,
      body: problem(
        429,
        'Too Many Requests',
        'You have sent too many requests in a given amount of time. Please try again later.',
        secs > 0 ? { retry_after: secs } : {},
      ),
      type: PROBLEM,
      headers,
    };
  if (shape.body === 'html') return { status: 429, body: NGINX_429, type: 'text/html', headers };
  return { status: 429, body: '429 Too Many Requests', type: 'text/plain', headers };
}
