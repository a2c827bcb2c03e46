import { describe, expect, it, vi } from 'vitest';
import { createAccountCaches } from '../../lib/background/account-caches';
import { openCacheDb } from '../../lib/cache/cache-db';
import { createCacheOwnerStore } from '../../lib/cache/cache-owner';
import type { SessionStatus } from '../../lib/messaging/protocol';
import { signedOutStatus } from '../support/session-status';

const SERVICE = 'http://127.0.0.1:4747';

const signedIn = (email: string, serviceUrl = SERVICE): SessionStatus => ({
  serviceUrl,
  signedIn: true,
  via: 'session',
  notice: null,
  email,
  role: 'owner',
  expiresAt: '2026-12-02T21:00:00.000Z',
  persistent: false,
});
const signedOut = signedOutStatus(SERVICE);

function setup() {
  const db = openCacheDb();
  const owner = createCacheOwnerStore(db);
  const sites = { clear: vi.fn(async () => undefined) };
  const tokens = { clear: vi.fn(async () => undefined) };
  const caches = createAccountCaches({ owner, caches: [sites, tokens] });
  const cleared = () => [sites.clear.mock.calls.length, tokens.clear.mock.calls.length];
  return { db, owner, caches, cleared };
}

describe('the caches follow the account signed in', () => {
  it('keep what the same account filled when it signs in again (any case of its email)', async () => {
    const { owner, caches, cleared } = setup();
    await caches.follow(signedIn('owner@acme.example'));
    expect(cleared()).toEqual([1, 1]);
    await expect(owner.get()).resolves.toEqual({ serviceUrl: SERVICE, email: 'owner@acme.example' });
    await caches.follow(signedIn('Owner@Acme.example'));
    expect(cleared()).toEqual([1, 1]);
  });

  it('empty every cache when another account signs in, and remember the new owner', async () => {
    const { owner, caches, cleared } = setup();
    await caches.follow(signedIn('owner@acme.example'));
    await caches.follow(signedIn('tester@acme.example'));
    expect(cleared()).toEqual([2, 2]);
    await expect(owner.get()).resolves.toEqual({ serviceUrl: SERVICE, email: 'tester@acme.example' });
  });

  it('empty every cache when the same email signs in on another service', async () => {
    const { caches, cleared } = setup();
    await caches.follow(signedIn('owner@acme.example'));
    await caches.follow(signedIn('owner@acme.example', 'http://127.0.0.1:9999'));
    expect(cleared()).toEqual([2, 2]);
  });

  it('empty every cache on signing out, and forget the owner, so that the next sign-in starts clean too', async () => {
    const { owner, caches, cleared } = setup();
    await caches.follow(signedIn('owner@acme.example'));
    await caches.follow(signedOut);
    expect(cleared()).toEqual([2, 2]);
    await expect(owner.get()).resolves.toBeNull();
    await caches.follow(signedIn('owner@acme.example'));
    expect(cleared()).toEqual([3, 3]);
  });

  it('read an owner record that does not parse as no owner: the caches are emptied, not trusted', async () => {
    const { db, owner, caches, cleared } = setup();
    await (await db).put('meta', { email: 42 }, 'owner');
    await expect(owner.get()).resolves.toBeNull();
    await caches.follow(signedIn('owner@acme.example'));
    expect(cleared()).toEqual([1, 1]);
  });
});
