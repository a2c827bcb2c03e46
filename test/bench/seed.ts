import { randomUUID } from 'node:crypto';
import { AppKeySchema } from '../../lib/domain/identifiers';
import { generateToken } from '../../lib/service/auth/secret-tokens';
import { openStore } from '../../lib/service/store/store';

/** The reference pages the overlay figures open: one site per number of app rows. */
export const PAGE_SIZES = [10, 100, 1000] as const;
/** The site whose apps the throughput figure asks for. */
export const API_SITE = 'bench-api.atlassian.net';
export const API_SITE_APPS = 50;

/** The popup figure's app: 1,000 tokens (the 50 active of the limit, the rest removed), installed on its own site. */
export const TOKENS_SITE = 'bench-tokens.atlassian.net';
export const TOKENS_APP = { key: 'com.bench.tokens', name: 'Bench Token App', tokens: 1000, active: 50 } as const;

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
      seedManyTokens(store, now);
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

/**
 * The popup figure's data: more tokens than an app can hold active, as an app collects over
 * years (removed ones stay listed). Bound ones sit here and on the other bench sites.
 */
function seedManyTokens(store: ReturnType<typeof openStore>, now: string): void {
  const key = AppKeySchema.parse(TOKENS_APP.key);
  const descriptorUrl = `https://apps.bench.example/${key}/atlassian-connect.json`;
  store.apps.insert({
    key,
    name: TOKENS_APP.name,
    paymentModel: 'paid',
    visibility: 'private',
    descriptorUrl,
    createdAt: now,
  });
  store.apps.addVersion(key, { version: '1.0.0', visibility: 'private', descriptorUrl, createdAt: now });
  store.sites.insert({ host: TOKENS_SITE, privateListingsEnabled: true, createdAt: now });
  const elsewhere = PAGE_SIZES.map(siteOf);
  let appliedHere: string | null = null;
  for (let index = 0; index < TOKENS_APP.tokens; index++) {
    const id = randomUUID();
    const active = index < TOKENS_APP.active;
    // Every third token is bound: the first here, the others on the other bench sites.
    const bound = index % 3 === 0;
    const siteHost = bound ? (index === 0 ? TOKENS_SITE : (elsewhere[index % elsewhere.length] ?? TOKENS_SITE)) : null;
    store.accessTokens.insert({
      id,
      appKey: key,
      value: generateToken('access'),
      note: `Bench token ${index + 1}${index % 10 === 0 ? ' for QA' : ''}`,
      status: active ? 'active' : 'removed',
      createdAt: now,
      removedAt: active ? null : now,
      siteHost,
      boundAt: siteHost ? now : null,
    });
    if (index === 0) appliedHere = id;
  }
  store.installedApps.save({
    siteHost: TOKENS_SITE,
    appKey: key,
    version: '1.0.0',
    installedAt: now,
    tokenId: appliedHere,
    tokenAppliedAt: now,
    licenseState: 'active-subscription',
    licenseChangedAt: now,
  });
}
