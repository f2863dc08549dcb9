/**
 * Fault injection: the next requests answer with a given failure instead of their data — the
 * errors of docs/services.md §A5 and what networks do (timeouts, truncated bodies).
 */
import type { ThrottleShape } from './throttle';

export const FAULT_KINDS = [
  '500',
  '502',
  'timeout',
  'truncated',
  '429',
  '402',
  '401',
  'blocked',
  'malformed',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface Fault {
  kind: FaultKind;
  /** 429: the answer's form (default: the balancer's HTML page, no header, no wait named) */
  throttle?: Partial<ThrottleShape>;
  /** only requests at or after this client time (ms) get the fault */
  from?: number;
  /** timeout: how long the connection hangs */
  ms?: number;
  /** malformed: a JSON path to break in the answer and what to put there */
  path?: string;
  value?: unknown;
  /** only requests to this path prefix get the fault (default: any); a trailing $: this path exactly */
  only?: string;
}

export function isFaultKind(x: unknown): x is FaultKind {
  return typeof x === 'string' && (FAULT_KINDS as readonly string[]).includes(x);
}

export class FaultQueue {
  private readonly queue: Fault[] = [];

  add(fault: Fault, count = 1): void {
    for (let i = 0; i < count; i++) this.queue.push({ ...fault });
  }

  /** The next fault for a request to `path` at client time `time`, if one is waiting for it. */
  take(path: string, time: number): Fault | undefined {
    const i = this.queue.findIndex(
      (f) =>
        (f.from === undefined || time >= f.from) &&
        (!f.only ||
          (f.only.endsWith('$') ? path === f.only.slice(0, -1) : path.startsWith(f.only))),
    );
    if (i < 0) return undefined;
    return this.queue.splice(i, 1)[0];
  }

  clear(): void {
    this.queue.length = 0;
  }

  get size(): number {
    return this.queue.length;
  }
}

/**
 * Breaks a JSON body at a dotted path ('_embedded.leads.0.responsible_user_id'; '*' is every
 * item of an array): sets the value, or removes the key when the value is the string '$delete'.
 */
export function breakAt(body: unknown, path: string, value: unknown): unknown {
  const parts = path.split('.');
  const walk = (node: unknown, i: number): void => {
    if (node === null || typeof node !== 'object') return;
    const key = parts[i];
    if (key === undefined) return;
    const last = i === parts.length - 1;
    const rec = node as Record<string, unknown>;
    const keys = key === '*' ? Object.keys(rec) : [key];
    for (const k of keys) {
      if (last) {
        if (value === '$delete') delete rec[k];
        else rec[k] = value;
      } else walk(rec[k], i + 1);
    }
  };
  walk(body, 0);
  return body;
}
