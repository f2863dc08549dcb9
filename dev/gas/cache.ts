/** CacheService: 250-char keys, 100 KB values, 1 s … 6 h expiry, at most 1000 items. [CACHE] */
import type { Host } from './host';

interface Entry {
  value: string;
  expires: number;
}

const MAX_VALUE = 100 * 1024;

export class CacheView {
  readonly gasType = 'Cache';
  constructor(
    private readonly _host: Host,
    private readonly _m: Map<string, Entry>,
  ) {}
  private _live(key: string): Entry | undefined {
    const e = this._m.get(key);
    if (e && e.expires <= this._host.clock.now()) {
      this._m.delete(key);
      return undefined;
    }
    return e;
  }
  get(key: string): string | null {
    return this._live(key)?.value ?? null;
  }
  getAll(keys: string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const k of keys) {
      const v = this.get(k);
      if (v !== null) out[k] = v;
    }
    return out;
  }
  put(key: string, value: string, expirationInSeconds = 600): void {
    if (String(key).length > 250) this._host.fail('Argument too large: key');
    if (Buffer.byteLength(String(value)) > MAX_VALUE) this._host.fail('Argument too large: value');
    const secs = Math.min(Math.max(expirationInSeconds, 1), 21600);
    this._m.set(String(key), {
      value: String(value),
      expires: this._host.clock.now() + secs * 1000,
    });
    if (this._m.size > 1000) {
      // Keeps the 900 items farthest from expiry. [CACHE]
      const keep = [...this._m.entries()].sort((a, b) => b[1].expires - a[1].expires).slice(0, 900);
      this._m.clear();
      for (const [k, e] of keep) this._m.set(k, e);
    }
  }
  putAll(values: Record<string, string>, expirationInSeconds = 600): void {
    for (const [k, v] of Object.entries(values)) this.put(k, v, expirationInSeconds);
  }
  remove(key: string): void {
    this._m.delete(key);
  }
  removeAll(keys: string[]): void {
    for (const k of keys) this._m.delete(k);
  }
}

export class CacheServiceView {
  readonly gasType = 'CacheService';
  private readonly _caches = {
    script: new Map<string, Entry>(),
    user: new Map<string, Entry>(),
    document: new Map<string, Entry>(),
  };
  constructor(private readonly _host: Host) {}
  getScriptCache(): CacheView {
    return new CacheView(this._host, this._caches.script);
  }
  getUserCache(): CacheView {
    return new CacheView(this._host, this._caches.user);
  }
  getDocumentCache(): CacheView {
    return new CacheView(this._host, this._caches.document);
  }
}
