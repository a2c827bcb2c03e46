import type { IDBPDatabase } from 'idb';
import { z } from 'zod';
import { MaskedTokenSchema } from '../domain/access-token';
import { AppKeySchema } from '../domain/identifiers';
import type { CacheSchema } from './cache-db';

/** One app's token list as the cache keeps it: masked values only, never a secret. */
export const AppTokensRecordSchema = z.object({
  appKey: AppKeySchema,
  tokens: z.array(MaskedTokenSchema),
  active: z.number().int(),
  limit: z.number().int(),
  fetchedAt: z.iso.datetime(),
});
export type AppTokensRecord = z.infer<typeof AppTokensRecordSchema>;

/**
 * Each app's token list in IndexedDB, and the lists this worker has read or written since it
 * started in memory too: the popup asks for the cached list on every open, and reading 1,000
 * tokens back and parsing them again cost the worker more than the rest of its answer. Only
 * this cache writes the store, so what it holds in memory is what the store holds; a record read
 * from the store is parsed once, when first read. (Records are shared, not copied: callers do
 * not change them.)
 */
export function createAppTokenCache(db: Promise<IDBPDatabase<CacheSchema>>) {
  const known = new Map<string, AppTokensRecord>();
  /** Raised by every clear: a put stamped before one is another moment's (another account's) data. */
  let clears = 0;
  return {
    async get(appKey: string): Promise<AppTokensRecord | undefined> {
      const held = known.get(appKey);
      if (held) return held;
      const raw = await (await db).get('appTokens', appKey);
      if (raw === undefined) return undefined;
      const record = AppTokensRecordSchema.safeParse(raw);
      if (record.success && record.data.appKey === appKey) {
        // A put meanwhile is newer than what was read: it stays.
        if (!known.has(appKey)) known.set(appKey, record.data);
        return known.get(appKey);
      }
      await (await db).delete('appTokens', appKey);
      return undefined;
    },
    /** A mark for `put`: what was asked for after it may be written while no clear came since. */
    stamp(): number {
      return clears;
    },
    /**
     * Writes `record`, unless the cache was cleared since `stamp` (from `stamp()` before the list
     * was asked for): then it is dropped, and false says so.
     */
    async put(record: AppTokensRecord, stamp?: number): Promise<boolean> {
      if (stamp !== undefined && stamp !== clears) return false;
      const checked = AppTokensRecordSchema.parse(record);
      await (await db).put('appTokens', checked, record.appKey);
      known.set(record.appKey, checked);
      return true;
    },
    async clear(): Promise<void> {
      clears++;
      known.clear();
      await (await db).clear('appTokens');
      known.clear();
    },
  };
}
export type AppTokenCache = ReturnType<typeof createAppTokenCache>;
