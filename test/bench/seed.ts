import { randomUUID } from 'node:crypto';
import { AppKeySchema } from '../../lib/domain/identifiers';
import { generateToken } from '../../lib/service/auth/secret-tokens';
import { openStore } from '../../lib/service/store/store';
import { seedTokenApp } from './seed-token-app';

/** The reference pages the overlay figures open: one site per number of app rows. */
export const PAGE_SIZES = [10, 100, 1000] as const;
/** The site whose apps the throughput figure asks for. */
export const API_SITE = 'bench-api.atlassian.net';
export const API_SITE_APPS = 50;

/** The popup figure's app: 1,000 tokens (the 50 active of the limit, the rest removed), installed on its own site. */
export const TOKENS_SITE = 'bench-tokens.atlassian.net';
export const TOKENS_APP = { key: 'com.bench.tokens', name: 'Bench Token App', tokens: 1000, active: 50 } as const;
/** The popup's growth table: apps on the same site with 100 and 10,000 tokens (50 active, where there are). */
export const POPUP_GROWTH_APPS = [
  { key: 'com.bench.tokens100', name: 'Bench Token App 100', tokens: 100, active: 50 },
  { key: 'com.bench.tokens10000', name: 'Bench Token App 10000', tokens: 10_000, active: 50 },
] as const;

/** The throughput figure's growth table: one site per number of installed apps, added by seedGrowthSites. */
export const GROWTH_SIZES = [10, 100, 1000, 5000] as const;

export const siteOf = (rows: number): string => `bench-${rows}.atlassian.net`;
export const growthSiteOf = (apps: number): string => `bench-growth-${apps}.atlassian.net`;
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
      for (let index = 1; index <= appCount; index++) seedApp(store, index, now);
      // The popup's apps: 1,000 tokens (the figure with a target), and 100 and 10,000 for its growth.
      for (const app of [TOKENS_APP, ...POPUP_GROWTH_APPS])
        seedTokenApp(store, { ...app, site: TOKENS_SITE, elsewhere: PAGE_SIZES.map(siteOf) }, now);
      for (const [host, rows] of sites) seedSite(store, host, rows, now);
    });
  } finally {
    store.close();
  }
}

/**
 * The growth table's sites, added to a database seedBenchData made (the service may be running
 * on it): apps up to the largest size, and one site per size of GROWTH_SIZES with that many apps
 * installed, each with an active token. Separate from seedBenchData, and run only after the
 * browser figures, so that the vendor's app list those figures read stays as it was.
 */
export function seedGrowthSites(dbPath: string): void {
  const store = openStore(dbPath);
  const now = new Date().toISOString();
  try {
    store.write(() => {
      const largest = Math.max(...GROWTH_SIZES);
      for (let index = 1; index <= largest; index++) {
        if (!store.apps.get(appKeyOf(index))) seedApp(store, index, now);
      }
      for (const apps of GROWTH_SIZES) seedSite(store, growthSiteOf(apps), apps, now);
    });
  } finally {
    store.close();
  }
}

function seedApp(store: ReturnType<typeof openStore>, index: number, now: string): void {
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

/** A site with apps 1…rows installed, each with an active token bound here, in the Active subscription state. */
function seedSite(store: ReturnType<typeof openStore>, host: string, rows: number, now: string): void {
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

/** The overlay figure's largest page: a site of this many apps, added by seedLargeOverlaySite. */
export const LARGE_PAGE_ROWS = 5000;

/**
 * The overlay figure's largest page (siteOf(LARGE_PAGE_ROWS)), added to a database seedBenchData
 * made (the service may be running on it): apps up to that many, all installed there with active
 * tokens. Run after the figures that read the vendor's app list or app 1's tokens (the popup's).
 */
export function seedLargeOverlaySite(dbPath: string, rows: number = LARGE_PAGE_ROWS): void {
  const store = openStore(dbPath);
  const now = new Date().toISOString();
  try {
    store.write(() => {
      for (let index = 1; index <= rows; index++) {
        if (!store.apps.get(appKeyOf(index))) seedApp(store, index, now);
      }
      seedSite(store, siteOf(rows), rows, now);
    });
  } finally {
    store.close();
  }
}
