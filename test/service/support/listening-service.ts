import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { createApp } from '../../../lib/service/app';
import { createPasswordHasher } from '../../../lib/service/auth/password';
import { ensureOwner } from '../../../lib/service/auth/sessions';
import { createSignInThrottle } from '../../../lib/service/auth/sign-in-throttle';
import { seedDemoData } from '../../../lib/service/demo-data';
import type { ServiceDeps } from '../../../lib/service/deps';
import { type HostPolicy, hostPolicyFor } from '../../../lib/service/host-policy';
import { openStore } from '../../../lib/service/store/store';
import { answeringUnreadableRequests } from '../../../lib/service/unreadable-requests';
import { OWNER, TEST_SCRYPT_COST } from './test-service';

/**
 * The whole service listening on a free loopback port over a temp SQLite file, in this process, as
 * lib/service/server.ts starts it, but with the tests' cheap password hashing: requests go over
 * real sockets (each from the address it names), and the file can be read beside it. What it logs
 * as an error is kept, for tests that assert nothing went wrong inside.
 */
export async function listeningService(options: { owner?: { email: string; password: string } } = {}) {
  const owner = options.owner ?? OWNER;
  const dir = mkdtempSync(join(tmpdir(), 'token-lens-listening-'));
  const dbPath = join(dir, 'service.sqlite');
  const store = openStore(dbPath);
  const logged: string[] = [];
  const now = () => new Date();
  const deps: ServiceDeps = {
    store,
    passwords: createPasswordHasher({ cost: TEST_SCRYPT_COST }),
    signInThrottle: createSignInThrottle(now),
    rateLimit: 1_000_000_000,
    now,
    logger: {
      info: () => undefined,
      error: (message, error) => logged.push(`${message} ${error instanceof Error ? error.stack : (error ?? '')}`),
    },
  };
  await ensureOwner(deps, owner.email, owner.password);
  await seedDemoData(deps);
  let hosts: HostPolicy | undefined;
  const app = createApp(deps, () => hosts ?? hostPolicyFor({ bind: '127.0.0.1', port: 0 }));
  const createServer = answeringUnreadableRequests(app.fetch, { hostname: '127.0.0.1', logger: deps.logger });
  const server = await new Promise<ServerType>((resolve) => {
    const listening = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1', createServer }, () =>
      resolve(listening),
    );
  });
  const { port } = server.address() as AddressInfo;
  hosts = hostPolicyFor({ bind: '127.0.0.1', port });
  return {
    url: `http://127.0.0.1:${port}`,
    dbPath,
    owner,
    logged: () => [...logged],
    /** The app's route table (method and path of every route and middleware). */
    routes: () => app.routes.map((route) => ({ method: route.method, path: route.path })),
    /** What the service logged as an unexpected fault (its 500 `internal` answers). */
    faults: () => logged.filter((line) => line.startsWith('unexpected fault')),
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
