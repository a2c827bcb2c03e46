import type { OpenAPIHono } from '@hono/zod-openapi';
import { authorize } from '../../auth/authorize';
import type { AppEnv, ServiceDeps } from '../../deps';
import { listAuditRoute } from './audit.routes';

export function registerAuditRoutes(api: OpenAPIHono<AppEnv>, deps: ServiceDeps): void {
  api.openapi({ ...listAuditRoute, middleware: [authorize(deps, 'audit.read')] }, (c) => {
    const query = c.req.valid('query');
    return c.json({ items: deps.store.audit.list({ site: query.site, app: query.app, limit: query.limit }) }, 200);
  });
}
