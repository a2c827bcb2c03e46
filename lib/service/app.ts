import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { presentedCredential } from './auth/credentials';
import type { AppEnv, ServiceDeps } from './deps';
import { registerOpenApiDocument } from './docs/openapi-document';
import { type HostPolicy, hostCheck } from './host-policy';
import { SESSION_COOKIE } from './pages/page-session';
import { registerPages } from './pages/register-pages';
import { problemResponse, ServiceError } from './problem';
import { rateLimit } from './rate-limit';
import { registerAccessTokenRoutes } from './routes/access-tokens/access-tokens.index';
import { registerApiMethodRoutes } from './routes/api-methods/api-methods.index';
import { registerAppRoutes } from './routes/apps/apps.index';
import { registerAuditRoutes } from './routes/audit/audit.index';
import { registerPersonalTokenRoutes } from './routes/personal-tokens/personal-tokens.index';
import { registerSessionRoutes } from './routes/sessions/sessions.index';
import { registerSiteAppRoutes } from './routes/site-apps/site-apps.index';
import { registerSiteRoutes } from './routes/sites/sites.index';
import { registerUserRoutes } from './routes/users/users.index';
import { registerSiteApi } from './site-api/register-site-api';
import { isSiteApiPath, SITE_API_PATTERN, siteApiErrorResponse } from './site-api/site-api-http';
import { fieldErrors, type Issue } from './validation-errors';

export const MAX_BODY_BYTES = 64 * 1024;

/** zod failures on params, query or body: 422 with every issue named by its path. */
const validationHook = (result: { success: boolean; error?: { issues: Issue[] } }, c: Context) => {
  if (result.success) return;
  const errors = fieldErrors(result.error?.issues ?? []);
  return problemResponse(
    c,
    new ServiceError(422, 'validation_failed', 'The request does not match what this endpoint takes.', errors),
  );
};

function errorToProblem(error: Error): ServiceError | undefined {
  if (error instanceof ServiceError) return error;
  if (error instanceof HTTPException) {
    if (error.status === 400) return new ServiceError(400, 'malformed_json', 'The request body is not valid JSON.');
    if (error.status === 413)
      return new ServiceError(413, 'payload_too_large', `Request bodies are limited to ${MAX_BODY_BYTES / 1024} KiB.`);
    if (error.status === 415) {
      return new ServiceError(415, 'unsupported_media_type', 'Send the body as application/json.');
    }
    // hono/csrf: a form posted from another origin.
    if (error.status === 403)
      return new ServiceError(403, 'cross_site_request', 'Forms posted from another site are refused.');
    if (error.status >= 400 && error.status < 500) {
      return new ServiceError(400, 'bad_request', error.message || 'The request could not be read.');
    }
  }
  return undefined;
}

/** A refusal in the form its path speaks: the product's `{subCode, message}` on a site's own APIs, problem+json elsewhere. */
function refusalResponse(c: Context, error: ServiceError): Response {
  return isSiteApiPath(c.req.path) ? siteApiErrorResponse(c, error) : problemResponse(c, error);
}

/** The whole HTTP app; `hosts` says which Host names it answers (known once the port is). */
export function createApp(deps: ServiceDeps, hosts: () => HostPolicy) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  // Answers carry access-token values and session data: no cache, shared or private, may keep
  // them. Registered first, so that it marks every /api/v1 answer, refusals of the checks below included.
  // Set before the answer exists: a header added to a finished answer makes Hono rebuild it (a
  // real cost on every request), and an answer made later, refusals included, takes it as well.
  app.use('/api/v1/*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    await next();
  });
  // A site's own APIs answer access-token values too.
  app.use(SITE_API_PATTERN, async (c, next) => {
    c.header('Cache-Control', 'no-store');
    await next();
  });
  app.use('*', hostCheck(hosts, refusalResponse));
  // One budget per token across /api/v1 and the sites' own APIs; there, the site's session cookie counts as a token.
  const limiter = rateLimit({
    limit: deps.rateLimit,
    now: deps.now,
    tokenOf: (c) =>
      presentedCredential(c)?.token || (isSiteApiPath(c.req.path) ? getCookie(c, SESSION_COOKIE) : undefined),
    respond: refusalResponse,
  });
  app.use('/api/v1/*', limiter);
  app.use(SITE_API_PATTERN, limiter);

  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        refusalResponse(
          c,
          new ServiceError(413, 'payload_too_large', `Request bodies are limited to ${MAX_BODY_BYTES / 1024} KiB.`),
        ),
    }),
  );

  app.get('/healthz', (c) => c.json({ status: 'ok' }));

  registerSessionRoutes(api, deps);
  registerAppRoutes(api, deps);
  registerAccessTokenRoutes(api, deps);
  registerPersonalTokenRoutes(api, deps);
  registerSiteRoutes(api, deps);
  registerSiteAppRoutes(api, deps);
  registerUserRoutes(api, deps);
  registerAuditRoutes(api, deps);
  registerApiMethodRoutes(api);
  app.route('/api/v1', api);
  registerOpenApiDocument(app);

  registerSiteApi(app, deps, hosts);
  registerPages(app, deps, hosts);

  app.notFound((c) =>
    refusalResponse(c, new ServiceError(404, 'not_found', `Nothing is at ${c.req.method} ${c.req.path}.`)),
  );

  app.onError((error, c) => {
    const problem = errorToProblem(error);
    if (problem) return refusalResponse(c, problem);
    deps.logger.error(`unexpected fault on ${c.req.method} ${c.req.path}`, error);
    return refusalResponse(
      c,
      new ServiceError(500, 'internal', 'Something went wrong on the service; it has been logged.'),
    );
  });

  return app;
}
