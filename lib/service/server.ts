import type { Server } from 'node:http';
import { type ServerType, serve } from '@hono/node-server';
import { createApp } from './app';
import { createPasswordHasher } from './auth/password';
import { ensureOwner } from './auth/sessions';
import { createSignInThrottle } from './auth/sign-in-throttle';
import type { ServiceConfig } from './config';
import { isEmpty, seedDemoData } from './demo-data';
import type { Logger, ServiceDeps } from './deps';
import { trackConnections } from './graceful-close';
import { type HostPolicy, hostPolicyFor } from './host-policy';
import { openStore } from './store/store';
import { answeringUnreadableRequests } from './unreadable-requests';

export interface RunningService {
  url: string;
  deps: ServiceDeps;
  /** Set when demo data was seeded into a new database: the generated owner's credentials, shown once. */
  demoOwner?: { email: string; password: string };
  close(): Promise<void>;
}

/** How long in-flight requests get to finish on SIGTERM before their connections are cut. */
const SHUTDOWN_GRACE_MS = 10_000;

export const consoleLogger: Logger = {
  info: (message) => console.log(message),
  error: (message, error) => console.error(message, error instanceof Error ? error.stack : (error ?? '')),
};

/** Opens the database, ensures the bootstrap owner, optionally seeds demo data, and listens. */
export async function startService(config: ServiceConfig, logger: Logger = consoleLogger): Promise<RunningService> {
  const store = openStore(config.db, (reason) => logger.error(`storage lost: ${reason}`));
  const now = () => new Date();
  const deps: ServiceDeps = {
    store,
    passwords: createPasswordHasher(),
    signInThrottle: createSignInThrottle(now),
    rateLimit: config.rateLimit,
    now,
    logger,
  };
  if (config.ownerEmail && config.ownerPassword) await ensureOwner(deps, config.ownerEmail, config.ownerPassword);
  const demoOwner = config.seedDemo && isEmpty(deps) ? await seedDemoData(deps) : undefined;

  // The port is known only once listening (`--port 0`); no request is answered before that.
  let hosts: HostPolicy | undefined;
  const app = createApp(deps, () => hosts ?? hostPolicyFor({ bind: config.host, port: config.port }));
  // Requests the adapter cannot read get problems too, not its bare 400 (unreadable-requests.ts).
  const createServer = answeringUnreadableRequests(app.fetch, { hostname: config.host, logger });
  const server = await new Promise<ServerType>((resolve) => {
    const listening = serve({ fetch: app.fetch, port: config.port, hostname: config.host, createServer }, () =>
      resolve(listening),
    );
  });
  const connections = trackConnections(server as Server);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  hosts = hostPolicyFor({
    bind: config.host,
    port,
    ...(config.publicOrigin ? { publicOrigin: config.publicOrigin } : {}),
  });
  const shownHost = config.host.includes(':') ? `[${config.host}]` : config.host;

  return {
    url: `http://${shownHost}:${port}`,
    deps,
    ...(demoOwner ? { demoOwner } : {}),
    close: async () => {
      await connections.close(SHUTDOWN_GRACE_MS);
      store.close();
    },
  };
}
