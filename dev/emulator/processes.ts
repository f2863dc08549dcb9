/**
 * Starting an emulator in its own process (a server the synchronous UrlFetchApp waits on must
 * never share the waiting thread) and calling its control API.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface EmulatorProcess {
  url: string;
  port: number;
  /** everything the emulator printed up to its PORT line (token, chat id, …) */
  output: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Runs `node [execArgv] script [args]` and waits for its "PORT n" line. */
export function startServerProcess(
  script: string,
  args: string[] = [],
  execArgv: string[] = [],
): Promise<EmulatorProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...execArgv, script, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buf = '';
    const onData = (d: Buffer) => {
      buf += d.toString();
      const m = /PORT (\d+)/.exec(buf);
      if (!m) return;
      child.stdout?.off('data', onData);
      const port = Number(m[1]);
      resolve({
        url: `http://127.0.0.1:${port}`,
        port,
        output: buf,
        process: child,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout?.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`${script} exited with ${code} before listening`)),
    );
  });
}

/** Runs `dev/<name>/cli.ts` with tsx. */
export function startEmulatorProcess(
  name: 'amocrm' | 'telegram',
  args: string[] = [],
  /** Node options, e.g. a bigger heap for a 100 k-lead account */
  execArgv: string[] = [],
): Promise<EmulatorProcess> {
  return startServerProcess(
    join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
    [join(ROOT, 'dev', name, 'cli.ts'), ...args],
    execArgv,
  );
}

/**
 * GET (no body) or POST (JSON body) to an emulator's /_emulator/ control path. A new connection
 * each time: a pooled keep-alive socket the server closed while this thread was blocked in a
 * long synchronous script call (the BigQuery stand-in's queries) fails as "other side closed".
 */
export function control<T = Record<string, unknown>>(
  url: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const text = body === undefined ? undefined : JSON.stringify(body);
  return new Promise<T>((resolve, reject) => {
    const req = request(
      `${url}/_emulator/${path}`,
      {
        method: text === undefined ? 'GET' : 'POST',
        agent: false,
        headers: text === undefined ? {} : { 'content-type': 'application/json' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as T);
          } catch (e) {
            reject(e instanceof Error ? e : new Error(String(e)));
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}
