import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { z } from 'zod';
import { type AccessToken, AccessTokenSchema } from '../../../lib/domain/access-token';
import { type InstalledApp, InstalledAppSchema, SiteAppsSchema } from '../../../lib/domain/installed-app';
import type { LicenseState } from '../../../lib/domain/license-state';
import { type Problem, ProblemSchema } from '../../../lib/domain/problem';
import { formatToken } from '../../../lib/domain/token-format';
import { DEMO_SITES } from '../../../lib/service/demo-data';
import { conforming } from './answers';
import { testService } from './test-service';

/** Helpers shared by the contract tests (SERVICE-API.md): problems, people, sites, apps and tokens. */

export type TestService = Awaited<ReturnType<typeof testService>>;
export type { AccessToken, InstalledApp, Problem };

/** The demo data (lib/service/demo-data.ts), by what each piece is for. */
export const DEMO = {
  /** Private listing, paid; on site A with a token (active-trial), on site B without one. */
  privateApp: 'com.acme.timesheets',
  /** Public listing with a private version, paid; on both sites with tokens. */
  publicWithPrivateVersion: 'com.acme.reports',
  /** Public, free; on site A without a token. */
  freeApp: 'com.acme.hello',
  siteA: DEMO_SITES[0],
  siteB: DEMO_SITES[1],
} as const;

/** Asserts a problem+json answer with `status` and `code`, and gives its body. */
export async function expectProblem(response: Response, status: number, code: string): Promise<Problem> {
  const text = await response.text();
  expect({ status: response.status, body: text }).toMatchObject({ status });
  expect(response.headers.get('Content-Type')).toBe('application/problem+json');
  const problem = conforming(ProblemSchema, JSON.parse(text), 'problem');
  expect(problem).toMatchObject({ status, code });
  expect(problem.type).toContain(code);
  expect(problem.detail.length).toBeGreaterThan(0);
  return problem;
}

/** Asserts a 2xx-or-given status and gives the JSON body, read through `schema` (support/answers.ts). */
export async function expectJson(response: Response, status: number): Promise<unknown>;
export async function expectJson<S extends z.ZodType>(
  response: Response,
  status: number,
  schema: S,
): Promise<z.infer<S>>;
export async function expectJson(response: Response, status: number, schema?: z.ZodType): Promise<unknown> {
  const text = await response.text();
  expect({ status: response.status, body: text }).toMatchObject({ status });
  const json: unknown = JSON.parse(text);
  return schema ? conforming(schema, json) : json;
}

/** A well-formed `mat_` value (right prefix, alphabet and checksum) that no token has. */
export function unknownAccessTokenValue(): string {
  return formatToken('access', randomBytes(64));
}

/** A signed-in service with a few shortcuts over the contract's endpoints. */
export async function contractService(options: { demo?: boolean } = {}) {
  const service = await testService(options);
  const owner = await service.signIn();
  const call = async (method: string, path: string, body?: unknown, token = owner): Promise<Response> =>
    service.request(method, `/api/v1${path}`, body === undefined ? { token } : { token, body });

  let userCount = 0;
  return {
    ...service,
    owner,
    call,
    /** Adds a user of `role` (as the owner) and signs them in. */
    async userToken(role: 'owner' | 'developer' | 'tester'): Promise<{ email: string; token: string }> {
      userCount += 1;
      const who = { email: `${role}-${userCount}@test.example`, password: `password-of-${role}-${userCount}` };
      await expectJson(await call('POST', '/users', { ...who, role }), 201);
      return { email: who.email, token: await service.signIn(who) };
    },
    async createToken(appKey: string, as = owner): Promise<AccessToken> {
      return expectJson(await call('POST', `/apps/${appKey}/tokens`, {}, as), 201, AccessTokenSchema);
    },
    async getToken(appKey: string, id: string): Promise<AccessToken> {
      return expectJson(await call('GET', `/apps/${appKey}/tokens/${id}`), 200, AccessTokenSchema);
    },
    /** A new site, with private listings enabled unless told otherwise. */
    async createSite(host: string, privateListingsEnabled = true): Promise<void> {
      await expectJson(await call('POST', '/sites', { host }), 201);
      if (privateListingsEnabled) {
        await expectJson(await call('PATCH', `/sites/${host}`, { privateListingsEnabled: true }), 200);
      }
    },
    /** A new app with no versions of its own. */
    async createApp(
      key: string,
      visibility: 'private' | 'public',
      paymentModel: 'free' | 'paid' = 'paid',
    ): Promise<{ descriptorUrl: string }> {
      const descriptorUrl = `https://apps.test.example/${key}/atlassian-connect.json`;
      await expectJson(
        await call('POST', '/apps', { key, name: `App ${key}`, paymentModel, visibility, descriptorUrl }),
        201,
      );
      return { descriptorUrl };
    },
    async installByKey(host: string, appKey: string): Promise<InstalledApp> {
      return expectJson(await call('POST', `/sites/${host}/apps`, { appKey }), 201, InstalledAppSchema);
    },
    async installByUrl(host: string, installUrl: string, licenseState?: LicenseState): Promise<InstalledApp> {
      const body = licenseState ? { installUrl, licenseState } : { installUrl };
      return expectJson(await call('POST', `/sites/${host}/apps`, body), 201, InstalledAppSchema);
    },
    applyToken(host: string, appKey: string, token: string, licenseState?: LicenseState, as = owner) {
      return call('PUT', `/sites/${host}/apps/${appKey}/token`, licenseState ? { token, licenseState } : { token }, as);
    },
    async siteApp(host: string, appKey: string): Promise<InstalledApp | undefined> {
      const body = await expectJson(await call('GET', `/sites/${host}/apps`), 200, SiteAppsSchema);
      return body.items.find((app) => app.appKey === appKey);
    },
  };
}
export type ContractService = Awaited<ReturnType<typeof contractService>>;

/** The private URL a token offers, failing the test when it offers none. */
export function privateUrlOf(token: AccessToken): string {
  const url = token.installUrls.private;
  if (!url) throw new Error(`token ${token.id} offers no private install URL`);
  return url;
}
