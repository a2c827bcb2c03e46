import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { SiteHostSchema } from '../../domain/identifiers';
import type { AppEnv, Principal, ServiceDeps } from '../deps';
import type { OperationContext } from '../operations/context';
import { siteAppsAnswer } from '../operations/site-apps-answer';
import { getSite } from '../operations/sites-operations';
import { ServiceError } from '../problem';
import { appDetails } from './app-row';
import { csrfTokenFor } from './csrf-token';
import { takeFlash } from './flash';
import { setPageSecurityHeaders } from './layout';
import { manageAppsPage, manageAppsPath } from './manage-apps-page';
import { registerPageActions, requireAllowed } from './page-actions';
import { pagePrincipal, safeNextPath } from './page-session';

/** The page's script asks for the page with this header when it refreshes rows in place. */
export const LIVE_REFRESH_HEADER = 'X-Live-Refresh';

function hostParam(c: Context): string {
  const host = SiteHostSchema.safeParse(c.req.param('host'));
  if (!host.success) throw new ServiceError(404, 'site_not_found', 'No such site is known to this service.');
  return host.data;
}

/** What the page and its live state share: the site, and the API's ETag over its installed apps. */
function siteState(principal: Principal, deps: ServiceDeps, host: string) {
  const ctx: OperationContext = { deps, actor: principal.user };
  requireAllowed(principal, 'siteApps.list');
  const site = getSite(ctx, host);
  return { ctx, site, etag: siteAppsAnswer(ctx, host).etag };
}

/** The reference Manage apps page, its live state, and its forms. */
export function registerManageAppsRoutes(app: OpenAPIHono<AppEnv>, deps: ServiceDeps): void {
  app.get('/sites/:host/plugins/servlet/upm', (c) => {
    const principal = pagePrincipal(c, deps);
    if (!principal) return c.redirect(`/sign-in?next=${encodeURIComponent(safeNextPath(c.req.path))}`, 303);
    const host = hostParam(c);
    const { site, etag } = siteState(principal, deps, host);
    // A refresh by the page's own script must not eat the message meant for the next page load.
    const flash = c.req.header(LIVE_REFRESH_HEADER) ? undefined : takeFlash(c, manageAppsPath(host));
    setPageSecurityHeaders(c);
    return c.html(
      manageAppsPage({
        site,
        // The page shows each app's installed version, which the API's view leaves out.
        apps: deps.store.installedApps.listForSite(host),
        email: principal.user.email,
        csrf: csrfTokenFor(principal.tokenHash),
        etag,
        flash,
        // A page without scripting expands a row by its link (`?expand=<key>`); unknown keys expand nothing.
        expanded: new Set(c.req.queries('expand') ?? []),
      }),
    );
  });

  /** One row's details, fetched by /assets/upm.js when the row is expanded (the product's page loads them so too). */
  app.get('/sites/:host/plugins/servlet/upm/apps/:appKey/details', (c) => {
    const principal = pagePrincipal(c, deps);
    if (!principal) throw new ServiceError(401, 'unauthorized', 'Sign in on this service’s sign-in page first.');
    const host = hostParam(c);
    siteState(principal, deps, host);
    const installed = deps.store.installedApps.get(host, c.req.param('appKey'));
    if (!installed)
      throw new ServiceError(404, 'app_not_installed', `${c.req.param('appKey')} is not installed on ${host}.`);
    setPageSecurityHeaders(c);
    return c.html(appDetails(installed, { base: manageAppsPath(host), csrf: csrfTokenFor(principal.tokenHash) }));
  });

  /** Polled by /assets/upm.js about once a second while the page is visible. */
  app.get('/sites/:host/plugins/servlet/upm/state', (c) => {
    const principal = pagePrincipal(c, deps);
    if (!principal) throw new ServiceError(401, 'unauthorized', 'Sign in on this service’s sign-in page first.');
    const { site, etag } = siteState(principal, deps, hostParam(c));
    c.header('Cache-Control', 'no-store');
    c.header('X-Content-Type-Options', 'nosniff');
    return c.json({ etag, privateListingsEnabled: site.privateListingsEnabled });
  });

  registerPageActions(app, deps);
}
