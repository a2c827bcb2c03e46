import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

/**
 * The throughput figure's yardsticks, answering every request with the same bytes and headers
 * the service sent for the benchmarked request, from memory:
 * - `bare`: node:http alone (the figure's 100 %);
 * - `hono`: the service's own stack with nothing of the service in it — one Hono route on
 *   @hono/node-server, the headers set as a handler sets them — the floor under any Hono service.
 * Usage: bare-server.ts BODY_FILE HEADERS_JSON [bare|hono]
 */
const [bodyFile, headersJson, mode = 'bare'] = process.argv.slice(2);
if (!bodyFile || !headersJson || (mode !== 'bare' && mode !== 'hono')) {
  throw new Error('usage: bare-server.ts BODY_FILE HEADERS_JSON [bare|hono]');
}
const body = readFileSync(bodyFile);
const answerHeaders = JSON.parse(headersJson) as Record<string, string>;

const announce = (port: number) => console.log(`${mode} server listening on http://127.0.0.1:${port}`);

let close: (done: () => void) => void;
if (mode === 'bare') {
  const headers = { ...answerHeaders, 'content-length': String(body.length) };
  const server = createServer((_request, response) => {
    response.writeHead(200, headers);
    response.end(body);
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    announce(typeof address === 'object' && address ? address.port : 0);
  });
  close = (done) => {
    server.close(done);
    server.closeAllConnections();
  };
} else {
  const app = new Hono();
  app.get('*', (c) => c.body(body, 200, answerHeaders));
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => announce(info.port));
  close = (done) => {
    server.close(done);
    if ('closeAllConnections' in server) server.closeAllConnections();
  };
}
process.on('SIGTERM', () => close(() => process.exit(0)));
