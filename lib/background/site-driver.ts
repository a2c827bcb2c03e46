import type { ServiceClient, SiteAppsAnswer } from '../api/service-client';
import type { InstalledApp } from '../domain/installed-app';
import type { LicenseState } from '../domain/license-state';
import type { Reply } from '../domain/reply';

/**
 * How the background reaches one site's apps: list them, install from a token URL, apply or clear
 * a token, switch the license state. Today the token service's site API is the only driver; one
 * for the product's own UPM REST API on real cloud sites (PAGES.md) would sit beside it, with the
 * person's own session, without sync or commands changing.
 */
export interface SiteDriver {
  siteApps(host: string, etag?: string | null): Promise<Reply<SiteAppsAnswer>>;
  installFromUrl(host: string, installUrl: string): Promise<Reply<InstalledApp>>;
  applyToken(host: string, appKey: string, token: string, licenseState?: LicenseState): Promise<Reply<InstalledApp>>;
  clearToken(host: string, appKey: string): Promise<Reply<InstalledApp>>;
  setLicense(host: string, appKey: string, state: LicenseState): Promise<Reply<InstalledApp>>;
}

/** The token service's site API as a site driver. */
export function serviceSiteDriver(client: ServiceClient): SiteDriver {
  return {
    siteApps: (...args) => client.siteApps(...args),
    installFromUrl: (...args) => client.installFromUrl(...args),
    applyToken: (...args) => client.applyToken(...args),
    clearToken: (...args) => client.clearToken(...args),
    setLicense: (...args) => client.setLicense(...args),
  };
}
