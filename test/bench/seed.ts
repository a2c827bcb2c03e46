import { randomUUID } from 'node:crypto';
import { AppKeySchema } from '../../lib/domain/identifiers';
import { generateToken } from '../../lib/service/auth/secret-tokens';
import { openStore } from '../../lib/service/store/store';

/** The reference pages the overlay figures open: one site per number of app rows. */
export const PAGE_SIZES = [10, 100, 1000] as const;
/** The site whose apps the throughput figure asks for. */
export const API_SITE = 'bench-api.atlassian.net';
export const API_SITE_APPS = 50;

export const siteOf = (rows: number): string => `bench-${rows}.atlassian.net`;
export const appKeyOf = (index: number): string => `com.bench.app${String(index).padStart(4, '0')}`;
export const appNameOf = (index: number): string => `Bench App ${String(index).padStart(4, '0')}`;

/**
 * Writes the benchmark's vendor data straight into a service database (opening it migrates it):
 * as many paid apps as the largest page, and one site per page size whose apps each carry an
 * active token in the Active subscription state.
 */
export function seedBenchData(dbPath: string): void {
  const store = openStore(dbPath);
  const now = new Date().toISOString();
  const sites: [string, number][] = [...PAGE_SIZES.map((rows): [string, number] => [siteOf(rows), rows])];
  sites.push([API_SITE, API_SITE_APPS]);
  const appCount = Math.max(...sites.map(([, rows]) => rows));
  try {
    store.write(() => {
      for (let index = 1; index <= appCount; index++) {
        const key = appKeyOf(index);
        const descriptorUrl = `https://apps.bench.example/${key}/atlassian-connect.json`;
        store.apps.insert({
          key: AppKeySchema.parse(key),
          name: appNameOf(index),
          paymentModel: 'paid',
          visibility: 'private',
          descriptorUrl,
          createdAt: now,
        });
        store.apps.addVersion(key, { version: '1.0.0', visibility: 'private', descriptorUrl, createdAt: now });
      }
      for (const [host, rows] of sites) {
        store.sites.insert({ host, privateListingsEnabled: true, createdAt: now });
        for (let index = 1; index <= rows; index++) {
          const tokenId = randomUUID();
          store.accessTokens.insert({
            id: tokenId,
            appKey: appKeyOf(index),
            value: generateToken('access'),
            note: `Benchmark token for ${host}`,
            status: 'active',
            createdAt: now,
            removedAt: null,
            siteHost: host,
            boundAt: now,
          });
          store.installedApps.save({
            siteHost: host,
            appKey: appKeyOf(index),
            version: '1.0.0',
            installedAt: now,
            tokenId,
            tokenAppliedAt: now,
            licenseState: 'active-subscription',
            licenseChangedAt: now,
          });
        }
      }
    });
  } finally {
    store.close();
  }
}
