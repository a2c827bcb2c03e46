import type { IDBPDatabase } from 'idb';
import { z } from 'zod';
import type { CacheSchema } from './cache-db';

const OWNER_KEY = 'owner';

/** The account whose answers fill the cache: one service, one person there. */
export const CacheOwnerSchema = z.object({ serviceUrl: z.string(), email: z.string() });
export type CacheOwner = z.infer<typeof CacheOwnerSchema>;

/**
 * Whose account the cached sites and token lists came from, kept beside them in IndexedDB (not in
 * `storage.local`, which content scripts can read). A record that does not parse reads as no owner.
 */
export function createCacheOwnerStore(db: Promise<IDBPDatabase<CacheSchema>>) {
  return {
    async get(): Promise<CacheOwner | null> {
      const parsed = CacheOwnerSchema.safeParse(await (await db).get('meta', OWNER_KEY));
      return parsed.success ? parsed.data : null;
    },
    async set(owner: CacheOwner | null): Promise<void> {
      if (owner) await (await db).put('meta', CacheOwnerSchema.parse(owner), OWNER_KEY);
      else await (await db).delete('meta', OWNER_KEY);
    },
  };
}
export type CacheOwnerStore = ReturnType<typeof createCacheOwnerStore>;
