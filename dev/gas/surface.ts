/**
 * The boundary between the bundle and the emulated services. Every service object handed to the
 * bundle is wrapped: each method call is counted (the cost model of the benchmarks) and checks
 * the execution's time limit, and internals (names starting with `_`) stay invisible.
 */
import type { Host } from './host';

export interface GasObject {
  readonly gasType: string;
}

const toTarget = new WeakMap<object, object>();
const toProxy = new WeakMap<object, object>();

export function isGasObject(x: unknown): x is GasObject {
  return (
    typeof x === 'object' && x !== null && typeof (x as { gasType?: unknown }).gasType === 'string'
  );
}

export function unwrap<T>(x: T): T {
  if (Array.isArray(x)) {
    const list: unknown[] = x;
    return list.some((v) => typeof v === 'object' && v !== null && toTarget.has(v))
      ? (list.map(unwrap) as T)
      : x;
  }
  if (typeof x === 'object' && x !== null) {
    const t = toTarget.get(x);
    if (t) return t as T;
  }
  return x;
}

export function wrap<T>(host: Host, obj: T): T {
  if (Array.isArray(obj)) {
    const list: unknown[] = obj;
    return list.map((o) => wrap(host, o)) as T;
  }
  if (!isGasObject(obj)) return obj;
  const existing = toProxy.get(obj);
  if (existing) return existing as T;
  const type = obj.gasType;
  const proxy = new Proxy(obj, {
    get(target, prop, receiver) {
      if (typeof prop === 'symbol') return Reflect.get(target, prop, receiver);
      if (prop.startsWith('_') || prop === 'gasType' || prop === 'constructor') return undefined;
      const v = Reflect.get(target, prop, target);
      if (typeof v !== 'function') return v;
      return function gasMethod(...args: unknown[]) {
        host.enter(`${type}.${prop}`);
        try {
          const result = (v as (...a: unknown[]) => unknown).apply(target, args.map(unwrap));
          return wrap(host, result);
        } finally {
          host.exit();
        }
      };
    },
    has(target, prop) {
      return typeof prop === 'string' && !prop.startsWith('_') && prop in target;
    },
    set(target, prop, value) {
      // a template takes its data as properties: `t.items = list` [HTML-COMM]
      if (type !== 'HtmlTemplate' || typeof prop !== 'string' || prop.startsWith('_')) return false;
      return Reflect.set(target, prop, value);
    },
    ownKeys(target) {
      const proto: object = Object.getPrototypeOf(target) as object;
      return Reflect.ownKeys(proto).filter(
        (k) => typeof k === 'string' && !k.startsWith('_') && k !== 'constructor',
      );
    },
    getOwnPropertyDescriptor(target, prop) {
      if (typeof prop !== 'string' || prop.startsWith('_') || prop === 'constructor')
        return undefined;
      const v = Reflect.get(target, prop, target);
      return v === undefined
        ? undefined
        : { value: v, writable: false, enumerable: true, configurable: true };
    },
  });
  toTarget.set(proxy, obj);
  toProxy.set(obj, proxy);
  return proxy;
}
