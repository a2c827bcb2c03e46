import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, ServiceDeps } from '../deps';
import type { HostPolicy } from '../host-policy';
import { registerConnectLicenseRoutes } from './connect-license-routes';
import { registerUpmRoutes } from './upm-routes';

/**
 * The product's own APIs on each reference site (`/sites/{host}/rest/…`). They are the product's,
 * not ours: plain routes, kept out of the `/api/v1` OpenAPI document.
 */
export function registerSiteApi(app: OpenAPIHono<AppEnv>, deps: ServiceDeps, hosts: () => HostPolicy): void {
  registerUpmRoutes(app, deps, hosts);
  registerConnectLicenseRoutes(app, deps);
}
