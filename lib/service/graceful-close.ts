import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Tracks which sockets are busy so that closing can end every idle one at once — including a
 * browser's pre-connected sockets that never sent a request, which Node would otherwise keep until
 * its header timeout — while requests in flight finish (up to `graceMs`).
 */
export function trackConnections(server: Server) {
  const active = new Map<Socket, number>();
  let closing = false;
  server.on('connection', (socket: Socket) => {
    active.set(socket, 0);
    socket.once('close', () => active.delete(socket));
  });
  server.on('request', (request, response) => {
    const socket = request.socket;
    active.set(socket, (active.get(socket) ?? 0) + 1);
    response.once('close', () => {
      const left = (active.get(socket) ?? 1) - 1;
      active.set(socket, left);
      if (closing && left === 0) socket.destroy();
    });
  });
  return {
    close(graceMs: number): Promise<void> {
      closing = true;
      return new Promise<void>((resolve) => {
        const deadline = setTimeout(() => {
          for (const socket of active.keys()) socket.destroy();
        }, graceMs);
        server.close(() => {
          clearTimeout(deadline);
          resolve();
        });
        for (const [socket, requests] of active) if (requests === 0) socket.destroy();
      });
    },
  };
}
