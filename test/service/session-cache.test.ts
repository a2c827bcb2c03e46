import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PersonalTokenWithValueSchema } from '../../lib/domain/personal-token';
import { MeSchema } from '../../lib/domain/session';
import { createApp } from '../../lib/service/app';
import { createPasswordHasher } from '../../lib/service/auth/password';
import { hashToken } from '../../lib/service/auth/secret-tokens';
import { ensureOwner, SESSION_LIFETIME_MS, signIn, signOut } from '../../lib/service/auth/sessions';
import { createSignInThrottle } from '../../lib/service/auth/sign-in-throttle';
import type { ServiceDeps } from '../../lib/service/deps';
import { IN_PROCESS_HOSTS } from '../../lib/service/host-policy';
import { openStore } from '../../lib/service/store/store';
import { contractService, expectJson, expectProblem } from './support/contract';
import { manualClock, OWNER, silentLogger, TEST_SCRYPT_COST } from './support/test-service';

/**
 * Resolved sessions and personal access tokens are kept in memory between requests
 * (lib/service/auth/authorize.ts) until the data version moves. Every test here first makes the
 * token work, so that it sits in that cache, then takes it away and asks again at once: the very
 * next request must be refused, as if nothing were cached.
 */

type Service = Awaited<ReturnType<typeof contractService>>;
const DAY = 24 * 60 * 60 * 1000;

/** `GET /api/v1/me` with `token`, twice: the first fills the cache, the second is answered from it. */
async function warm(service: Service, token: string): Promise<void> {
  for (let round = 0; round < 2; round++) await expectJson(await service.call('GET', '/me', undefined, token), 200);
}

async function generate(service: Service, body: { expiresAt?: string; scopes?: unknown } = {}) {
  const answer = await service.call('POST', '/personal-tokens', {
    description: 'cached',
    expiresAt: new Date(service.clock.now().getTime() + 30 * DAY).toISOString().slice(0, 10),
    scopes: 'full-access',
    password: OWNER.password,
    ...body,
  });
  return expectJson(answer, 201, PersonalTokenWithValueSchema);
}

const basic = (email: string, token: string) => ({
  Authorization: `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`,
});

describe('a cached session', () => {
  it('is refused by the very next request after signing out', async () => {
    const service = await contractService();
    const token = await service.signIn();
    await warm(service, token);
    expect((await service.call('DELETE', '/sessions/current', undefined, token)).status).toBe(204);
    const after = await service.call('GET', '/me', undefined, token);
    await expectProblem(after, 401, 'unauthorized');
    expect(after.headers.get('WWW-Authenticate')).toBe('Bearer');
    // The other session of the same person is untouched.
    await expectJson(await service.call('GET', '/me'), 200);
  });

  it('is refused through HTTP Basic too, once signed out', async () => {
    const service = await contractService();
    const token = await service.signIn();
    const headers = basic(OWNER.email, token);
    expect((await service.request('GET', '/api/v1/me', { headers })).status).toBe(200);
    await service.call('DELETE', '/sessions/current', undefined, token);
    await expectProblem(await service.request('GET', '/api/v1/me', { headers }), 401, 'unauthorized');
  });

  it('stops working at the moment it expires, not at the next write', async () => {
    const service = await contractService();
    const token = await service.signIn();
    await warm(service, token);
    service.clock.advance(SESSION_LIFETIME_MS - 1);
    await expectJson(await service.call('GET', '/me', undefined, token), 200);
    service.clock.advance(1);
    await expectProblem(await service.call('GET', '/me', undefined, token), 401, 'unauthorized');
  });
});

describe('a cached personal access token', () => {
  it('is refused by the very next request after it is removed', async () => {
    const service = await contractService();
    const pat = await generate(service);
    await warm(service, pat.value);
    await expectJson(
      await service.call('POST', '/personal-tokens/remove', { ids: [pat.id], password: OWNER.password }),
      200,
    );
    await expectProblem(await service.call('GET', '/me', undefined, pat.value), 401, 'unauthorized');
    await expectProblem(
      await service.request('GET', '/api/v1/me', { headers: basic(OWNER.email, pat.value) }),
      401,
      'unauthorized',
    );
  });

  it('is refused by the very next request after it is regenerated, and the new value works', async () => {
    const service = await contractService();
    const pat = await generate(service);
    await warm(service, pat.value);
    const renewed = await expectJson(
      await service.call('POST', `/personal-tokens/${pat.id}/regenerate`, { password: OWNER.password }),
      200,
      PersonalTokenWithValueSchema,
    );
    await expectProblem(await service.call('GET', '/me', undefined, pat.value), 401, 'unauthorized');
    await expectJson(await service.call('GET', '/me', undefined, renewed.value), 200);
  });

  it('loses a scope at once when its scopes are narrowed', async () => {
    const service = await contractService();
    const pat = await generate(service, { scopes: 'full-access' });
    await warm(service, pat.value);
    await expectJson(await service.call('GET', '/audit', undefined, pat.value), 200);
    await expectJson(
      await service.call('PATCH', `/personal-tokens/${pat.id}`, { scopes: ['me.read'], password: OWNER.password }),
      200,
    );
    await expectProblem(await service.call('GET', '/audit', undefined, pat.value), 403, 'insufficient_scope');
    const me = await expectJson(await service.call('GET', '/me', undefined, pat.value), 200, MeSchema);
    expect(me.scopes).toEqual(['me.read']);
  });

  it('stops working at the end of its last day, not at the next write', async () => {
    const service = await contractService();
    const today = service.clock.now().toISOString().slice(0, 10);
    const pat = await generate(service, { expiresAt: today });
    await warm(service, pat.value);
    const endOfDay = Date.parse(`${today}T00:00:00.000Z`) + DAY;
    service.clock.advance(endOfDay - 1 - service.clock.now().getTime());
    // Twice again: the first use after a while notes "last used" (a write), the second is cached after it.
    await warm(service, pat.value);
    service.clock.advance(1);
    await expectProblem(await service.call('GET', '/me', undefined, pat.value), 401, 'unauthorized');
  });
});

describe('a token revoked by another process on the same database file', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('is refused by the next request of this one to arrive after the write', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'token-lens-session-cache-'));
    dirs.push(dir);
    const path = join(dir, 'service.sqlite');
    const clock = manualClock();
    const depsOn = (store: ReturnType<typeof openStore>): ServiceDeps => ({
      store,
      passwords: createPasswordHasher({ cost: TEST_SCRYPT_COST }),
      signInThrottle: createSignInThrottle(clock.now),
      rateLimit: 1_000_000,
      now: clock.now,
      logger: silentLogger,
    });
    const here = depsOn(openStore(path));
    const elsewhere = depsOn(openStore(path));
    try {
      await ensureOwner(here, OWNER.email, OWNER.password);
      const app = createApp(here, () => IN_PROCESS_HOSTS);
      const { token } = await signIn(elsewhere, OWNER.email, OWNER.password, 'test');
      const me = () => app.request('/api/v1/me', { headers: { Authorization: `Bearer ${token}` } });
      for (let round = 0; round < 2; round++) expect((await me()).status).toBe(200);
      // The other process writes through its own connection: this one learns of it only from the file.
      signOut(elsewhere, hashToken(token));
      // A request over a socket arrives in a later turn of the event loop than the write it
      // follows (app.request runs in this one): the version read for this turn is not reused.
      await new Promise((resolve) => setImmediate(resolve));
      await expectProblem(await me(), 401, 'unauthorized');
    } finally {
      here.store.close();
      elsewhere.store.close();
    }
  });
});
