import type { OpenAPIHono } from '@hono/zod-openapi';
import { authorize } from '../../auth/authorize';
import type { AppEnv, ServiceDeps } from '../../deps';
import { listAuditRoute } from './audit.routes';

export function registerAuditRoutes(api: OpenAPIHono<AppEnv>, deps: ServiceDeps): void {
  api.openapi({ ...listAuditRoute, middleware: [authorize(deps, 'audit.read')] }, (c) => {
    const query = c.req.valid('query');
    const items = deps.store.audit.list({ site: query.site, app: query.app, before: query.before, limit: query.limit });
    return c.json({ items }, 200);
  });
}
