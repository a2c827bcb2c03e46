import { randomBytes, randomUUID } from 'node:crypto';
import { AppKeySchema } from '../domain/identifiers';
import type { LicenseState } from '../domain/license-state';
import { generateToken } from './auth/secret-tokens';
import { createUser } from './auth/sessions';
import type { ServiceDeps } from './deps';

export const DEMO_OWNER_EMAIL = 'owner@acme.example';
export const DEMO_SITES = ['acme-dev.atlassian.net', 'acme-staging.atlassian.net'] as const;

const APPS = [
  {
    key: 'com.acme.timesheets',
    name: 'Acme Timesheets',
    paymentModel: 'paid',
    visibility: 'private',
    descriptorUrl: 'https://apps.acme.example/timesheets/atlassian-connect.json',
    versions: [{ version: '1.4.0', visibility: 'private' }],
  },
  {
    key: 'com.acme.reports',
    name: 'Acme Reports',
    paymentModel: 'paid',
    visibility: 'public',
    descriptorUrl: 'https://apps.acme.example/reports/atlassian-connect.json',
    versions: [
      { version: '2.0.0', visibility: 'public' },
      { version: '2.1.0-beta', visibility: 'private' },
    ],
  },
  {
    key: 'com.acme.hello',
    name: 'Acme Hello',
    paymentModel: 'free',
    visibility: 'public',
    descriptorUrl: 'https://apps.acme.example/hello/atlassian-connect.json',
    versions: [{ version: '0.9.2', visibility: 'public' }],
  },
] as const;

/** Which app sits on which demo site, with or without a token, in which state. */
const INSTALLS: { site: string; appKey: string; token: boolean; state: LicenseState }[] = [
  { site: DEMO_SITES[0], appKey: 'com.acme.timesheets', token: true, state: 'active-trial' },
  { site: DEMO_SITES[0], appKey: 'com.acme.reports', token: true, state: 'active-subscription' },
  { site: DEMO_SITES[0], appKey: 'com.acme.hello', token: false, state: 'unlicensed' },
  { site: DEMO_SITES[1], appKey: 'com.acme.reports', token: true, state: 'inactive-subscription' },
  { site: DEMO_SITES[1], appKey: 'com.acme.timesheets', token: false, state: 'unlicensed' },
];

export function isEmpty(deps: ServiceDeps): boolean {
  return deps.store.apps.list().length === 0 && deps.store.sites.list().length === 0;
}

/** Seeds the demo vendor's apps, tokens and two sites, and an owner whose generated password is returned once. */
export async function seedDemoData(deps: ServiceDeps): Promise<{ email: string; password: string } | undefined> {
  const now = deps.now().toISOString();
  let owner: { email: string; password: string } | undefined;
  if (!deps.store.users.findByEmail(DEMO_OWNER_EMAIL)) {
    const password = randomBytes(12).toString('base64url');
    await createUser(deps, { email: DEMO_OWNER_EMAIL, password, role: 'owner' });
    owner = { email: DEMO_OWNER_EMAIL, password };
  }
  const { store } = deps;
  store.write(() => {
    for (const app of APPS) {
      store.apps.insert({
        key: AppKeySchema.parse(app.key),
        name: app.name,
        paymentModel: app.paymentModel,
        visibility: app.visibility,
        descriptorUrl: app.descriptorUrl,
        createdAt: now,
      });
      for (const version of app.versions) {
        store.apps.addVersion(app.key, { ...version, descriptorUrl: app.descriptorUrl, createdAt: now });
      }
    }
    for (const host of DEMO_SITES) store.sites.insert({ host, privateListingsEnabled: true, createdAt: now });
    for (const install of INSTALLS) {
      const app = APPS.find((candidate) => candidate.key === install.appKey);
      let tokenId: string | null = null;
      if (install.token) {
        tokenId = randomUUID();
        store.accessTokens.insert({
          id: tokenId,
          appKey: install.appKey,
          value: generateToken('access'),
          note: `Demo token for ${install.site}`,
          status: 'active',
          createdAt: now,
          removedAt: null,
          siteHost: install.site,
          boundAt: now,
        });
      }
      store.installedApps.save({
        siteHost: install.site,
        appKey: install.appKey,
        version: app?.versions.at(-1)?.version ?? null,
        installedAt: now,
        tokenId,
        tokenAppliedAt: tokenId ? now : null,
        licenseState: install.state,
        licenseChangedAt: now,
      });
    }
  });
  return owner;
}
