/**
 * A small raster for chart pictures: an RGB canvas with rectangles, lines and text (letters from
 * glyphs-data.ts, rendered once by Chromium), encoded as a PNG (zlib from Node). Synchronous, so
 * `EmbeddedChart.getAs('image/png')` can return its Blob inside the script call, as Apps Script does.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import { GLYPH_CHARS, GLYPH_FACES } from './glyphs-data';

export type FaceName = keyof typeof GLYPH_FACES;

interface Face {
  height: number;
  baseline: number;
  widths: readonly number[];
  offsets: number[];
  stride: number;
  alpha: Buffer;
}

const faces = new Map<FaceName, Face>();
const INDEX = new Map<string, number>([...GLYPH_CHARS].map((ch, i) => [ch, i]));

function face(name: FaceName): Face {
  const known = faces.get(name);
  if (known) return known;
  const f = GLYPH_FACES[name];
  const offsets: number[] = [];
  let x = 0;
  for (const w of f.widths) {
    offsets.push(x);
    x += w;
  }
  const made: Face = {
    height: f.height,
    baseline: f.baseline,
    widths: f.widths,
    offsets,
    stride: x,
    alpha: inflateSync(Buffer.from(f.data, 'base64')),
  };
  faces.set(name, made);
  return made;
}

/** A letter the strip lacks is drawn as «?», so a picture never silently drops a name's letter. */
function glyphIndex(ch: string): number {
  return INDEX.get(ch) ?? INDEX.get('?') ?? 0;
}

export function parseColor(c: string): [number, number, number] {
  const m = /^#?([0-9a-f]{6})$/i.exec(c.trim());
  if (!m) return [0x42, 0x85, 0xf4];
  const n = parseInt(m[1] ?? '0', 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export class Raster {
  readonly px: Buffer;
  constructor(
    readonly width: number,
    readonly height: number,
    background = '#ffffff',
  ) {
    this.px = Buffer.alloc(width * height * 3);
    this.fillRect(0, 0, width, height, background);
  }

  private blend(x: number, y: number, rgb: [number, number, number], a: number): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height || a <= 0) return;
    const i = (y * this.width + x) * 3;
    for (let k = 0; k < 3; k++) {
      const old = this.px[i + k] ?? 0;
      this.px[i + k] = Math.round(old + ((rgb[k] ?? 0) - old) * Math.min(1, a));
    }
  }

  fillRect(x: number, y: number, w: number, h: number, color: string): void {
    const rgb = parseColor(color);
    const x0 = Math.max(0, Math.round(x));
    const y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(this.width, Math.round(x + w));
    const y1 = Math.min(this.height, Math.round(y + h));
    for (let yy = y0; yy < y1; yy++) for (let xx = x0; xx < x1; xx++) this.blend(xx, yy, rgb, 1);
  }

  /** A line of the given width (a dot stamped along it: enough for axes and a trend line). */
  line(x0: number, y0: number, x1: number, y1: number, color: string, width = 1): void {
    const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0)));
    const r = width / 2;
    for (let s = 0; s <= steps; s++) {
      const x = x0 + ((x1 - x0) * s) / steps;
      const y = y0 + ((y1 - y0) * s) / steps;
      this.fillRect(x - r, y - r, width, width, color);
    }
  }

  textWidth(text: string, faceName: FaceName = 'regular'): number {
    const f = face(faceName);
    let w = 0;
    for (const ch of text) w += f.widths[glyphIndex(ch)] ?? 0;
    return w;
  }

  /** The text shortened with «…» to fit maxWidth. */
  fit(text: string, maxWidth: number, faceName: FaceName = 'regular'): string {
    if (this.textWidth(text, faceName) <= maxWidth) return text;
    const chars = [...text];
    while (chars.length && this.textWidth(`${chars.join('')}…`, faceName) > maxWidth) chars.pop();
    return `${chars.join('').trimEnd()}…`;
  }

  /** Text with its top-left at (x, y); align moves x to the text's right end or middle. */
  text(
    text: string,
    x: number,
    y: number,
    color = '#202124',
    faceName: FaceName = 'regular',
    align: 'left' | 'right' | 'center' = 'left',
  ): void {
    const f = face(faceName);
    const rgb = parseColor(color);
    const w = this.textWidth(text, faceName);
    let cx = Math.round(align === 'right' ? x - w : align === 'center' ? x - w / 2 : x);
    const top = Math.round(y);
    for (const ch of text) {
      const g = glyphIndex(ch);
      const gw = f.widths[g] ?? 0;
      const off = f.offsets[g] ?? 0;
      for (let yy = 0; yy < f.height; yy++)
        for (let xx = 0; xx < gw; xx++) {
          const a = f.alpha[yy * f.stride + off + xx] ?? 0;
          if (a) this.blend(cx + xx, top + yy, rgb, a / 255);
        }
      cx += gw;
    }
  }

  lineHeight(faceName: FaceName = 'regular'): number {
    return face(faceName).height;
  }

  png(): Buffer {
    const raw = Buffer.alloc((this.width * 3 + 1) * this.height);
    for (let y = 0; y < this.height; y++) {
      raw[y * (this.width * 3 + 1)] = 0; // filter: none
      this.px.copy(raw, y * (this.width * 3 + 1) + 1, y * this.width * 3, (y + 1) * this.width * 3);
    }
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(this.width, 0);
    ihdr.writeUInt32BE(this.height, 4);
    ihdr[8] = 8; // bit depth
    ihdr[9] = 2; // truecolour
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(raw)),
      chunk('IEND', Buffer.alloc(0)),
    ]);
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (const x of b) c = (CRC_TABLE[(c ^ x) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
