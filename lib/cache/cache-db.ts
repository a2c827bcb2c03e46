import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

export const CACHE_DB_NAME = 'token-lens-cache';
export const CACHE_DB_VERSION = 1;

/** The cache's stores. Values are `unknown` on purpose: every record is parsed with zod when read back. */
export interface CacheSchema extends DBSchema {
  /** One snapshot per site, keyed by host. */
  sites: { key: string; value: unknown };
}

/**
 * Opens the cache database, upgrading its schema from whatever version it holds. Each step
 * upgrades one version, so a browser that skipped releases still walks every step.
 */
export function openCacheDb(): Promise<IDBPDatabase<CacheSchema>> {
  return openDB<CacheSchema>(CACHE_DB_NAME, CACHE_DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) db.createObjectStore('sites');
    },
  });
}
