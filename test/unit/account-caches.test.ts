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
  // The session as the worker would read it; each step sets it, then tells the caches.
  const statuses: SessionStatus[] = [];
  let current: SessionStatus = signedOut;
  const status = vi.fn(async () => statuses.shift() ?? current);
  const caches = createAccountCaches({ owner, caches: [sites, tokens], status });
  const cleared = () => [sites.clear.mock.calls.length, tokens.clear.mock.calls.length];
  const followAs = (now: SessionStatus) => {
    current = now;
    return caches.follow();
  };
  return { db, owner, caches, cleared, followAs, statuses };
}

describe('the caches follow the account signed in', () => {
  it('keep what the same account filled when it signs in again (any case of its email)', async () => {
    const { owner, cleared, followAs } = setup();
    await followAs(signedIn('owner@acme.example'));
    expect(cleared()).toEqual([1, 1]);
    await expect(owner.get()).resolves.toEqual({ serviceUrl: SERVICE, email: 'owner@acme.example' });
    await followAs(signedIn('Owner@Acme.example'));
    expect(cleared()).toEqual([1, 1]);
  });

  it('empty every cache when another account signs in, and remember the new owner', async () => {
    const { owner, cleared, followAs } = setup();
    await followAs(signedIn('owner@acme.example'));
    await followAs(signedIn('tester@acme.example'));
    expect(cleared()).toEqual([2, 2]);
    await expect(owner.get()).resolves.toEqual({ serviceUrl: SERVICE, email: 'tester@acme.example' });
  });

  it('empty every cache when the same email signs in on another service', async () => {
    const { cleared, followAs } = setup();
    await followAs(signedIn('owner@acme.example'));
    await followAs(signedIn('owner@acme.example', 'http://127.0.0.1:9999'));
    expect(cleared()).toEqual([2, 2]);
  });

  it('empty every cache on signing out, and forget the owner, so that the next sign-in starts clean too', async () => {
    const { owner, caches, cleared, followAs } = setup();
    await followAs(signedIn('owner@acme.example'));
    await caches.signedOut();
    expect(cleared()).toEqual([2, 2]);
    await expect(owner.get()).resolves.toBeNull();
    await followAs(signedIn('owner@acme.example'));
    expect(cleared()).toEqual([3, 3]);
  });

  // Review finding: a refused sign-in after the session had ended emptied every cache.
  it('keep everything through a session that ended and a sign-in refused on the same service', async () => {
    const { owner, cleared, followAs } = setup();
    await followAs(signedIn('owner@acme.example'));
    // The session ended (expired), then a wrong password: not signed in, on the same service.
    await followAs(signedOut);
    expect(cleared()).toEqual([1, 1]);
    await expect(owner.get()).resolves.toEqual({ serviceUrl: SERVICE, email: 'owner@acme.example' });
    // The same person signs in at last: still nothing emptied.
    await followAs(signedIn('owner@acme.example'));
    expect(cleared()).toEqual([1, 1]);
  });

  it('empty every cache when the service changes, signed in or not', async () => {
    const { owner, cleared, followAs } = setup();
    await followAs(signedIn('owner@acme.example'));
    await followAs(signedOutStatus('http://127.0.0.1:9999'));
    expect(cleared()).toEqual([2, 2]);
    await expect(owner.get()).resolves.toBeNull();
  });

  // Review finding: follows were not serialised, so two in a row could read the same owner.
  it('take changes one at a time, each with the session as it stands when its turn comes', async () => {
    const { owner, cleared, followAs, caches, statuses } = setup();
    await followAs(signedIn('owner@acme.example'));
    // The tester signs in, then the owner again, both before either change is taken in.
    statuses.push(signedIn('tester@acme.example'), signedIn('owner@acme.example'));
    await Promise.all([caches.follow(), caches.follow()]);
    // Tester's sign-in emptied the owner's data, the owner's emptied the tester's.
    expect(cleared()).toEqual([3, 3]);
    await expect(owner.get()).resolves.toEqual({ serviceUrl: SERVICE, email: 'owner@acme.example' });
  });

  it('read an owner record that does not parse as no owner: the caches are emptied, not trusted', async () => {
    const { db, owner, cleared, followAs } = setup();
    await (await db).put('meta', { email: 42 }, 'owner');
    await expect(owner.get()).resolves.toBeNull();
    await followAs(signedIn('owner@acme.example'));
    expect(cleared()).toEqual([1, 1]);
  });
});
