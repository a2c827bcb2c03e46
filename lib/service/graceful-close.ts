import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** Node keeps the answer a socket is busy with on it (its own closeIdleConnections reads the same). */
type HttpSocket = Socket & { _httpMessage?: ServerResponse | null };

/**
 * Tracks the open sockets so that closing can end every idle one at once — including a
 * browser's pre-connected sockets that never sent a request, which Node would otherwise keep until
 * its header timeout — while requests in flight finish (up to `graceMs`). Nothing is done per
 * request: whether a socket is busy is asked only when closing.
 */
export function trackConnections(server: Server) {
  const sockets = new Set<HttpSocket>();
  server.on('connection', (socket: HttpSocket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  /** Ends `socket` once it is answering nothing (a pipelined request's answer is waited for too). */
  const endWhenIdle = (socket: HttpSocket) => {
    const answer = socket._httpMessage;
    if (answer && !answer.closed) answer.once('close', () => endWhenIdle(socket));
    else socket.destroy();
  };
  return {
    close(graceMs: number): Promise<void> {
      return new Promise<void>((resolve) => {
        const deadline = setTimeout(() => {
          for (const socket of sockets) socket.destroy();
        }, graceMs);
        server.close(() => {
          clearTimeout(deadline);
          resolve();
        });
        for (const socket of sockets) endWhenIdle(socket);
      });
    },
  };
}
