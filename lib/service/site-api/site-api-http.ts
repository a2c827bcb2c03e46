import type { Context } from 'hono';
import type { z } from 'zod';
import { SiteHostSchema } from '../../domain/identifiers';
import { principalOf } from '../auth/authorize';
import type { Principal, ServiceDeps } from '../deps';
import type { HostPolicy } from '../host-policy';
import type { OperationContext } from '../operations/context';
import { pagePrincipal } from '../pages/page-session';
import { ServiceError } from '../problem';
import { fieldErrors, type Issue } from '../validation-errors';

/**
 * What every route of the product's own APIs on a reference site shares (SERVICE-API.md, "The
 * product's own APIs on the reference site"): `/sites/{host}` plays the site's origin, callers
 * sign in as on the product, and refusals are the product's JSON `{subCode, message}`.
 */

/** `/sites/{host}/rest/…`: the product's REST APIs of one reference site. */
export const SITE_API_PATTERN = '/sites/:host/rest/*';
const SITE_API_PATH = /^\/sites\/[^/]+\/rest(\/|$)/;

export function isSiteApiPath(path: string): boolean {
  return SITE_API_PATH.test(path);
}

/** A refusal as the product answers one: `{subCode, message}`, not problem+json. */
export function siteApiErrorResponse(c: Context, error: ServiceError): Response {
  return c.body(JSON.stringify({ subCode: error.code, message: error.detail }), error.status, {
    'Content-Type': 'application/json',
    ...error.headers,
  });
}

export const BASIC_CHALLENGE = 'Basic realm="Token Lens reference site"';

const unauthorized = (detail: string) =>
  new ServiceError(401, 'unauthorized', detail, undefined, { 'WWW-Authenticate': BASIC_CHALLENGE });

/** Who calls a site's API, and whether by the site's session cookie (which the XSRF check is for). */
export interface SiteCaller {
  principal: Principal;
  byCookie: boolean;
  ctx: OperationContext;
}

/**
 * The caller, as on the product: the reference pages' session cookie, or HTTP Basic with the
 * email and a personal access token (seed 004); Bearer too where `bearer` says so (the Connect
 * license API). An Authorization header, when sent, is the credential: a bad one is not
 * rescued by a cookie. Anything else: 401 with the Basic challenge.
 */
export function siteCaller(c: Context, deps: ServiceDeps, options: { bearer: boolean }): SiteCaller {
  const authorization = c.req.header('Authorization');
  const caller = (principal: Principal, byCookie: boolean): SiteCaller => ({
    principal,
    byCookie,
    ctx: { deps, actor: principal.user },
  });
  if (authorization !== undefined) {
    const scheme = /^(\w+)\s/.exec(authorization)?.[1]?.toLowerCase();
    if (scheme !== 'basic' && !(options.bearer && scheme === 'bearer')) {
      throw unauthorized('Send HTTP Basic with your email and a personal access token as the password.');
    }
    try {
      return caller(principalOf(c, deps), false);
    } catch (error) {
      // The same refusal as /api/v1, with this site's challenge; throttling (429) passes as it is.
      if (error instanceof ServiceError && error.status === 401) throw unauthorized(error.detail);
      throw error;
    }
  }
  const principal = pagePrincipal(c, deps);
  if (principal) return caller(principal, true);
  throw unauthorized(
    'Sign in on this site’s Manage apps page first, or send HTTP Basic with your email and a personal access token.',
  );
}

const FORM_LIKE = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);

/** The media type of the request body, lower case, without parameters; '' when none is sent. */
export function mediaTypeOf(c: Context): string {
  return (c.req.header('Content-Type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * The product's XSRF check for a change made with the site's session cookie: a browser can send
 * a form-like body (or none) to another origin without asking, so such a change must carry
 * `X-Atlassian-Token: no-check`, which a form cannot set; and a foreign `Origin` is refused outright.
 */
export function checkXsrf(c: Context, caller: SiteCaller, hosts: () => HostPolicy): void {
  if (!caller.byCookie) return;
  const origin = c.req.header('Origin');
  const foreign =
    origin !== undefined && origin !== new URL(c.req.url).origin && !hosts().extraOrigins.includes(origin);
  const mediaType = mediaTypeOf(c);
  const formLike = mediaType === '' || FORM_LIKE.has(mediaType);
  const noCheck = c.req.header('X-Atlassian-Token')?.trim().toLowerCase() === 'no-check';
  if (foreign || (formLike && !noCheck)) {
    throw new ServiceError(
      403,
      'xsrf_check_failed',
      foreign
        ? 'This change came from another origin and was refused (XSRF check). Nothing was changed.'
        : 'This change needs the header X-Atlassian-Token: no-check, or a JSON body (XSRF check). Nothing was changed.',
    );
  }
}

/** JSON, a `+json` type, or `text/plain` (what a browser's `fetch` sends a string body as). */
const isJsonMediaType = (type: string) =>
  type === 'application/json' || type === 'text/plain' || /^application\/[\w.+-]+\+json$/.test(type);

/** The JSON body: 415 for a form or another media type, 400 `malformed_json` when it does not parse. */
export async function jsonBody(c: Context): Promise<unknown> {
  const mediaType = mediaTypeOf(c);
  if (mediaType !== '' && !isJsonMediaType(mediaType)) {
    throw new ServiceError(415, 'unsupported_media_type', 'Send the body as JSON (application/json or a +json type).');
  }
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new ServiceError(400, 'malformed_json', 'The request body is not valid JSON.');
  }
}

/** The site a path names; a host that cannot be a site is as unknown as a missing one. */
export function hostParam(c: Context): string {
  const host = SiteHostSchema.safeParse(c.req.param('host'));
  if (!host.success) throw new ServiceError(404, 'site_not_found', 'No such site is known to this service.');
  return host.data;
}

/** `{appKey}-key`, the product's way of naming an app in a path. */
export function keyParam(c: Context, name: string): string {
  const segment = c.req.param(name) ?? '';
  return segment.endsWith('-key') ? segment.slice(0, -'-key'.length) : segment;
}

/** A site's UPM REST base path, as the product's links give it (from the origin's root). */
export const upmBase = (host: string) => `/sites/${host}/rest/plugins/1.0`;

/** `body` read through `schema`: 422 `validation_failed` naming each wrong field in the message. */
export function validBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const fields = fieldErrors(parsed.error.issues as Issue[])
    .map((error) => `${error.path}: ${error.message}`)
    .join('; ');
  throw new ServiceError(422, 'validation_failed', `The request does not match what this resource takes (${fields}).`);
}
