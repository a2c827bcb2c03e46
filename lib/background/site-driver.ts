import type { ServiceClient } from '../api/service-client';
import type { LicenseState } from '../domain/license-state';
import type { Reply } from '../domain/reply';
import type { SiteApp } from '../domain/site-view';

/**
 * How the background reaches one site's apps: list them, install from a token URL, apply or clear
 * a token, switch the license state. Today the token service's site API is the only driver; one
 * for the product's own UPM REST API on real cloud sites (PAGES.md) would sit beside it, with the
 * person's own session, without sync or commands changing.
 */
export interface SiteDriver {
  siteApps(host: string, etag?: string | null): Promise<Reply<SiteDriverApps>>;
  installFromUrl(host: string, installUrl: string): Promise<Reply<SiteApp>>;
  applyToken(host: string, appKey: string, token: string, licenseState?: LicenseState): Promise<Reply<SiteApp>>;
  clearToken(host: string, appKey: string): Promise<Reply<SiteApp>>;
  setLicense(host: string, appKey: string, state: LicenseState): Promise<Reply<SiteApp>>;
}

/** A site's apps as a driver reads them, with a version tag; or "not modified" since the tag given. */
export type SiteDriverApps = { modified: true; apps: { items: SiteApp[]; etag: string } } | { modified: false };

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
