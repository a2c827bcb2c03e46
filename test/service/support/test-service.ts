import { SessionSchema } from '../../../lib/domain/session';
import { createApp } from '../../../lib/service/app';
import { createPasswordHasher, type PasswordHasher } from '../../../lib/service/auth/password';
import { ensureOwner } from '../../../lib/service/auth/sessions';
import { createSignInThrottle } from '../../../lib/service/auth/sign-in-throttle';
import { seedDemoData } from '../../../lib/service/demo-data';
import type { Logger, ServiceDeps } from '../../../lib/service/deps';
import { IN_PROCESS_HOSTS } from '../../../lib/service/host-policy';
import { openStore } from '../../../lib/service/store/store';
import { parsed } from './answers';

/**
 * Hundreds of in-process services each hash a few passwords: at the production cost (2^17, most of
 * a second each) the suite would take many minutes. The cost is a parameter of the hasher, and the
 * production default has tests of its own (passwords.test.ts); real service processes use it.
 */
export const TEST_SCRYPT_COST = { N: 2 ** 12, r: 8, p: 1 };
const TEST_PASSWORDS = createPasswordHasher({ cost: TEST_SCRYPT_COST });

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
export async function testService(options: { demo?: boolean; passwords?: PasswordHasher; rateLimit?: number } = {}) {
  const clock = manualClock();
  const store = openStore(':memory:');
  const deps: ServiceDeps = {
    store,
    passwords: options.passwords ?? TEST_PASSWORDS,
    signInThrottle: createSignInThrottle(clock.now),
    // Suites send hundreds of requests with one token in a moment; the limit has tests of its own.
    rateLimit: options.rateLimit ?? 1_000_000,
    now: clock.now,
    logger: silentLogger,
  };
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
    return (await parsed(response, SessionSchema)).token;
  };

  return { app, deps, store, clock, request, signIn };
}
