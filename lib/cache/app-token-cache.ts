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

export function createAppTokenCache(db: Promise<IDBPDatabase<CacheSchema>>) {
  return {
    async get(appKey: string): Promise<AppTokensRecord | undefined> {
      const raw = await (await db).get('appTokens', appKey);
      if (raw === undefined) return undefined;
      const record = AppTokensRecordSchema.safeParse(raw);
      if (record.success && record.data.appKey === appKey) return record.data;
      await (await db).delete('appTokens', appKey);
      return undefined;
    },
    async put(record: AppTokensRecord): Promise<void> {
      await (await db).put('appTokens', AppTokensRecordSchema.parse(record), record.appKey);
    },
    async clear(): Promise<void> {
      await (await db).clear('appTokens');
    },
  };
}
export type AppTokenCache = ReturnType<typeof createAppTokenCache>;
