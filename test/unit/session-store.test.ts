import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { clearSession, readSession, type StoredSession, saveSession } from '../../lib/background/session-store';

const session = (overrides: Partial<StoredSession> = {}): StoredSession => ({
  token: 'tls_secret',
  kind: 'session',
  expiresAt: '2026-11-01T21:00:00.000Z',
  email: 'owner@acme.example',
  role: 'owner',
  serviceUrl: 'http://127.0.0.1:4747',
  persistent: false,
  ...overrides,
});
const BEFORE_EXPIRY = new Date('2026-11-01T12:00:00.000Z');
const AFTER_EXPIRY = new Date('2026-11-01T21:00:00.001Z');

async function persisted(): Promise<unknown> {
  const db = await openDB('token-lens-secrets', 1, { upgrade: (database) => database.createObjectStore('session') });
  const value = await db.get('session', 'session');
  db.close();
  return value;
}

describe('session store', () => {
  it('keeps a session in storage.session only, never in storage.local', async () => {
    await saveSession(session());
    await expect(readSession(BEFORE_EXPIRY)).resolves.toEqual(session());
    await expect(fakeBrowser.storage.local.get(null)).resolves.toEqual({});
    await expect(persisted()).resolves.toBeUndefined();
  });

  it('with Stay signed in, also in the extension’s own IndexedDB, and reads it back after a restart', async () => {
    await saveSession(session({ persistent: true }));
    await expect(persisted()).resolves.toEqual(session({ persistent: true }));
    // A browser restart empties storage.session.
    await fakeBrowser.storage.session.clear();
    await expect(readSession(BEFORE_EXPIRY)).resolves.toEqual(session({ persistent: true }));
    await expect(fakeBrowser.storage.local.get(null)).resolves.toEqual({});
  });

  it('notices an expired session, forgets it everywhere and answers signed out', async () => {
    await saveSession(session({ persistent: true }));
    await expect(readSession(AFTER_EXPIRY)).resolves.toBeUndefined();
    await expect(fakeBrowser.storage.session.get('session')).resolves.toEqual({});
    await expect(persisted()).resolves.toBeUndefined();
  });

  it('drops a stored session that does not parse', async () => {
    await fakeBrowser.storage.session.set({ session: { token: 42 } });
    await expect(readSession(BEFORE_EXPIRY)).resolves.toBeUndefined();
    await expect(fakeBrowser.storage.session.get('session')).resolves.toEqual({});
  });

  it('signs out by forgetting the session in both places', async () => {
    await saveSession(session({ persistent: true }));
    await clearSession();
    await expect(readSession(BEFORE_EXPIRY)).resolves.toBeUndefined();
    await expect(persisted()).resolves.toBeUndefined();
  });
});
