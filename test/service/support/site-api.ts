import { expect } from 'vitest';
import { z } from 'zod';
import { PersonalTokenWithValueSchema, type ScopePreset } from '../../../lib/domain/personal-token';
import type { ApiMethod } from '../../../lib/service/auth/api-methods';
import { conforming } from './answers';
import { contractService, expectJson } from './contract';
import { OWNER } from './test-service';

/**
 * The product's own APIs on a reference site (SERVICE-API.md, "The product's own APIs on the
 * reference site"): their answers as the contract gives them, and callers as the product knows
 * them — HTTP Basic with an email and a personal access token, or the site's session cookie.
 */

export const ORIGIN = 'http://localhost';
export const BASIC_CHALLENGE = 'Basic realm="Token Lens reference site"';

export const upmPath = (host: string, rest = '/') => `/sites/${host}/rest/plugins/1.0${rest}`;
export const connectPath = (host: string, appKey: string) => `/sites/${host}/rest/atlassian-connect/1/addons/${appKey}`;

const PluginFields = {
  key: z.string(),
  name: z.string(),
  version: z.string(),
  enabled: z.boolean(),
  userInstalled: z.boolean(),
  description: z.string(),
};
export const UpmListSchema = z.strictObject({
  plugins: z.array(z.strictObject({ ...PluginFields, links: z.strictObject({ self: z.string() }) })),
  links: z.strictObject({}),
});
export const UpmPluginSchema = z.strictObject({ ...PluginFields, modules: z.array(z.never()) });
export const InstallAcceptedSchema = z.strictObject({
  type: z.literal('INSTALL'),
  status: z.strictObject({ done: z.literal(false) }),
  links: z.strictObject({ self: z.string() }),
});
export const TaskRefusedSchema = z.strictObject({
  type: z.literal('INSTALL'),
  status: z.strictObject({ done: z.literal(true), subCode: z.string(), errorMessage: z.string().min(1) }),
});
export const WIRE_STATES = [
  'ACTIVE_TRIAL',
  'INACTIVE_TRIAL',
  'ACTIVE_SUBSCRIPTION',
  'ACTIVE_SUBSCRIPTION_CANCELLED',
  'INACTIVE_SUBSCRIPTION',
  'NONE',
] as const;
export const LicenseTokenSchema = z.strictObject({
  pluginKey: z.string(),
  token: z.string(),
  state: z.enum(WIRE_STATES),
  valid: z.boolean(),
});
export const LicenseTokensSchema = z.strictObject({ tokens: z.array(LicenseTokenSchema) });
export const SiteErrorSchema = z.strictObject({ subCode: z.string(), message: z.string().min(1) });
export const ConnectAddonSchema = z.strictObject({
  key: z.string(),
  version: z.string(),
  state: z.literal('ENABLED'),
  host: z.strictObject({ product: z.literal('jira'), contacts: z.array(z.never()).length(0) }),
  license: z
    .strictObject({
      active: z.boolean(),
      type: z.literal('DEVELOPER'),
      evaluation: z.boolean(),
      supportEntitlementNumber: z.null(),
    })
    .optional(),
});

/** Asserts the product's JSON refusal `{subCode, message}` with `status`, and gives it. */
export async function expectSiteError(response: Response, status: number, subCode: string) {
  const text = await response.text();
  expect({ status: response.status, body: text }).toMatchObject({ status });
  expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
  const error = conforming(SiteErrorSchema, JSON.parse(text), 'refusal');
  expect(error.subCode).toBe(subCode);
  return error;
}

export const basicAuth = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

const DAY = 24 * 60 * 60 * 1000;

interface SiteRequest {
  /** An Authorization header value, or a cookie jar's `Cookie` header with `cookie`. */
  authorization?: string;
  cookie?: string;
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

/** A contract service with callers of a site's own APIs. */
export async function siteApiService(options: { demo?: boolean } = {}) {
  const service = await contractService(options);

  /** A personal access token of the owner (or of `as`, with that user's password). */
  const personalToken = async (
    scopes: ScopePreset | ApiMethod[] = 'full-access',
    as: { token: string; password: string } = { token: service.owner, password: OWNER.password },
  ): Promise<string> => {
    const expiresAt = new Date(service.clock.now().getTime() + 30 * DAY).toISOString().slice(0, 10);
    const body = { description: 'Site API', expiresAt, scopes, password: as.password };
    const created = await expectJson(
      await service.call('POST', '/personal-tokens', body, as.token),
      201,
      PersonalTokenWithValueSchema,
    );
    return created.value;
  };
  const ownerToken = await personalToken();
  const ownerBasic = basicAuth(OWNER.email, ownerToken);

  /** Signs in on the reference pages' form: the site's session cookie, as a `Cookie` header. */
  const sessionCookie = async (who: { email: string; password: string } = OWNER): Promise<string> => {
    const answer = await service.app.request('/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN },
      body: new URLSearchParams({ ...who, next: '/' }).toString(),
    });
    expect(answer.status).toBe(303);
    const cookie = answer.headers
      .getSetCookie()
      .map((line) => line.split(';')[0] ?? '')
      .find((pair) => pair.startsWith('tl_session='));
    if (!cookie) throw new Error('signing in on the page set no session cookie');
    return cookie;
  };

  /** One request to a site's API; JSON bodies as the product's clients send them unless told otherwise. */
  const site = (method: string, path: string, request: SiteRequest = { authorization: ownerBasic }) => {
    const headers: Record<string, string> = { ...request.headers };
    if (request.authorization) headers.Authorization = request.authorization;
    if (request.cookie) headers.Cookie = request.cookie;
    if (request.contentType) headers['Content-Type'] = request.contentType;
    const body =
      request.body === undefined
        ? undefined
        : typeof request.body === 'string'
          ? request.body
          : JSON.stringify(request.body);
    return service.app.request(path, { method, headers, ...(body === undefined ? {} : { body }) });
  };

  /** The `upm-token` the plugin list's HEAD gives this caller. */
  const upmToken = async (host: string, request: SiteRequest = { authorization: ownerBasic }) => {
    const head = await site('HEAD', upmPath(host), request);
    expect(head.status).toBe(200);
    const token = head.headers.get('upm-token');
    if (!token) throw new Error('HEAD …/rest/plugins/1.0/ gave no upm-token');
    return token;
  };

  /** Installs from `pluginUri` as pluploader does: HEAD for the upm-token, then the POST; gives the task's path. */
  const startInstall = async (
    host: string,
    pluginUri: string,
    request: SiteRequest = { authorization: ownerBasic },
  ) => {
    const token = await upmToken(host, request);
    const answer = await site('POST', `${upmPath(host)}?token=${encodeURIComponent(token)}`, {
      contentType: 'application/vnd.atl.plugins.remote.install+json',
      ...request,
      body: { pluginUri },
    });
    const accepted = await expectJson(answer, 202, InstallAcceptedSchema);
    return accepted.links.self;
  };

  /** `POST …/license-tokens` as pluploader sends it. */
  const postLicenseToken = (
    host: string,
    body: Record<string, unknown>,
    request: SiteRequest = { authorization: ownerBasic },
  ) =>
    site('POST', upmPath(host, '/license-tokens'), {
      contentType: 'application/vnd.atl.plugins+json',
      ...request,
      body,
    });

  return {
    ...service,
    personalToken,
    ownerToken,
    ownerBasic,
    sessionCookie,
    site,
    upmToken,
    startInstall,
    postLicenseToken,
  };
}
export type SiteApiService = Awaited<ReturnType<typeof siteApiService>>;
