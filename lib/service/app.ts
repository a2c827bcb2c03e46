import { OpenAPIHono } from '@hono/zod-openapi';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { authorizeRequest } from './auth/authorize';
import type { AppEnv, ServiceDeps } from './deps';
import { registerOpenApiDocument } from './docs/openapi-document';
import { frontDoor } from './front-door';
import type { HostPolicy } from './host-policy';
import { registerPages } from './pages/register-pages';
import { problemResponse, ServiceError } from './problem';
import { registerAccessTokenRoutes } from './routes/access-tokens/access-tokens.index';
import { registerApiMethodRoutes } from './routes/api-methods/api-methods.index';
import { registerAppRoutes } from './routes/apps/apps.index';
import { registerAuditRoutes } from './routes/audit/audit.index';
import { registerPersonalTokenRoutes } from './routes/personal-tokens/personal-tokens.index';
import { SiteParamsSchema } from './routes/schemas';
import { registerSessionRoutes } from './routes/sessions/sessions.index';
import { registerSiteAppRoutes, siteAppsReply } from './routes/site-apps/site-apps.index';
import { registerSiteRoutes } from './routes/sites/sites.index';
import { registerUserRoutes } from './routes/users/users.index';
import { registerSiteApi } from './site-api/register-site-api';
import { isSiteApiPath, siteApiErrorResponse } from './site-api/site-api-http';
import { fieldErrors, type Issue } from './validation-errors';

export const MAX_BODY_BYTES = 64 * 1024;

/** zod failures on params, query or body: 422 with every issue named by its path. */
const validationProblem = (c: Context, issues: Issue[]) =>
  problemResponse(
    c,
    new ServiceError(
      422,
      'validation_failed',
      'The request does not match what this endpoint takes.',
      fieldErrors(issues),
    ),
  );
const validationHook = (result: { success: boolean; error?: { issues: Issue[] } }, c: Context) =>
  result.success ? undefined : validationProblem(c, result.error?.issues ?? []);

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

  const door = frontDoor(deps, hosts);
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) =>
      refusalResponse(
        c,
        new ServiceError(413, 'payload_too_large', `Request bodies are limited to ${MAX_BODY_BYTES / 1024} KiB.`),
      ),
  });

  app.use('*', async (c, next) => {
    const refused = door(c);
    if (refused) return refusalResponse(c, refused);
    // A GET or HEAD has no body to limit (the adapter gives it none), and asking makes
    // @hono/node-server build a whole fetch Request for it.
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return limitBody(c, next);
    await next();
  });

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

  const onError = (error: Error, c: Context) => {
    const problem = errorToProblem(error);
    if (problem) return refusalResponse(c, problem);
    deps.logger.error(`unexpected fault on ${c.req.method} ${c.req.path}`, error);
    return refusalResponse(
      c,
      new ServiceError(500, 'internal', 'Something went wrong on the service; it has been logged.'),
    );
  };
  app.onError(onError);

  // The answer every client polls (the extension's badges, the reference pages' live state), on
  // one synchronous handler in front of the app: what the app's chain does for this route — the
  // front door, authorize, the params' schema, the route's handler — in the same order, through
  // the same functions, without the chain's hops and promises (docs/benchmarks.md). The app
  // keeps the route as well (its OpenAPI document, its list of routes); every other request goes
  // on to the app's own fetch.
  const front = new Hono<AppEnv>();
  // Host names that passed the params' schema, as it parsed them: a poll names the same few hosts
  // again and again, and the schema's answer for a string never changes.
  const validHosts = new Map<string, string>();
  front.get('/api/v1/sites/:host/apps', (c) => {
    // The answer's headers as a plain object, which the adapter writes as it is: c.header would
    // build, check and sort a fetch Headers for them. A refusal takes them onto c, as the chain's do.
    const headers: Record<string, string> = {};
    try {
      const refused = door(c, headers);
      if (refused) throw refused;
      authorizeRequest(c, deps, 'siteApps.list');
      const raw = c.req.param('host');
      let host = validHosts.get(raw);
      if (host === undefined) {
        const params = SiteParamsSchema.safeParse({ host: raw });
        if (!params.success) {
          for (const [name, value] of Object.entries(headers)) c.header(name, value);
          return validationProblem(c, params.error.issues);
        }
        host = params.data.host;
        if (validHosts.size >= 1000) validHosts.clear();
        validHosts.set(raw, host);
      }
      const reply = siteAppsReply(c, deps, host);
      return new Response(reply.body, { status: reply.status, headers: { ...headers, ...reply.headers } });
    } catch (error) {
      for (const [name, value] of Object.entries(headers)) c.header(name, value);
      throw error;
    }
  });
  const whole = app.fetch;
  front.notFound((c) => whole(c.req.raw, c.env));
  front.onError(onError);
  // Hono's fetch is a property of the instance (app.request calls it too): the front answers first.
  app.fetch = front.fetch;
  return app;
}
