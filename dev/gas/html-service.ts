/**
 * HtmlService: pages from the pushed HTML files (dist/NAME.html), templates with scriptlets
 * (`<? ?>`, `<?= ?>` escaped, `<?!= ?>` raw) evaluated in the script's global scope. [HTML-COMM]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Host } from './host';

export const SandboxMode = { EMULATED: 'EMULATED', IFRAME: 'IFRAME', NATIVE: 'NATIVE' } as const;
export const XFrameOptionsMode = { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' } as const;

function escapeHtml(s: unknown): string {
  return String(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export class HtmlOutputView {
  readonly gasType = 'HtmlOutput';
  _title = '';
  _width?: number;
  _height?: number;
  constructor(private _html: string) {}
  _content(): string {
    return this._html;
  }
  getContent(): string {
    return this._html;
  }
  setContent(c: string): this {
    this._html = String(c);
    return this;
  }
  append(c: string): this {
    this._html += String(c);
    return this;
  }
  appendUntrusted(c: string): this {
    this._html += escapeHtml(c);
    return this;
  }
  clear(): this {
    this._html = '';
    return this;
  }
  setTitle(t: string): this {
    this._title = String(t);
    return this;
  }
  getTitle(): string {
    return this._title;
  }
  setWidth(w: number): this {
    this._width = w;
    return this;
  }
  setHeight(h: number): this {
    this._height = h;
    return this;
  }
  getWidth(): number | undefined {
    return this._width;
  }
  getHeight(): number | undefined {
    return this._height;
  }
  setSandboxMode(_m: string): this {
    return this;
  }
  setXFrameOptionsMode(_m: string): this {
    return this;
  }
  addMetaTag(_n: string, _c: string): this {
    return this;
  }
  setFaviconUrl(_u: string): this {
    return this;
  }
  getAs(_t: string): never {
    throw new Error('HtmlOutput.getAs is not supported by the local runtime');
  }
}

/**
 * Where a printing scriptlet stands decides its escaping, as Google's contextual escaper does:
 * inside <script> a value becomes a JavaScript literal, elsewhere HTML text or attribute text.
 */
type EscapeContext = 'html' | 'attr' | 'js';

function contextAt(before: string): EscapeContext {
  const lower = before.toLowerCase();
  if (lower.lastIndexOf('<script') > lower.lastIndexOf('</script')) {
    // inside the opening tag of a script element it is still an attribute
    const open = lower.lastIndexOf('<script');
    return !lower.includes('>', open) ? 'attr' : 'js';
  }
  return before.lastIndexOf('<') > before.lastIndexOf('>') ? 'attr' : 'html';
}

/** `<?= value ?>` in its context. */
export function escapeFor(value: unknown, context: EscapeContext): string {
  if (context !== 'js') return escapeHtml(value);
  const json = JSON.stringify(value === undefined ? null : value) ?? 'null';
  return json
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export class HtmlTemplateView {
  readonly gasType = 'HtmlTemplate';
  [key: string]: unknown;
  constructor(
    private readonly _src: string,
    private readonly _compile: (code: string) => (data: object) => string,
  ) {}
  getCode(): string {
    return this._toCode();
  }
  private _toCode(): string {
    let code = 'let __out = ""; with (__data) {\n';
    const re = /<\?(!?=)?([\s\S]*?)\?>/g;
    let last = 0;
    for (const m of this._src.matchAll(re)) {
      code += `__out += ${JSON.stringify(this._src.slice(last, m.index))};\n`;
      const context = contextAt(this._src.slice(0, m.index));
      if (m[1] === '=') code += `__out += __esc(${m[2]}, ${JSON.stringify(context)});\n`;
      else if (m[1] === '!=') code += `__out += String(${m[2]});\n`;
      else code += `${m[2]}\n`;
      last = (m.index ?? 0) + m[0].length;
    }
    code += `__out += ${JSON.stringify(this._src.slice(last))};\n} return __out;`;
    return code;
  }
  evaluate(): HtmlOutputView {
    const data: Record<string, unknown> = {};
    for (const k of Object.keys(this)) if (!k.startsWith('_') && k !== 'gasType') data[k] = this[k];
    return new HtmlOutputView(this._compile(this._toCode())(data));
  }
}

export class HtmlServiceView {
  readonly gasType = 'HtmlService';
  readonly SandboxMode = SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode;
  constructor(
    private readonly _host: Host,
    private readonly _dir: string,
    private readonly _compile: (code: string) => (data: object) => string,
  ) {}
  private _file(name: string): string {
    const path = join(this._dir, `${name}.html`);
    if (!existsSync(path)) this._host.fail(`No HTML file named ${name} was found.`);
    return readFileSync(path, 'utf8');
  }
  createHtmlOutput(html = ''): HtmlOutputView {
    return new HtmlOutputView(String(html));
  }
  createHtmlOutputFromFile(name: string): HtmlOutputView {
    return new HtmlOutputView(this._file(name));
  }
  createTemplate(src: string): HtmlTemplateView {
    return new HtmlTemplateView(String(src), this._compile);
  }
  createTemplateFromFile(name: string): HtmlTemplateView {
    return new HtmlTemplateView(this._file(name), this._compile);
  }
}

export { escapeHtml };
