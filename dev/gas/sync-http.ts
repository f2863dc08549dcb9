/**
 * Synchronous HTTP for UrlFetchApp: a worker thread performs the requests while this thread
 * blocks in Atomics.wait. The server must live in another process (or at least another thread),
 * or the call deadlocks until its timeout. [docs/services.md §7.2]
 *
 * Starting a worker thread costs about as much as a hundred requests (measured: ~135 ms for a new
 * worker and its first request, ~1.3 ms for a request on a warm one), and the tests start
 * hundreds of runtimes, one per replayed execution. So a closed runtime's worker goes back to a
 * pool in this process and the next runtime takes it; an idle one ends after a few seconds. A
 * worker carries nothing of one runtime into the next: each call waits for all of its answers,
 * and a worker whose call was abandoned (the bridge's own timeout) is never reused.
 */
import { join } from 'node:path';
import { setTimeout as realTimeout } from 'node:timers';
import {
  MessageChannel,
  receiveMessageOnPort,
  Worker,
  type MessagePort,
} from 'node:worker_threads';

export interface HttpRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: Uint8Array;
  timeoutMs?: number;
}

export type HttpResult =
  | {
      ok: true;
      status: number;
      headers: Record<string, string | string[]>;
      rawHeaders: string[];
      body: Uint8Array;
      ms: number;
    }
  | {
      ok: false;
      error: 'timeout' | 'refused' | 'network' | 'invalid';
      message: string;
      ms?: number;
    };

/** One worker thread and the channel this thread waits on. */
interface Bridge {
  flag: Int32Array;
  port: MessagePort;
  worker: Worker;
  /** ends the worker if it stays idle in the pool */
  idleTimer?: ReturnType<typeof realTimeout>;
}

/** How long an idle worker waits in the pool for the next runtime before it ends. */
const IDLE_MS = 3000;
const idle: Bridge[] = [];

function newBridge(): Bridge {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(join(__dirname, 'http-worker.js'), {
    workerData: { port: port2, sab: flag.buffer },
    transferList: [port2],
  });
  worker.unref();
  return { flag, port: port1, worker };
}

function takeBridge(): Bridge {
  const b = idle.pop();
  if (!b) return newBridge();
  clearTimeout(b.idleTimer);
  b.idleTimer = undefined;
  return b;
}

function returnBridge(b: Bridge): void {
  idle.push(b);
  // node's own timer (never a test's fake one), unref'd: it must not keep the process alive
  b.idleTimer = realTimeout(() => {
    const i = idle.indexOf(b);
    if (i >= 0) idle.splice(i, 1);
    void b.worker.terminate();
  }, IDLE_MS).unref();
}

export class SyncHttp {
  private bridge: Bridge | null = takeBridge();
  /** a call was abandoned: its answer may still come, so the worker is not reused */
  private abandoned = false;
  constructor(private readonly waitMs = 120000) {}
  /** All requests run in parallel; results come back in request order. */
  requestAll(reqs: HttpRequest[]): HttpResult[] {
    const b = this.bridge;
    if (!b) throw new Error('local HTTP bridge: closed');
    Atomics.store(b.flag, 0, 0);
    b.port.postMessage(reqs);
    if (Atomics.wait(b.flag, 0, 0, this.waitMs) === 'timed-out') {
      this.abandoned = true;
      throw new Error(
        `local HTTP bridge: no answer within ${this.waitMs} ms (is the server running in this thread?)`,
      );
    }
    const msg = receiveMessageOnPort(b.port);
    if (!msg) throw new Error('local HTTP bridge: answer lost');
    return msg.message as HttpResult[];
  }
  async close(): Promise<void> {
    const b = this.bridge;
    this.bridge = null;
    if (!b) return;
    if (this.abandoned) await b.worker.terminate();
    else returnBridge(b);
  }
}
