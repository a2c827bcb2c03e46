import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

export const CACHE_DB_NAME = 'token-lens-cache';
export const CACHE_DB_VERSION = 3;

/** The cache's stores. Values are `unknown` on purpose: every record is parsed with zod when read back. */
export interface CacheSchema extends DBSchema {
  /** One snapshot per site, keyed by host. */
  sites: { key: string; value: unknown };
  /** Since version 2: each app's token list (values masked), keyed by app key. */
  appTokens: { key: string; value: unknown };
  /** Since version 3: facts about the cache itself, such as whose account filled it (cache-owner.ts). */
  meta: { key: string; value: unknown };
}

/**
 * Opens the cache database, upgrading its schema from whatever version it holds. Each step
 * upgrades one version, so a browser that skipped releases still walks every step. (`version`
 * is for tests that build an older database to upgrade.)
 */
export function openCacheDb(version: number = CACHE_DB_VERSION): Promise<IDBPDatabase<CacheSchema>> {
  return openDB<CacheSchema>(CACHE_DB_NAME, version, {
    upgrade(db, oldVersion, newVersion) {
      const reaches = (step: number) => oldVersion < step && (newVersion ?? version) >= step;
      if (reaches(1)) db.createObjectStore('sites');
      if (reaches(2)) db.createObjectStore('appTokens');
      if (reaches(3)) db.createObjectStore('meta');
    },
  });
}
