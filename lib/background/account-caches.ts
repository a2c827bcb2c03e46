import type { CacheOwner, CacheOwnerStore } from '../cache/cache-owner';
import type { SessionStatus } from '../messaging/protocol';

export interface AccountCachesDeps {
  owner: CacheOwnerStore;
  /** Every cache that keeps what an account's answers said (the sites' snapshots, the token lists). */
  caches: { clear(): Promise<void> }[];
  /** The session as it stands now: read when a change is taken in, not when it was asked for. */
  status: () => Promise<SessionStatus>;
}

/**
 * The caches keep one account's data, never another's: a person who signs out leaves nothing of
 * theirs behind, and one who signs in on a browser another account used (or on another service)
 * never sees that account's lists, not even for the moment a revalidation takes. A session that
 * merely ended (expired, refused), or a sign-in that was refused, keeps them: the same person's
 * stale badges still help, and whoever signs in next is checked against the owner.
 */
export function createAccountCaches(deps: AccountCachesDeps) {
  /** Empties every cache and records whose data fills them from now on (null: nobody's yet). */
  const reset = async (owner: CacheOwner | null) => {
    await Promise.all(deps.caches.map((cache) => cache.clear()));
    await deps.owner.set(owner);
  };
  // One change at a time, in the order they came: two sign-ins in a row must not interleave
  // their owner checks, or the second could keep what the first emptied the caches for.
  let last: Promise<void> = Promise.resolve();
  const inTurn = (work: () => Promise<void>): Promise<void> => {
    const run = last.then(work, work);
    last = run.catch(() => undefined);
    return run;
  };
  return {
    /**
     * After a sign-in (taken or refused) or a change of service: the caches follow the account
     * signed in now. Signed in, they keep their data only if that account filled them; not signed
     * in, only if they came from the service now configured.
     */
    follow: () =>
      inTurn(async () => {
        const [status, before] = await Promise.all([deps.status(), deps.owner.get()]);
        if (!status.signedIn || !status.email) {
          if (before !== null && before.serviceUrl !== status.serviceUrl) await reset(null);
          return;
        }
        const same =
          before !== null &&
          before.serviceUrl === status.serviceUrl &&
          before.email.toLowerCase() === status.email.toLowerCase();
        if (!same) await reset({ serviceUrl: status.serviceUrl, email: status.email });
      }),
    /** The person signed out: nothing of theirs stays. */
    signedOut: () => inTurn(() => reset(null)),
  };
}
export type AccountCaches = ReturnType<typeof createAccountCaches>;
