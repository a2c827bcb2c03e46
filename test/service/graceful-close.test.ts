import { once } from 'node:events';
import { createServer, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { trackConnections } from '../../lib/service/graceful-close';

/**
 * Closing the service (SIGTERM): idle sockets end at once — a finished keep-alive one, and one
 * that never sent a request — while a request in flight gets its whole answer. graceful-close.ts
 * asks whether a socket is busy only when closing, so that nothing is tracked per request.
 */
/** A promise and the function that settles it (Node 20 has no Promise.withResolvers). */
function signal() {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((settle) => {
    resolve = settle;
  });
  return { promise, resolve: () => resolve() };
}

describe('closing the HTTP server', () => {
  it('ends idle sockets at once and lets a request in flight finish', async () => {
    const held = signal();
    const inFlight = signal();
    const server = createServer((incoming, outgoing) => {
      if (incoming.url === '/slow') {
        inFlight.resolve();
        void held.promise.then(() => outgoing.end('finished'));
      } else outgoing.end('quick');
    });
    const connections = trackConnections(server);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;

    const raw = (path: string) => `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\n\r\n`;
    const open = async (): Promise<Socket> => {
      const socket = connect(port, '127.0.0.1');
      await once(socket, 'connect');
      return socket;
    };
    const ended = (socket: Socket) => new Promise<void>((resolve) => socket.once('close', () => resolve()));

    // A keep-alive socket whose request is answered, and one that never sends anything.
    const idle = await open();
    idle.write(raw('/quick'));
    await once(idle, 'data');
    const unused = await open();
    const idleEnded = ended(idle);
    const unusedEnded = ended(unused);

    // A request the server is still working on.
    const answer = new Promise<string>((resolve, reject) => {
      request({ port, host: '127.0.0.1', path: '/slow' }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => {
          body += chunk.toString();
        });
        response.on('end', () => resolve(body));
      })
        .on('error', reject)
        .end();
    });
    await inFlight.promise;

    const closed = connections.close(60_000);
    // The idle sockets end while the request in flight is still held.
    await Promise.all([idleEnded, unusedEnded]);
    held.resolve();
    expect(await answer).toBe('finished');
    await closed;
  });
});
