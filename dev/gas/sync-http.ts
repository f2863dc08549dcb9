/**
 * Synchronous HTTP for UrlFetchApp: a persistent worker thread performs the requests while this
 * thread blocks in Atomics.wait. The server must live in another process (or at least another
 * thread), or the call deadlocks until its timeout. [docs/services.md §7.2]
 */
import { join } from 'node:path';
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

export class SyncHttp {
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private readonly port: MessagePort;
  private readonly worker: Worker;
  constructor(private readonly waitMs = 120000) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(join(__dirname, 'http-worker.js'), {
      workerData: { port: port2, sab: this.flag.buffer },
      transferList: [port2],
    });
    this.worker.unref();
  }
  /** All requests run in parallel; results come back in request order. */
  requestAll(reqs: HttpRequest[]): HttpResult[] {
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage(reqs);
    if (Atomics.wait(this.flag, 0, 0, this.waitMs) === 'timed-out') {
      throw new Error(
        `local HTTP bridge: no answer within ${this.waitMs} ms (is the server running in this thread?)`,
      );
    }
    const msg = receiveMessageOnPort(this.port);
    if (!msg) throw new Error('local HTTP bridge: answer lost');
    return msg.message as HttpResult[];
  }
  close(): Promise<number> {
    return this.worker.terminate();
  }
}
