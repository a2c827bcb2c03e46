import { type DBSchema, openDB } from 'idb';
import { browser } from 'wxt/browser';
import { z } from 'zod';

/**
 * Where the service session lives: `storage.session` (memory only; content scripts cannot read it),
 * and with *Stay signed in* also the extension origin's own IndexedDB, which no content script can
 * reach. Never `storage.local`, which content scripts can read.
 */
export const StoredSessionSchema = z.object({
  token: z.string(),
  /** A session from email and password, or a personal access token pasted in (stored before: sessions). */
  kind: z.enum(['session', 'personal-token']).default('session'),
  expiresAt: z.iso.datetime(),
  email: z.string(),
  role: z.string(),
  serviceUrl: z.string(),
  persistent: z.boolean(),
});
export type StoredSession = z.infer<typeof StoredSessionSchema>;

const SESSION_KEY = 'session';

interface SecretsSchema extends DBSchema {
  session: { key: string; value: unknown };
}

const openSecretsDb = () =>
  openDB<SecretsSchema>('token-lens-secrets', 1, {
    upgrade(db) {
      db.createObjectStore('session');
    },
  });

export async function readSession(now: Date = new Date()): Promise<StoredSession | undefined> {
  const inMemory = await browser.storage.session.get(SESSION_KEY);
  let raw: unknown = inMemory[SESSION_KEY];
  if (raw === undefined) {
    const db = await openSecretsDb();
    raw = await db.get('session', SESSION_KEY);
    db.close();
  }
  if (raw === undefined) return undefined;
  const session = StoredSessionSchema.safeParse(raw);
  if (!session.success || Date.parse(session.data.expiresAt) <= now.getTime()) {
    await clearSession();
    return undefined;
  }
  if (inMemory[SESSION_KEY] === undefined) await browser.storage.session.set({ [SESSION_KEY]: session.data });
  return session.data;
}

export async function saveSession(session: StoredSession): Promise<void> {
  await browser.storage.session.set({ [SESSION_KEY]: StoredSessionSchema.parse(session) });
  const db = await openSecretsDb();
  if (session.persistent) await db.put('session', session, SESSION_KEY);
  else await db.delete('session', SESSION_KEY);
  db.close();
}

const NOTICE_KEY = 'signedOutNotice';

/** Why the person was signed out without asking (a token the service no longer accepts), until they sign in again. */
export async function saveSignOutNotice(notice: string): Promise<void> {
  await browser.storage.session.set({ [NOTICE_KEY]: notice });
}

export async function readSignOutNotice(): Promise<string | null> {
  const stored = (await browser.storage.session.get(NOTICE_KEY))[NOTICE_KEY];
  return typeof stored === 'string' ? stored : null;
}

export async function clearSignOutNotice(): Promise<void> {
  await browser.storage.session.remove(NOTICE_KEY);
}

export async function clearSession(): Promise<void> {
  await browser.storage.session.remove(SESSION_KEY);
  const db = await openSecretsDb();
  await db.delete('session', SESSION_KEY);
  db.close();
}
