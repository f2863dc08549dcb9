/**
 * Sidebars and dialogs in a real browser, wired to the local runtime as Google wires them: the
 * page runs in a sandboxed iframe of another origin (Google's sandbox flags: no top navigation)
 * inside a host page that stands for the spreadsheet; `google.script.run` calls travel through
 * the parent frame to the runtime, each one its own execution, at most 10 in flight, answered in
 * a seeded random order; requests to any other address are blocked and listed.
 * [docs/services.md §4.2, §4.3]
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { pageClientScript } from './page-client';
import type { GasRuntime } from './runtime';
import type { ShownPage } from './spreadsheet/ui';

/** Google's sandbox keywords for an Apps Script page in a container-bound script [SANDBOX]. */
export const SANDBOX_FLAGS =
  'allow-same-origin allow-forms allow-scripts allow-popups allow-downloads allow-modals allow-popups-to-escape-sandbox';
/** Calls waiting beyond this many in flight wait for a free slot [HTML-COMM]. */
export const MAX_IN_FLIGHT = 10;

export interface PageCall {
  name: string;
  args: unknown[];
  ok: boolean;
  /** what the page received: the value, or the failure's message */
  answer: unknown;
  /** order of arrival and of completion, 1-based */
  started: number;
  completed: number;
  maxInFlight: number;
}

export interface OpenedPage {
  page: Page;
  /** the Apps Script page itself (inside the sandboxed iframe) */
  frame: Frame;
  closed: () => boolean;
  hostEvents: Array<{ op: string; value?: number }>;
}

interface Queued {
  name: string;
  args: unknown[];
  reply: (body: object) => void;
}

/** mulberry32: a small seeded generator, so a failing order can be replayed */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

export class PageHarness {
  readonly calls: PageCall[] = [];
  /** requests the pages made to any other address (all refused) */
  readonly blocked: string[] = [];
  private server: Server | null = null;
  private port = 0;
  private readonly pages = new Map<
    string,
    { html: string; width: number; height: number; dialog: boolean }
  >();
  private readonly events = new Map<string, Array<{ op: string; value?: number }>>();
  private readonly queue: Queued[] = [];
  private inFlight = 0;
  private started = 0;
  private completed = 0;
  private nextPage = 1;
  private readonly random: () => number;

  constructor(
    private readonly rt: GasRuntime,
    private readonly context: BrowserContext,
    private readonly opts: {
      seed?: number;
      maxDelayMs?: number;
      /** the person using these pages: each call runs as them (two people, two harnesses) */
      user?: string;
    } = {},
  ) {
    this.random = seeded(opts.seed ?? 1);
  }

  private get hostOrigin(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  private get pageOrigin(): string {
    return `http://localhost:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    await this.context.route('**/*', async (route) => {
      const url = route.request().url();
      if (url.startsWith(`${this.hostOrigin}/`) || url.startsWith(`${this.pageOrigin}/`))
        return route.continue();
      this.blocked.push(url);
      return route.abort('blockedbyclient');
    });
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = null;
  }

  /** The names google.script.run offers: top-level functions of the pushed code, none ending in _. */
  private publishedNames(): string[] {
    return this.rt.publishedFunctions();
  }

  /** Opens a page the script showed (a sidebar 300 px wide, or a dialog of its size). */
  async open(
    shown: Pick<ShownPage, 'kind' | 'html' | 'width' | 'height'>,
    /** a taller sidebar frame, to capture a whole section in one picture (width stays 300) */
    opts: { sidebarHeight?: number } = {},
  ): Promise<OpenedPage> {
    const id = String(this.nextPage++);
    const width = shown.kind === 'sidebar' ? 300 : (shown.width ?? 600);
    const height = shown.kind === 'sidebar' ? (opts.sidebarHeight ?? 760) : (shown.height ?? 400);
    this.pages.set(id, { html: shown.html, width, height, dialog: shown.kind !== 'sidebar' });
    this.events.set(id, []);
    const page = await this.context.newPage();
    await page.setViewportSize({ width: Math.max(width + 40, 360), height: height + 40 });
    await page.goto(`${this.hostOrigin}/host/${id}`);
    const frame = await (await page.waitForSelector('iframe')).contentFrame();
    if (!frame) throw new Error('the page frame did not load');
    await frame.waitForLoadState('load');
    const events = this.events.get(id) ?? [];
    return { page, frame, closed: () => events.some((e) => e.op === 'close'), hostEvents: events };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.hostOrigin);
    const host = req.headers.host ?? '';
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    const parts = url.pathname.split('/').filter(Boolean);
    if (parts[0] === 'host' && parts[1] && host.startsWith('127.0.0.1')) {
      const p = this.pages.get(parts[1]);
      if (!p) return send(404, 'text/plain', 'no such page');
      return send(200, 'text/html; charset=utf-8', this.hostPage(parts[1], p));
    }
    if (parts[0] === 'page' && parts[1] && host.startsWith('localhost')) {
      const p = this.pages.get(parts[1]);
      if (!p) return send(404, 'text/plain', 'no such page');
      return send(200, 'text/html; charset=utf-8', this.userPage(p.html));
    }
    if (parts[0] === 'run' && req.method === 'POST' && host.startsWith('127.0.0.1')) {
      const body = JSON.parse(await readBody(req)) as { name: string; args: unknown[] };
      this.queue.push({
        name: body.name,
        args: body.args,
        reply: (out) => send(200, 'application/json', JSON.stringify(out)),
      });
      this.pump();
      return;
    }
    if (parts[0] === 'event' && parts[1] && req.method === 'POST') {
      const body = JSON.parse(await readBody(req)) as { op: string; value?: number };
      this.events.get(parts[1])?.push(body);
      return send(204, 'text/plain', '');
    }
    send(404, 'text/plain', 'not found');
  }

  /** Starts queued calls while fewer than 10 are in flight; each answer comes after a random delay. */
  private pump(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.queue.length) {
      const call = this.queue.shift();
      if (!call) return;
      this.inFlight++;
      const started = ++this.started;
      const peak = this.inFlight;
      let out: { ok: true; value: unknown } | { ok: false; message: string };
      const before = this.rt.user;
      if (this.opts.user) this.rt.user = this.opts.user;
      try {
        out = { ok: true, value: this.rt.callFromClient(call.name, ...call.args) };
      } catch (e) {
        out = { ok: false, message: e instanceof Error ? e.message : String(e) };
      } finally {
        this.rt.user = before;
      }
      const delay = Math.floor(this.random() * (this.opts.maxDelayMs ?? 30));
      setTimeout(() => {
        this.inFlight--;
        this.calls.push({
          name: call.name,
          args: call.args,
          ok: out.ok,
          answer: out.ok ? (out.value ?? null) : out.message,
          started,
          completed: ++this.completed,
          maxInFlight: peak,
        });
        call.reply(out.ok ? { ok: true, value: out.value ?? null } : out);
        this.pump();
      }, delay);
    }
  }

  private userPage(html: string): string {
    const script = `<script>${pageClientScript(this.publishedNames(), this.hostOrigin)}</script>`;
    const head = /<head[^>]*>/i.exec(html);
    if (head) return html.replace(head[0], `${head[0]}${script}`);
    return script + html;
  }

  private hostPage(
    id: string,
    { width, height, dialog }: { width: number; height: number; dialog: boolean },
  ): string {
    return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Spreadsheet</title>
<style>body{margin:0;background:#f1f3f4;font-family:sans-serif}iframe{border:0;background:#fff;display:block;margin:20px}</style>
</head><body>
<iframe id="page" sandbox="${SANDBOX_FLAGS}" width="${width}" height="${height}" src="${this.pageOrigin}/page/${id}"></iframe>
<script>
(function () {
  var frame = document.getElementById('page');
  var PAGE_ORIGIN = ${JSON.stringify(this.pageOrigin)};
  window.addEventListener('message', function (ev) {
    if (ev.origin !== PAGE_ORIGIN || ev.source !== frame.contentWindow || !ev.data) return;
    var m = ev.data;
    if (m.type === 'gas-run') {
      fetch('/run', { method: 'POST', body: JSON.stringify({ name: m.name, args: m.args }) })
        .then(function (r) { return r.json(); })
        .then(function (out) {
          frame.contentWindow.postMessage({ type: 'gas-result', id: m.id, ok: out.ok, value: out.value, message: out.message }, PAGE_ORIGIN);
        });
    } else if (m.type === 'gas-host') {
      var dialog = ${JSON.stringify(dialog)}; // a sidebar keeps its 300 px
      if (m.op === 'setWidth' && dialog) frame.width = m.value;
      if (m.op === 'setHeight' && dialog) frame.height = m.value;
      if (m.op === 'close') frame.style.display = 'none';
      fetch('/event/${id}', { method: 'POST', body: JSON.stringify({ op: m.op, value: m.value }) });
    }
  });
})();
</script></body></html>`;
  }
}
