import { createApp } from '../../../lib/service/app';
import { ensureOwner } from '../../../lib/service/auth/sessions';
import { seedDemoData } from '../../../lib/service/demo-data';
import type { Logger, ServiceDeps } from '../../../lib/service/deps';
import { IN_PROCESS_HOSTS } from '../../../lib/service/host-policy';
import { openStore } from '../../../lib/service/store/store';

export const OWNER = { email: 'owner@test.example', password: 'owner-password-1' };

/** A clock the test moves by hand. */
export function manualClock(start = new Date('2026-11-01T09:00:00.000Z')) {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(ms: number) {
      current += ms;
    },
  };
}

export const silentLogger: Logger & { errors: string[] } = {
  errors: [],
  info: () => undefined,
  error(message) {
    this.errors.push(message);
  },
};

/** The whole HTTP app on an in-memory database, with the bootstrap owner and (by default) demo data. */
export async function testService(options: { demo?: boolean } = {}) {
  const clock = manualClock();
  const store = openStore(':memory:');
  const deps: ServiceDeps = { store, now: clock.now, logger: silentLogger };
  await ensureOwner(deps, OWNER.email, OWNER.password);
  if (options.demo ?? true) await seedDemoData(deps);
  const app = createApp(deps, () => IN_PROCESS_HOSTS);

  const request = (
    method: string,
    path: string,
    init: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) =>
    app.request(path, {
      method,
      headers: {
        ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
        ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...init.headers,
      },
      ...(init.body !== undefined
        ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }
        : {}),
    });

  const signIn = async (who: { email: string; password: string } = OWNER): Promise<string> => {
    const response = await request('POST', '/api/v1/sessions', { body: who });
    if (response.status !== 201) throw new Error(`sign-in failed with ${response.status}: ${await response.text()}`);
    return ((await response.json()) as { token: string }).token;
  };

  return { app, deps, store, clock, request, signIn };
}
