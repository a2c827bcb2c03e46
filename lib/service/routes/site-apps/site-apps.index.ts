import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { authorize } from '../../auth/authorize';
import type { AppEnv, ServiceDeps } from '../../deps';
import { siteAppsAnswer } from '../../operations/site-apps-answer';
import { applyToken, clearToken, installApp, setLicense, uninstallApp } from '../../operations/site-apps-operations';
import { contextOf } from '../context-of';
import {
  applyTokenRoute,
  clearTokenRoute,
  installRoute,
  listSiteAppsRoute,
  setLicenseRoute,
  uninstallRoute,
} from './site-apps.routes';

function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

export type SiteAppsReply =
  | { status: 200; body: Uint8Array<ArrayBuffer>; headers: Record<string, string> }
  | { status: 304; body: null; headers: Record<string, string> };

/**
 * `GET /sites/{host}/apps` for an authorised caller, as status, body and the headers of its own:
 * the route's handler below, and app.ts's front route, answer with it.
 */
export function siteAppsReply(c: Context<AppEnv>, deps: ServiceDeps, host: string): SiteAppsReply {
  // A read: the data version authorize read before anything else is as good as a new read.
  const { etag, body } = siteAppsAnswer(contextOf(c, deps), host, c.get('dataVersion'));
  if (ifNoneMatchHits(c.req.header('If-None-Match'), etag)) return { status: 304, body: null, headers: { ETag: etag } };
  // The body was serialised once for every reader since the last write; it is `{items, etag}` as the route says.
  return { status: 200, body, headers: { ETag: etag, 'Content-Type': 'application/json' } };
}

export function registerSiteAppRoutes(api: OpenAPIHono<AppEnv>, deps: ServiceDeps): void {
  api.openapi({ ...listSiteAppsRoute, middleware: [authorize(deps, 'siteApps.list')] }, (c) => {
    const reply = siteAppsReply(c, deps, c.req.valid('param').host);
    for (const [name, value] of Object.entries(reply.headers)) c.header(name, value);
    return (reply.status === 304 ? c.body(null, 304) : c.body(reply.body, 200)) as never;
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
