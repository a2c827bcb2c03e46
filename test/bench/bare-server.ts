import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

/**
 * The throughput figure's yardstick: a bare node:http server answering every request with the
 * same bytes and headers the service sent for the benchmarked request, from memory.
 * Usage: bare-server.ts BODY_FILE HEADERS_JSON
 */
const [bodyFile, headersJson] = process.argv.slice(2);
if (!bodyFile || !headersJson) throw new Error('usage: bare-server.ts BODY_FILE HEADERS_JSON');
const body = readFileSync(bodyFile);
const headers = { ...(JSON.parse(headersJson) as Record<string, string>), 'content-length': String(body.length) };

const server = createServer((_request, response) => {
  response.writeHead(200, headers);
  response.end(body);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(`bare server listening on http://127.0.0.1:${port}`);
});
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
