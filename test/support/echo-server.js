// A small HTTP server for UrlFetchApp tests, run as a child process (a server in the test's own
// thread would deadlock the synchronous fetch). It echoes each request and tracks concurrency.
const http = require('node:http');
let inFlight = 0;
let maxInFlight = 0;
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/_stats') {
      inFlight--;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ maxInFlight }));
      return;
    }
    if (url.pathname === '/_reset') {
      inFlight--;
      maxInFlight = 0;
      res.end('ok');
      return;
    }
    const delay = Number(url.searchParams.get('delay') || 0);
    const status = Number(url.searchParams.get('status') || 200);
    setTimeout(() => {
      inFlight--;
      const body = Buffer.concat(chunks);
      res.statusCode = status;
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.setHeader('x-echo', 'yes');
      res.end(
        JSON.stringify({
          method: req.method,
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          headers: req.headers,
          body: body.toString('utf8'),
          bodyBase64: body.toString('base64'),
        }),
      );
    }, delay);
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`PORT ${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
