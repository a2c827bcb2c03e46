import { randomUUID } from 'node:crypto';
import { AppKeySchema } from '../../lib/domain/identifiers';
import { generateToken } from '../../lib/service/auth/secret-tokens';
import type { openStore } from '../../lib/service/store/store';

export interface TokenAppSeed {
  key: string;
  name: string;
  /** How many tokens the app has in all. */
  tokens: number;
  /** How many of them are active (the rest are removed). */
  active: number;
  /** The site it is installed on, with its first token applied there. */
  site: string;
  /** Other sites every third token is bound to. */
  elsewhere: readonly string[];
}

/**
 * One paid app with many tokens, written straight into a service database inside a write the
 * caller holds: `active` of them active, the rest removed; every third bound (the first on
 * `site`, where the app is installed with it, the others on `elsewhere`), so that the popup's
 * filters have all four kinds to sort.
 */
export function seedTokenApp(store: ReturnType<typeof openStore>, app: TokenAppSeed, now: string): void {
  const key = AppKeySchema.parse(app.key);
  const descriptorUrl = `https://apps.bench.example/${key}/atlassian-connect.json`;
  store.apps.insert({
    key,
    name: app.name,
    paymentModel: 'paid',
    visibility: 'private',
    descriptorUrl,
    createdAt: now,
  });
  store.apps.addVersion(key, { version: '1.0.0', visibility: 'private', descriptorUrl, createdAt: now });
  if (!store.sites.get(app.site)) store.sites.insert({ host: app.site, privateListingsEnabled: true, createdAt: now });
  let appliedHere: string | null = null;
  for (let index = 0; index < app.tokens; index++) {
    const id = randomUUID();
    const active = index < app.active;
    const bound = index % 3 === 0;
    const siteHost = bound
      ? index === 0
        ? app.site
        : (app.elsewhere[index % app.elsewhere.length] ?? app.site)
      : null;
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
    siteHost: app.site,
    appKey: key,
    version: '1.0.0',
    installedAt: now,
    tokenId: appliedHere,
    tokenAppliedAt: now,
    licenseState: 'active-subscription',
    licenseChangedAt: now,
  });
}
