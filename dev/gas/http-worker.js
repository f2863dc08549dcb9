// Runs in a worker thread: performs the HTTP requests of one UrlFetchApp call (one or many in
// parallel) and hands the results back while the main thread blocks in Atomics.wait.
const { workerData } = require('node:worker_threads');
const http = require('node:http');
const https = require('node:https');

const { port, sab } = workerData;
const flag = new Int32Array(sab);

function one(req) {
  return new Promise((resolve) => {
    const started = Date.now();
    let url;
    try {
      url = new URL(req.url);
    } catch (e) {
      resolve({ ok: false, error: 'invalid', message: String(e && e.message) });
      return;
    }
    const lib = url.protocol === 'https:' ? https : http;
    const body = req.body ? Buffer.from(req.body) : undefined;
    const headers = { ...(req.headers || {}) };
    if (body) headers['content-length'] = String(body.length);
    const r = lib.request(
      url,
      { method: req.method || 'GET', headers, timeout: req.timeoutMs || 60000 },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const buf = Buffer.concat(chunks);
          resolve({
            ok: true,
            status: res.statusCode,
            headers: res.headers,
            rawHeaders: res.rawHeaders,
            body: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength),
            ms: Date.now() - started,
          });
        });
        res.on('error', (e) =>
          resolve({
            ok: false,
            error: 'network',
            message: String(e.message),
            ms: Date.now() - started,
          }),
        );
      },
    );
    r.on('timeout', () => {
      r.destroy();
      resolve({ ok: false, error: 'timeout', message: 'timeout', ms: Date.now() - started });
    });
    r.on('error', (e) =>
      resolve({
        ok: false,
        error: e.code === 'ECONNREFUSED' ? 'refused' : 'network',
        message: String(e.message),
        ms: Date.now() - started,
      }),
    );
    if (body) r.write(body);
    r.end();
  });
}

port.on('message', async (msg) => {
  const out = await Promise.all(msg.map(one));
  port.postMessage(out);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
