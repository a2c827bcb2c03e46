import { ServiceError } from '../problem';
import { type ConnectLicense, connectLicenseOf } from '../rules/connect-license-rules';
import type { InstalledAppView } from '../store/installed-apps-repository';
import { SYSTEM_APPS } from '../system-apps';
import { type OperationContext, requireSite } from './context';

/**
 * A site's apps as the product's own APIs give them (SERVICE-API.md, "The product's own APIs on the
 * reference site"): the UPM REST plugin list and the Connect license API. Reads only.
 */

export interface UpmPlugin {
  key: string;
  name: string;
  version: string;
  enabled: boolean;
  userInstalled: boolean;
  description: string;
}

const userPlugin = (app: InstalledAppView): UpmPlugin => ({
  key: app.appKey,
  name: app.name,
  // An app listed with no versions was installed with none: the product always names one.
  version: app.version ?? '',
  enabled: true,
  userInstalled: true,
  description: '',
});

const systemPlugins = (): UpmPlugin[] => SYSTEM_APPS.map((app) => ({ ...app, enabled: true, userInstalled: false }));

function requireInstalled(ctx: OperationContext, host: string, appKey: string): InstalledAppView {
  const app = ctx.deps.store.installedApps.get(host, appKey);
  if (!app) throw new ServiceError(404, 'app_not_installed', `${appKey} is not installed on ${host}.`);
  return app;
}

/** User-installed apps first (by name, as the reference page lists them), then the system apps. */
export function listPlugins(ctx: OperationContext, host: string): UpmPlugin[] {
  requireSite(ctx, host);
  return [...ctx.deps.store.installedApps.listForSite(host).map(userPlugin), ...systemPlugins()];
}

export function getPlugin(ctx: OperationContext, host: string, key: string): UpmPlugin {
  requireSite(ctx, host);
  const system = systemPlugins().find((plugin) => plugin.key === key);
  return system ?? userPlugin(requireInstalled(ctx, host, key));
}

export interface ConnectAddon {
  key: string;
  version: string;
  state: 'ENABLED';
  host: { product: 'jira'; contacts: [] };
  license?: ConnectLicense;
}

/** What an installed Connect app reads of itself and its license. */
export function getConnectAddon(ctx: OperationContext, host: string, appKey: string): ConnectAddon {
  requireSite(ctx, host);
  const app = requireInstalled(ctx, host, appKey);
  const license = connectLicenseOf(app);
  return {
    key: app.appKey,
    version: app.version ?? '',
    state: 'ENABLED',
    host: { product: 'jira', contacts: [] },
    ...(license ? { license } : {}),
  };
}
