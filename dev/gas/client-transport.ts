/**
 * What google.script.run lets through: primitives, null, and arrays/objects made of them. A Date,
 * a function or another object type fails the call; undefined inside arrays becomes null; the
 * server gets a copy. [RUN] [HTML-COMM]; tanaike 2023-08-28 "Values to transfer … google.script.run".
 */
import { isDate } from './host';

export class TransportError extends Error {}

export function copyForTransport(value: unknown, path: string, seen = new Set<object>()): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return value;
  if (value === undefined) return undefined;
  if (
    typeof value === 'function' ||
    isDate(value) ||
    typeof value === 'symbol' ||
    typeof value === 'bigint'
  ) {
    throw new TransportError(`Failed due to illegal value in property: ${path}`);
  }
  if (typeof value === 'object') {
    if (seen.has(value))
      throw new TransportError(`Failed due to illegal value in property: ${path} (circular)`);
    seen.add(value);
    try {
      if (Array.isArray(value))
        return value.map((v, i) => copyForTransport(v === undefined ? null : v, String(i), seen));
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== null && Object.getPrototypeOf(proto) !== null) {
        // not a plain object (a class instance from the script, a Map, …)
        throw new TransportError(`Failed due to illegal value in property: ${path}`);
      }
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const c = copyForTransport(v, k, seen);
        // an own "__proto__" key travels as a key (JSON), it never sets the copy's prototype
        if (c !== undefined)
          Object.defineProperty(out, k, {
            value: c,
            enumerable: true,
            writable: true,
            configurable: true,
          });
      }
      return out;
    } finally {
      seen.delete(value);
    }
  }
  throw new TransportError(`Failed due to illegal value in property: ${path}`);
}
