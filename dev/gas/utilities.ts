/** Utilities: dates, sleep, base64, digests, blobs, gzip. [UTIL] */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Host } from './host';
import { isDate } from './host';
import { BlobView, checkBlobSize, fromBytes, isByteArray, toSignedBytes } from './blob';
import { formatSimpleDate, parseSimpleDate } from './simple-date-format';
import { isValidTimeZone } from './zoned-time';

export const Charset = { UTF_8: 'UTF_8', US_ASCII: 'US_ASCII' } as const;
export const DigestAlgorithm = {
  MD2: 'MD2',
  MD5: 'MD5',
  SHA_1: 'SHA_1',
  SHA_256: 'SHA_256',
  SHA_384: 'SHA_384',
  SHA_512: 'SHA_512',
} as const;
export const MacAlgorithm = {
  HMAC_MD5: 'HMAC_MD5',
  HMAC_SHA_1: 'HMAC_SHA_1',
  HMAC_SHA_256: 'HMAC_SHA_256',
  HMAC_SHA_384: 'HMAC_SHA_384',
  HMAC_SHA_512: 'HMAC_SHA_512',
} as const;
const NODE_HASH: Record<string, string> = {
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};

/** Utilities.sleep accepts at most 5 minutes. [UTIL] */
export const MAX_SLEEP_MS = 300000;

function toBuffer(v: unknown): Buffer {
  if (isByteArray(v)) return fromBytes(v);
  return Buffer.from(String(v), 'utf8');
}

export class UtilitiesView {
  readonly gasType = 'Utilities';
  readonly Charset = Charset;
  readonly DigestAlgorithm = DigestAlgorithm;
  readonly MacAlgorithm = MacAlgorithm;
  constructor(private readonly _host: Host) {}
  formatDate(date: Date, timeZone: string, format: string): string {
    if (!isDate(date))
      this._host.fail("The parameters don't match the method signature for Utilities.formatDate.");
    if (!isValidTimeZone(timeZone)) this._host.fail(`Invalid argument: timeZone`);
    return formatSimpleDate(date.getTime(), timeZone, format);
  }
  parseDate(date: string, timeZone: string, format: string): Date {
    const ms = parseSimpleDate(date, timeZone, format);
    if (ms === null) this._host.fail(`Unparseable date: "${date}"`);
    return this._host.makeDate(ms);
  }
  formatString(template: string, ...args: unknown[]): string {
    let i = 0;
    return template.replace(
      /%(-?\d*)(?:\.(\d+))?([sdif%])/g,
      (_m, _w: string, prec: string | undefined, t: string) => {
        if (t === '%') return '%';
        const a = args[i++];
        if (t === 's') return String(a);
        if (t === 'd' || t === 'i') return String(Math.trunc(Number(a)));
        return prec !== undefined ? Number(a).toFixed(Number(prec)) : String(Number(a));
      },
    );
  }
  sleep(ms: number): void {
    if (ms > MAX_SLEEP_MS) this._host.fail('Sleep time must be between 0 and 300000 milliseconds.');
    this._host.clock.sleep(Math.max(0, ms));
  }
  getUuid(): string {
    return randomUUID();
  }
  base64Encode(data: unknown, _charset?: string): string {
    return toBuffer(data).toString('base64');
  }
  base64EncodeWebSafe(data: unknown, _charset?: string): string {
    return toBuffer(data).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  }
  base64Decode(s: string, _charset?: string): number[] {
    return toSignedBytes(Buffer.from(String(s), 'base64'));
  }
  base64DecodeWebSafe(s: string, _charset?: string): number[] {
    return toSignedBytes(Buffer.from(String(s).replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
  }
  computeDigest(algorithm: string, value: unknown, _charset?: string): number[] {
    const alg = NODE_HASH[algorithm];
    if (!alg) this._host.fail(`Invalid argument: algorithm`);
    return toSignedBytes(createHash(alg).update(toBuffer(value)).digest());
  }
  computeHmacSignature(
    algorithm: string,
    value: unknown,
    key: unknown,
    _charset?: string,
  ): number[] {
    const alg = NODE_HASH[String(algorithm).replace('HMAC_', '')];
    if (!alg) this._host.fail(`Invalid argument: algorithm`);
    return toSignedBytes(createHmac(alg, toBuffer(key)).update(toBuffer(value)).digest());
  }
  computeHmacSha256Signature(value: unknown, key: unknown, charset?: string): number[] {
    return this.computeHmacSignature('HMAC_SHA_256', value, key, charset);
  }
  newBlob(data: unknown, contentType?: string, name?: string): BlobView {
    return new BlobView(
      this._host,
      checkBlobSize(this._host, toBuffer(data ?? '')),
      contentType ?? null,
      name ?? null,
    );
  }
  gzip(blob: BlobView, name?: string): BlobView {
    return new BlobView(
      this._host,
      gzipSync(blob._bytes),
      'application/x-gzip',
      name ?? `${blob._name ?? 'archive'}.gz`,
    );
  }
  ungzip(blob: BlobView): BlobView {
    let bytes: Buffer;
    try {
      bytes = gunzipSync(blob._bytes);
    } catch {
      return this._host.fail('Invalid argument: blob is not gzipped');
    }
    return new BlobView(
      this._host,
      checkBlobSize(this._host, bytes),
      null,
      blob._name?.replace(/\.gz$/, '') ?? null,
    );
  }
  jsonParse(s: string): unknown {
    return JSON.parse(s);
  }
  jsonStringify(o: unknown): string {
    return JSON.stringify(o);
  }
  parseCsv(csv: string, delimiter = ','): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < csv.length; i++) {
      const ch = csv[i];
      if (quoted) {
        if (ch === '"' && csv[i + 1] === '"') {
          field += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else field += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === delimiter) {
        row.push(field);
        field = '';
      } else if (ch === '\n' || ch === '\r') {
        if (ch === '\r' && csv[i + 1] === '\n') i++;
        row.push(field);
        rows.push(row);
        row = [];
        field = '';
      } else field += ch;
    }
    if (field !== '' || row.length) {
      row.push(field);
      rows.push(row);
    }
    return rows;
  }
}
