import type { ScopePreset } from '../../domain/personal-token';
import type { Role } from '../../domain/role';

/** Every operation of the API, by its stable method id. */
export const API_METHODS = [
  'me.read',
  'apps.list',
  'apps.create',
  'apps.read',
  'apps.update',
  'tokens.list',
  'tokens.create',
  'tokens.read',
  'tokens.delete',
  'sites.list',
  'sites.create',
  'sites.read',
  'sites.update',
  'siteApps.list',
  'siteApps.install',
  'siteApps.uninstall',
  'siteApps.applyToken',
  'siteApps.clearToken',
  'siteApps.setLicense',
  'siteApps.readLicense',
  'personalTokens.manage',
  'users.manage',
  'audit.read',
] as const;
export type ApiMethod = (typeof API_METHODS)[number];

const READS: ApiMethod[] = [
  'me.read',
  'apps.list',
  'apps.read',
  'tokens.list',
  'tokens.read',
  'sites.list',
  'sites.read',
  'siteApps.list',
  'siteApps.readLicense',
  'audit.read',
];

const TESTER: ApiMethod[] = [
  ...READS,
  'siteApps.install',
  'siteApps.uninstall',
  'siteApps.applyToken',
  'siteApps.clearToken',
  'siteApps.setLicense',
  'personalTokens.manage',
];

/** What each role may do at all; a token's scopes can only narrow this. */
export const ROLE_METHODS: Record<Role, ReadonlySet<ApiMethod>> = {
  owner: new Set(API_METHODS),
  developer: new Set(API_METHODS.filter((method) => method !== 'users.manage')),
  tester: new Set(TESTER),
};

/** Named scope sets a personal access token may be given. */
export const SCOPE_PRESETS: Record<ScopePreset, readonly ApiMethod[]> = {
  'full-access': API_METHODS,
  tester: TESTER,
  'read-only': READS,
  ci: [
    'tokens.create',
    'tokens.delete',
    'tokens.list',
    'tokens.read',
    'apps.list',
    'apps.read',
    'sites.list',
    'sites.read',
    'siteApps.list',
    // Every preset lets an app under test read its own license (the Connect license API).
    'siteApps.readLicense',
  ],
};
