import type { OpenAPIHono } from '@hono/zod-openapi';
import { authorize } from '../../auth/authorize';
import type { AppEnv, ServiceDeps } from '../../deps';
import { createSite, getSite, listSites, updateSite } from '../../operations/sites-operations';
import { contextOf } from '../context-of';
import { createSiteRoute, getSiteRoute, listSitesRoute, updateSiteRoute } from './sites.routes';

export function registerSiteRoutes(api: OpenAPIHono<AppEnv>, deps: ServiceDeps): void {
  api.openapi({ ...listSitesRoute, middleware: [authorize(deps, 'sites.list')] }, (c) =>
    c.json({ items: listSites(contextOf(c, deps)) }, 200),
  );
  api.openapi({ ...createSiteRoute, middleware: [authorize(deps, 'sites.create')] }, (c) =>
    c.json(createSite(contextOf(c, deps), c.req.valid('json').host), 201),
  );
  api.openapi({ ...getSiteRoute, middleware: [authorize(deps, 'sites.read')] }, (c) =>
    c.json(getSite(contextOf(c, deps), c.req.valid('param').host), 200),
  );
  api.openapi({ ...updateSiteRoute, middleware: [authorize(deps, 'sites.update')] }, (c) =>
    c.json(updateSite(contextOf(c, deps), c.req.valid('param').host, c.req.valid('json')), 200),
  );
}
