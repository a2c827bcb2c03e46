import type { IDBPDatabase } from 'idb';
import { z } from 'zod';
import { FRESHNESS } from '../domain/freshness';
import { SiteHostSchema } from '../domain/identifiers';
import { ErrorValueSchema } from '../domain/reply';
import { SiteAppSchema } from '../domain/site-view';
import type { CacheSchema } from './cache-db';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** One site's snapshot as the cache keeps it. */
export const SiteRecordSchema = z.object({
  host: SiteHostSchema,
  apps: z.array(SiteAppSchema),
  /** The service's ETag for `apps`, sent back as If-None-Match. */
  etag: z.string().nullable(),
  /** When the service last confirmed `apps` (a 200 or a 304). */
  fetchedAt: z.iso.datetime(),
  /** Why the last attempt to revalidate failed; null once the service answered again. */
  problem: ErrorValueSchema.nullable(),
});
export type SiteRecord = z.infer<typeof SiteRecordSchema>;

export interface SiteCacheEntry {
  host: string;
  bytes: number;
  fetchedAt: string;
}

/**
 * The per-site snapshot cache. Records that do not parse are dropped, never trusted; so are
 * records older than `FRESHNESS.cachedSiteMaxAgeMs`, which would show a site as it long was.
 */
export function createSiteCache(db: Promise<IDBPDatabase<CacheSchema>>, now: () => Date = () => new Date()) {
  const tooOld = (record: SiteRecord) => now().getTime() - Date.parse(record.fetchedAt) > FRESHNESS.cachedSiteMaxAgeMs;
  /**
   * The records this worker last read or wrote, already parsed: every page load and every 2-second
   * poll reads its site, and a thousand apps take longer to parse than to use. Only this cache
   * writes the store, so what it holds is what the store holds; losing it (the worker stopped)
   * loses nothing. Frozen, so that no caller can change what the next one gets.
   */
  const known = new Map<string, SiteRecord>();
  const remember = (record: SiteRecord): SiteRecord => {
    const frozen = deepFreeze(record);
    known.set(record.host, frozen);
    return frozen;
  };
  /** Raised by every clear: a put stamped before one is another moment's (another account's) data. */
  let clears = 0;
  const forget = async (host: string) => {
    known.delete(host);
    await (await db).delete('sites', host);
  };
  return {
    async get(host: string): Promise<SiteRecord | undefined> {
      const held = known.get(host);
      if (held) {
        if (!tooOld(held)) return held;
        await forget(host);
        return undefined;
      }
      const raw = await (await db).get('sites', host);
      if (raw === undefined) return undefined;
      const record = SiteRecordSchema.safeParse(raw);
      if (record.success && record.data.host === host && !tooOld(record.data)) return remember(record.data);
      await forget(host);
      return undefined;
    },
    /** A mark for `put`: what was read or asked for after it may be written while no clear came since. */
    stamp(): number {
      return clears;
    },
    /**
     * Writes `record`, unless the cache was cleared since `stamp` (from `stamp()` before the record's
     * data was read or asked for): then it is dropped, and false says so.
     */
    async put(record: SiteRecord, stamp?: number): Promise<boolean> {
      if (stamp !== undefined && stamp !== clears) return false;
      const parsed = SiteRecordSchema.parse(record);
      known.delete(record.host);
      await (await db).put('sites', parsed, record.host);
      remember(parsed);
      return true;
    },
    async list(): Promise<SiteCacheEntry[]> {
      const database = await db;
      const entries: SiteCacheEntry[] = [];
      let cursor = await database.transaction('sites').store.openCursor();
      while (cursor) {
        const record = SiteRecordSchema.safeParse(cursor.value);
        if (record.success) {
          entries.push({
            host: record.data.host,
            bytes: new TextEncoder().encode(JSON.stringify(cursor.value)).length,
            fetchedAt: record.data.fetchedAt,
          });
        }
        cursor = await cursor.continue();
      }
      return entries;
    },
    async clear(): Promise<void> {
      clears++;
      known.clear();
      await (await db).clear('sites');
      // A get or put in flight may have remembered a record between the two: it is gone from the store.
      known.clear();
    },
  };
}
export type SiteCache = ReturnType<typeof createSiteCache>;
