import type { OpenAPIHono } from '@hono/zod-openapi';
import { assertAllowed } from '../auth/authorize';
import type { AppEnv, ServiceDeps } from '../deps';
import { getConnectAddon } from '../operations/site-plugins-operations';
import { hostParam, siteCaller } from './site-api-http';

/**
 * The Connect license API an app under test reads of itself:
 * `GET <site>/rest/atlassian-connect/1/addons/{appKey}`. The product signs these calls with the
 * app's JWT, which the reference site does not emulate: a personal access token (Bearer or Basic)
 * with `siteApps.readLicense` stands in, and the site's session cookie works as for its other APIs.
 */
export function registerConnectLicenseRoutes(app: OpenAPIHono<AppEnv>, deps: ServiceDeps): void {
  app.get('/sites/:host/rest/atlassian-connect/1/addons/:appKey', (c) => {
    const { principal, ctx } = siteCaller(c, deps, { bearer: true });
    assertAllowed(principal, 'siteApps.readLicense');
    return c.json(getConnectAddon(ctx, hostParam(c), c.req.param('appKey')), 200);
  });
}
