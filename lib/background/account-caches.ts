import type { CacheOwnerStore } from '../cache/cache-owner';
import type { SessionStatus } from '../messaging/protocol';

export interface AccountCachesDeps {
  owner: CacheOwnerStore;
  /** Every cache that keeps what an account's answers said (the sites' snapshots, the token lists). */
  caches: { clear(): Promise<void> }[];
}

/**
 * The caches keep one account's data, never another's: a person who signs out leaves nothing of
 * theirs behind, and one who signs in on a browser another account used (or on another service)
 * never sees that account's lists, not even for the moment a revalidation takes. A session that
 * merely ended (expired, refused) keeps them: the same person's stale badges still help, and
 * whoever signs in next is checked against the owner.
 */
export function createAccountCaches(deps: AccountCachesDeps) {
  const clearAll = () => Promise.all(deps.caches.map((cache) => cache.clear()));
  return {
    /** After the person signed in or out, or changed the service: the caches follow the account now signed in. */
    async follow(status: SessionStatus): Promise<void> {
      const now = status.signedIn && status.email ? { serviceUrl: status.serviceUrl, email: status.email } : null;
      if (now) {
        const before = await deps.owner.get();
        const same =
          before !== null &&
          before.serviceUrl === now.serviceUrl &&
          before.email.toLowerCase() === now.email.toLowerCase();
        if (same) return;
      }
      await clearAll();
      await deps.owner.set(now);
    },
  };
}
export type AccountCaches = ReturnType<typeof createAccountCaches>;
