/** Small HTTP helpers shared by the emulators. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  contentType = 'application/json',
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    ...(text ? { 'content-type': `${contentType}; charset=utf-8` } : {}),
    ...headers,
  });
  res.end(text);
}

/**
 * PHP-style query strings as amoCRM reads them: `filter[statuses][0][pipeline_id]=1`,
 * `filter[id][]=1&filter[id][]=2`, `order[id]=desc`.
 */
export type QueryValue = string | QueryValue[] | { [k: string]: QueryValue };

export function parseQuery(qs: string): Record<string, QueryValue> {
  const root: Record<string, QueryValue> = {};
  if (!qs) return root;
  for (const part of qs.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const rawKey = decodeURIComponent((eq < 0 ? part : part.slice(0, eq)).replace(/\+/g, ' '));
    const value = decodeURIComponent((eq < 0 ? '' : part.slice(eq + 1)).replace(/\+/g, ' '));
    const m = /^([^[]+)((?:\[[^\]]*\])*)$/.exec(rawKey);
    if (!m) continue;
    const path = [
      m[1] ?? '',
      ...[...(m[2] ?? '').matchAll(/\[([^\]]*)\]/g)].map((x) => x[1] ?? ''),
    ];
    let node: Record<string, QueryValue> | QueryValue[] = root;
    for (let i = 0; i < path.length; i++) {
      const key = path[i] ?? '';
      const last = i === path.length - 1;
      if (Array.isArray(node)) {
        if (last) node.push(value);
        else {
          const child: Record<string, QueryValue> = {};
          node.push(child);
          node = child;
        }
        continue;
      }
      if (last) {
        node[key] = value;
      } else {
        const nextIsPush = path[i + 1] === '';
        let child: QueryValue | undefined = node[key];
        if (child === undefined || typeof child === 'string') {
          child = nextIsPush ? [] : {};
          node[key] = child;
        }
        node = child;
      }
    }
  }
  return root;
}

/** A filter value as a list: `1`, `1,2`, `[1,2]`, `{0: 1, 1: 2}` → ['1','2']. */
export function asList(v: QueryValue | undefined): string[] {
  if (v === undefined) return [];
  if (typeof v === 'string') return v === '' ? [] : v.split(',').map((s) => s.trim());
  if (Array.isArray(v)) return v.flatMap((x) => asList(x));
  return Object.values(v).flatMap((x) => asList(x));
}

export function obj(v: QueryValue | undefined): Record<string, QueryValue> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
}
