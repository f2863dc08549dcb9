/** Starts a server script as a child process and waits for its "PORT n" line. */
import { spawn, type ChildProcess } from 'node:child_process';

export interface ChildServer {
  url: string;
  /** what the server printed up to its PORT line */
  output: string;
  port: number;
  stop(): Promise<void>;
  process: ChildProcess;
}

export function startChildServer(
  script: string,
  args: string[] = [],
  execArgv: string[] = [],
): Promise<ChildServer> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...execArgv, script, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buf = '';
    const onData = (d: Buffer) => {
      buf += d.toString();
      const m = /PORT (\d+)/.exec(buf);
      if (m) {
        child.stdout?.off('data', onData);
        const port = Number(m[1]);
        resolve({
          url: `http://127.0.0.1:${port}`,
          output: buf,
          port,
          process: child,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout?.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`${script} exited with ${code} before listening`)),
    );
  });
}
