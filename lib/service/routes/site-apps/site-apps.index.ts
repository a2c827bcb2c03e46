import { createHash } from 'node:crypto';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { InstalledApp } from '../../../domain/installed-app';
import { authorize } from '../../auth/authorize';
import type { AppEnv, ServiceDeps } from '../../deps';
import {
  applyToken,
  clearToken,
  installApp,
  listSiteApps,
  setLicense,
  uninstallApp,
} from '../../operations/site-apps-operations';
import { contextOf } from '../context-of';
import {
  applyTokenRoute,
  clearTokenRoute,
  installRoute,
  listSiteAppsRoute,
  setLicenseRoute,
  uninstallRoute,
} from './site-apps.routes';

/** A strong ETag over exactly what the client would receive, so any change at all changes it. */
export function etagOf(items: InstalledApp[]): string {
  return `"${createHash('sha256').update(JSON.stringify(items)).digest('base64url').slice(0, 27)}"`;
}

function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

export function registerSiteAppRoutes(api: OpenAPIHono<AppEnv>, deps: ServiceDeps): void {
  api.openapi({ ...listSiteAppsRoute, middleware: [authorize(deps, 'siteApps.list')] }, (c) => {
    const items = listSiteApps(contextOf(c, deps), c.req.valid('param').host);
    const etag = etagOf(items);
    c.header('ETag', etag);
    c.header('Cache-Control', 'private, no-cache');
    if (ifNoneMatchHits(c.req.header('If-None-Match'), etag)) return c.body(null, 304);
    return c.json({ items, etag }, 200);
  });

  api.openapi({ ...installRoute, middleware: [authorize(deps, 'siteApps.install')] }, (c) =>
    c.json(installApp(contextOf(c, deps), c.req.valid('param').host, c.req.valid('json')), 201),
  );
  api.openapi({ ...uninstallRoute, middleware: [authorize(deps, 'siteApps.uninstall')] }, (c) => {
    const { host, appKey } = c.req.valid('param');
    uninstallApp(contextOf(c, deps), host, appKey);
    return c.body(null, 204);
  });
  api.openapi({ ...applyTokenRoute, middleware: [authorize(deps, 'siteApps.applyToken')] }, (c) => {
    const { host, appKey } = c.req.valid('param');
    return c.json(applyToken(contextOf(c, deps), host, appKey, c.req.valid('json')), 200);
  });
  api.openapi({ ...clearTokenRoute, middleware: [authorize(deps, 'siteApps.clearToken')] }, (c) => {
    const { host, appKey } = c.req.valid('param');
    return c.json(clearToken(contextOf(c, deps), host, appKey), 200);
  });
  api.openapi({ ...setLicenseRoute, middleware: [authorize(deps, 'siteApps.setLicense')] }, (c) => {
    const { host, appKey } = c.req.valid('param');
    return c.json(setLicense(contextOf(c, deps), host, appKey, c.req.valid('json').state), 200);
  });
}
