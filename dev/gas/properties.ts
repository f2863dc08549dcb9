/**
 * PropertiesService: three string stores with Apps Script's limits — 9 KB per value and 500 KB
 * per store, counting key bytes too. [Q] [PROPS-GUIDE]; tanaike 2023-05-22 on key bytes.
 */
import type { Host } from './host';

export const VALUE_LIMIT_BYTES = 9 * 1024;
export const STORE_LIMIT_BYTES = 500 * 1024;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

export class PropertiesView {
  readonly gasType = 'Properties';
  constructor(
    private readonly _host: Host,
    readonly _data: Record<string, string>,
  ) {}
  private _size(data: Record<string, string>): number {
    let n = 0;
    for (const [k, v] of Object.entries(data)) n += bytes(k) + bytes(v);
    return n;
  }
  private _commit(next: Record<string, string>): void {
    for (const [k, v] of Object.entries(next)) {
      if (bytes(v) > VALUE_LIMIT_BYTES) this._host.fail('Argument too large: value');
      if (bytes(k) > VALUE_LIMIT_BYTES) this._host.fail('Argument too large: key');
    }
    if (this._size(next) > STORE_LIMIT_BYTES) {
      this._host.fail(
        'You have exceeded the property storage quota. Please remove some properties and try again.',
      );
    }
    for (const k of Object.keys(this._data)) delete this._data[k];
    Object.assign(this._data, next);
  }
  getProperty(key: string): string | null {
    return Object.prototype.hasOwnProperty.call(this._data, key) ? (this._data[key] ?? null) : null;
  }
  getProperties(): Record<string, string> {
    return { ...this._data };
  }
  getKeys(): string[] {
    return Object.keys(this._data);
  }
  setProperty(key: string, value: unknown): this {
    if (key === null || key === undefined || key === '') this._host.fail('Invalid argument: key');
    this._commit({ ...this._data, [String(key)]: String(value) });
    return this;
  }
  setProperties(props: Record<string, unknown>, deleteAllOthers = false): this {
    const next: Record<string, string> = deleteAllOthers ? {} : { ...this._data };
    for (const [k, v] of Object.entries(props)) next[k] = String(v);
    this._commit(next);
    return this;
  }
  deleteProperty(key: string): this {
    delete this._data[key];
    return this;
  }
  deleteAllProperties(): this {
    for (const k of Object.keys(this._data)) delete this._data[k];
    return this;
  }
}

export interface PropertyStores {
  script: Record<string, string>;
  user: Record<string, string>;
  document: Record<string, string>;
}

export class PropertiesServiceView {
  readonly gasType = 'PropertiesService';
  constructor(
    private readonly _host: Host,
    private readonly _stores: () => PropertyStores,
  ) {}
  getScriptProperties(): PropertiesView {
    return new PropertiesView(this._host, this._stores().script);
  }
  getUserProperties(): PropertiesView {
    return new PropertiesView(this._host, this._stores().user);
  }
  getDocumentProperties(): PropertiesView {
    return new PropertiesView(this._host, this._stores().document);
  }
}
