import { readFileSync } from 'node:fs';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { csrf } from 'hono/csrf';
import { z } from 'zod';
import { clientAddress } from '../auth/client-address';
import { signIn, signOut } from '../auth/sessions';
import type { AppEnv, ServiceDeps } from '../deps';
import { registerDocs } from '../docs/register-docs';
import type { HostPolicy } from '../host-policy';
import { ServiceError } from '../problem';
import { isSiteApiPath } from '../site-api/site-api-http';
import { csrfTokenFor, isValidCsrfToken } from './csrf-token';
import { FAVICON_PATH, setPageSecurityHeaders } from './layout';
import { registerManageAppsRoutes } from './manage-apps-routes';
import { clearSessionCookie, pagePrincipal, safeNextPath, setSessionCookie } from './page-session';
import { readForm } from './read-form';
import { signInPage } from './sign-in-page';
import { sitesPage } from './sites-page';

const asset = (name: string) => readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');
const REFERENCE_CSS = asset('reference.css');
const UPM_JS = asset('upm.js');
// The extension's own 32 px icon (public/icon/32.png), copied so the service needs nothing from the build.
const FAVICON_PNG = new Uint8Array(readFileSync(new URL('./assets/favicon.png', import.meta.url)));

const SignInFormSchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
  next: z.string().max(2048).optional(),
});

function redirectToSignIn(c: Context) {
  const next = safeNextPath(c.req.path);
  return c.redirect(`/sign-in?next=${encodeURIComponent(next)}`, 303);
}

/** The reference pages: ordinary server-rendered HTML with forms, behind a same-site session cookie. */
export function registerPages(app: OpenAPIHono<AppEnv>, deps: ServiceDeps, hosts: () => HostPolicy): void {
  // A form may come from the page's own origin, or from the public origin a proxy serves us at.
  const sameOrigin = csrf({
    origin: (origin, c) => origin === new URL(c.req.url).origin || hosts().extraOrigins.includes(origin),
  });
  app.use('/sign-in', sameOrigin);
  app.use('/sign-out', sameOrigin);
  // The site's own REST APIs make the product's XSRF check instead (site-api/site-api-http.ts).
  app.use('/sites/*', (c, next) => (isSiteApiPath(c.req.path) ? next() : sameOrigin(c, next)));

  app.get('/assets/reference.css', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(REFERENCE_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });
  app.get('/assets/upm.js', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    c.header('X-Content-Type-Options', 'nosniff');
    return c.body(UPM_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
  });

  // Linked from every page; /favicon.ico too, which browsers ask for on pages that link none (JSON, errors).
  for (const path of [FAVICON_PATH, '/favicon.ico']) {
    app.get(path, (c) => {
      c.header('Cache-Control', 'public, max-age=86400');
      c.header('X-Content-Type-Options', 'nosniff');
      return c.body(FAVICON_PNG, 200, { 'Content-Type': 'image/png' });
    });
  }

  app.get('/sign-in', (c) => {
    setPageSecurityHeaders(c);
    return c.html(signInPage({ next: safeNextPath(c.req.query('next')) }));
  });

  app.post('/sign-in', async (c) => {
    setPageSecurityHeaders(c);
    const form = SignInFormSchema.safeParse(await readForm(c));
    const next = safeNextPath(form.success ? form.data.next : undefined);
    if (!form.success) return c.html(signInPage({ next, error: 'Enter your email and password.' }), 400);
    try {
      const session = await signIn(deps, form.data.email, form.data.password, clientAddress(c));
      setSessionCookie(c, session.token, session.expiresAt);
      return c.redirect(next, 303);
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      // The form again, with the refusal's own status: 401 for wrong credentials, 429 (and when
      // to try again) while too many sign-ins are being checked, 503 when nothing can be saved.
      for (const [name, value] of Object.entries(error.headers ?? {})) c.header(name, value);
      return c.html(signInPage({ next, email: form.data.email, error: error.detail }), error.status);
    }
  });

  app.post('/sign-out', async (c) => {
    const principal = pagePrincipal(c, deps);
    const body = await readForm(c);
    if (principal && isValidCsrfToken(principal.tokenHash, body.csrf)) signOut(deps, principal.tokenHash);
    clearSessionCookie(c);
    return c.redirect('/sign-in', 303);
  });

  app.get('/', (c) => {
    const principal = pagePrincipal(c, deps);
    if (!principal) return redirectToSignIn(c);
    setPageSecurityHeaders(c);
    return c.html(
      sitesPage({
        email: principal.user.email,
        sites: deps.store.sites.list(),
        csrf: csrfTokenFor(principal.tokenHash),
      }),
    );
  });

  registerManageAppsRoutes(app, deps);
  registerDocs(app);
}
