/** Blob and Apps Script's byte arrays (Byte[]: numbers from -128 to 127). [UTIL] */
import type { Host } from './host';

export function toSignedBytes(buf: Uint8Array): number[] {
  const out = new Array<number>(buf.length);
  buf.forEach((x, i) => (out[i] = x > 127 ? x - 256 : x));
  return out;
}

export function fromBytes(data: ArrayLike<number>): Buffer {
  const b = Buffer.alloc(data.length);
  for (let i = 0; i < data.length; i++) b[i] = (data[i] ?? 0) & 0xff;
  return b;
}

export function isByteArray(x: unknown): x is number[] {
  return Array.isArray(x) && x.every((n) => typeof n === 'number');
}

/** A Blob holds at most 50 MB [docs/services.md §1.7a: community reports; the exact figure is uncertain] */
export const MAX_BLOB_BYTES = 50 * 1024 * 1024;

export function checkBlobSize(host: Host, bytes: Buffer): Buffer {
  if (bytes.length > MAX_BLOB_BYTES) host.fail('Argument too large: blob (50 MB maximum).');
  return bytes;
}

export class BlobView {
  readonly gasType = 'Blob';
  constructor(
    private readonly _host: Host,
    public _bytes: Buffer,
    public _contentType: string | null = null,
    public _name: string | null = null,
  ) {}
  getBytes(): number[] {
    return toSignedBytes(this._bytes);
  }
  setBytes(data: number[]): this {
    this._bytes = checkBlobSize(this._host, fromBytes(data));
    return this;
  }
  getDataAsString(charset?: string): string {
    return this._bytes.toString(
      charset && /^(iso-8859-1|latin1)$/i.test(charset) ? 'latin1' : 'utf8',
    );
  }
  setDataFromString(s: string, _charset?: string): this {
    this._bytes = Buffer.from(String(s), 'utf8');
    return this;
  }
  getContentType(): string | null {
    return this._contentType;
  }
  setContentType(t: string): this {
    this._contentType = t;
    return this;
  }
  getName(): string | null {
    return this._name;
  }
  setName(n: string): this {
    this._name = n;
    return this;
  }
  copyBlob(): BlobView {
    return new BlobView(this._host, Buffer.from(this._bytes), this._contentType, this._name);
  }
  getBlob(): BlobView {
    return this;
  }
  isGoogleType(): boolean {
    return false;
  }
  getAs(contentType: string): BlobView {
    if (contentType !== this._contentType)
      this._host.fail(`Converting from ${this._contentType} to ${contentType} is not supported.`);
    return this.copyBlob();
  }
}
