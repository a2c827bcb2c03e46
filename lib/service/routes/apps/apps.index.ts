import type { OpenAPIHono } from '@hono/zod-openapi';
import { authorize } from '../../auth/authorize';
import type { AppEnv, ServiceDeps } from '../../deps';
import { addVersion, createApp, getApp, listApps, updateApp } from '../../operations/apps-operations';
import { contextOf } from '../context-of';
import { addVersionRoute, createAppRoute, getAppRoute, listAppsRoute, updateAppRoute } from './apps.routes';

export function registerAppRoutes(api: OpenAPIHono<AppEnv>, deps: ServiceDeps): void {
  api.openapi({ ...listAppsRoute, middleware: [authorize(deps, 'apps.list')] }, (c) =>
    c.json({ items: listApps(contextOf(c, deps)) }, 200),
  );
  api.openapi({ ...createAppRoute, middleware: [authorize(deps, 'apps.create')] }, (c) =>
    c.json(createApp(contextOf(c, deps), c.req.valid('json')), 201),
  );
  api.openapi({ ...getAppRoute, middleware: [authorize(deps, 'apps.read')] }, (c) =>
    c.json(getApp(contextOf(c, deps), c.req.valid('param').appKey), 200),
  );
  api.openapi({ ...updateAppRoute, middleware: [authorize(deps, 'apps.update')] }, (c) =>
    c.json(updateApp(contextOf(c, deps), c.req.valid('param').appKey, c.req.valid('json')), 200),
  );
  api.openapi({ ...addVersionRoute, middleware: [authorize(deps, 'apps.update')] }, (c) =>
    c.json(addVersion(contextOf(c, deps), c.req.valid('param').appKey, c.req.valid('json')), 201),
  );
}
