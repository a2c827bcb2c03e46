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

/** What each method lets a token do, in a line: shown beside it where scopes are chosen. */
export const API_METHOD_DESCRIPTIONS: Record<ApiMethod, string> = {
  'me.read': 'Read who the token belongs to, its role and scopes',
  'apps.list': 'List the vendor’s apps',
  'apps.create': 'Create an app listing',
  'apps.read': 'Read one app, with its versions and token count',
  'apps.update': 'Change an app or add a version',
  'tokens.list': 'List an app’s access tokens',
  'tokens.create': 'Create access tokens',
  'tokens.read': 'Read one access token, its value and install URLs',
  'tokens.delete': 'Remove access tokens at the Marketplace',
  'sites.list': 'List the sites',
  'sites.create': 'Add a site',
  'sites.read': 'Read a site’s settings',
  'sites.update': 'Change a site’s settings (private listings)',
  'siteApps.list': 'List a site’s installed apps with tokens and license states',
  'siteApps.install': 'Install apps on a site',
  'siteApps.uninstall': 'Uninstall apps from a site',
  'siteApps.applyToken': 'Apply access tokens on a site',
  'siteApps.clearToken': 'Clear access tokens on a site',
  'siteApps.setLicense': 'Switch license states on a site',
  'siteApps.readLicense': 'Read an app’s license through the Connect license API',
  'personalTokens.manage': 'Manage personal access tokens (always with the password)',
  'users.manage': 'List and add users (owners only)',
  'audit.read': 'Read the audit log',
};

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
