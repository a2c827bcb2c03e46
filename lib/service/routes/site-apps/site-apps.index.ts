import { createHash } from 'node:crypto';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { InstalledApp } from '../../../domain/installed-app';
import { authorize } from '../../auth/authorize';
import type { AppEnv, ServiceDeps } from '../../deps';
import { ServiceError } from '../../problem';
import { listSiteAppsRoute } from './site-apps.routes';

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

export function requireSite(deps: ServiceDeps, host: string) {
  const site = deps.store.sites.get(host);
  if (!site) throw new ServiceError(404, 'site_not_found', `No site ${host} is known to this service.`);
  return site;
}

export function registerSiteAppRoutes(api: OpenAPIHono<AppEnv>, deps: ServiceDeps): void {
  api.openapi({ ...listSiteAppsRoute, middleware: [authorize(deps, 'siteApps.list')] }, (c) => {
    const { host } = c.req.valid('param');
    requireSite(deps, host);
    const items: InstalledApp[] = deps.store.installedApps
      .listForSite(host)
      .map(({ version: _version, ...installed }) => installed);
    const etag = etagOf(items);
    c.header('ETag', etag);
    c.header('Cache-Control', 'private, no-cache');
    if (ifNoneMatchHits(c.req.header('If-None-Match'), etag)) return c.body(null, 304);
    return c.json({ items, etag }, 200);
  });
}
