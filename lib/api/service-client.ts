import { z } from 'zod';
import { AccessTokenListSchema, AccessTokenSchema } from '../domain/access-token';
import { AppListSchema } from '../domain/app';
import { AuditListSchema } from '../domain/audit';
import { sentenceFor } from '../domain/error-sentences';
import { InstalledAppSchema, type SiteApps, SiteAppsSchema } from '../domain/installed-app';
import type { LicenseState } from '../domain/license-state';
import {
  ApiMethodsSchema,
  type NewPersonalToken,
  type PersonalTokenChanges,
  PersonalTokenListSchema,
  PersonalTokenSchema,
  PersonalTokenWithValueSchema,
  RemovedTokensSchema,
} from '../domain/personal-token';
import { ProblemSchema } from '../domain/problem';
import type { ErrorValue, Reply } from '../domain/reply';
import { MeSchema, SessionSchema } from '../domain/session';
import { SiteListSchema, SiteSchema } from '../domain/site';

/** How long one request may take before the service counts as unreachable. */
export const REQUEST_TIMEOUT_MS = 5000;
const RETRY_BACKOFF_MS = 300;
/** A 429 on a read is retried once if the service asks to wait no longer than this. */
const MAX_RETRY_AFTER_MS = 5000;

const clientError = (code: string, message: string): ErrorValue => ({ code, message });

export interface ServiceClientOptions {
  baseUrl: string;
  token?: string;
  /** Called when the service refuses the token (401): the session or personal token no longer works. */
  onUnauthorized?: () => void;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

const HealthSchema = z.object({ status: z.literal('ok') });

export type SiteAppsAnswer = { modified: true; apps: SiteApps } | { modified: false };

/** The background's only way to the token service: timeouts, one retry for reads, errors as values. */
export function createServiceClient(options: ServiceClientOptions) {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  async function send(method: string, path: string, init: { body?: unknown; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { Accept: 'application/json', ...init.headers };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    return doFetch(`${options.baseUrl}/api/v1${path}`, {
      method,
      headers,
      body: init.body === undefined ? null : JSON.stringify(init.body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      credentials: 'omit',
      cache: 'no-store',
    });
  }

  /** Sends once, and for idempotent reads once more after a network fault, a 5xx or a short 429. */
  async function request(
    method: string,
    path: string,
    init: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Reply<Response>> {
    const idempotent = method === 'GET';
    for (let attempt = 0; ; attempt++) {
      const last = !idempotent || attempt >= 1;
      let response: Response;
      try {
        response = await send(method, path, init);
      } catch (error) {
        if (!last) {
          await sleep(RETRY_BACKOFF_MS);
          continue;
        }
        return { ok: false, error: networkError(error, options.baseUrl) };
      }
      if (response.status === 429 && !last) {
        const waitMs = retryAfterMs(response.headers.get('Retry-After'));
        if (waitMs !== undefined && waitMs <= MAX_RETRY_AFTER_MS) {
          await sleep(waitMs);
          continue;
        }
      }
      if (response.status >= 500 && !last) {
        await sleep(RETRY_BACKOFF_MS);
        continue;
      }
      if (response.ok || response.status === 304) return { ok: true, data: response };
      if (response.status === 401 && options.token) options.onUnauthorized?.();
      return { ok: false, error: await problemError(response) };
    }
  }

  async function json<S extends z.ZodType>(result: Reply<Response>, schema: S): Promise<Reply<z.infer<S>>> {
    if (!result.ok) return result;
    let body: unknown;
    try {
      body = await result.data.json();
    } catch {
      return { ok: false, error: unexpectedAnswer() };
    }
    const parsed = schema.safeParse(body);
    return parsed.success ? { ok: true, data: parsed.data } : { ok: false, error: unexpectedAnswer() };
  }

  return {
    async health(): Promise<Reply<z.infer<typeof HealthSchema>>> {
      let response: Response;
      try {
        response = await doFetch(`${options.baseUrl}/healthz`, {
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          credentials: 'omit',
        });
      } catch (error) {
        return { ok: false, error: networkError(error, options.baseUrl) };
      }
      if (!response.ok) return { ok: false, error: await problemError(response) };
      return json({ ok: true, data: response }, HealthSchema);
    },
    async signIn(email: string, password: string) {
      return json(await request('POST', '/sessions', { body: { email, password } }), SessionSchema);
    },
    async signOut(): Promise<Reply<null>> {
      const result = await request('DELETE', '/sessions/current');
      return result.ok ? { ok: true, data: null } : result;
    },
    async me() {
      return json(await request('GET', '/me'), MeSchema);
    },
    listApps: async () => json(await request('GET', '/apps'), AppListSchema),
    apiMethods: async () => json(await request('GET', '/api-methods'), ApiMethodsSchema),
    listPersonalTokens: async () => json(await request('GET', '/personal-tokens'), PersonalTokenListSchema),
    createPersonalToken: async (body: NewPersonalToken) =>
      json(await request('POST', '/personal-tokens', { body }), PersonalTokenWithValueSchema),
    updatePersonalToken: async (id: string, body: PersonalTokenChanges) =>
      json(await request('PATCH', `/personal-tokens/${encodeURIComponent(id)}`, { body }), PersonalTokenSchema),
    regeneratePersonalToken: async (id: string, password: string) =>
      json(
        await request('POST', `/personal-tokens/${encodeURIComponent(id)}/regenerate`, { body: { password } }),
        PersonalTokenWithValueSchema,
      ),
    copyPersonalToken: async (id: string, body: { password: string; description?: string }) =>
      json(
        await request('POST', `/personal-tokens/${encodeURIComponent(id)}/copy`, { body }),
        PersonalTokenWithValueSchema,
      ),
    removePersonalTokens: async (ids: string[], password: string) =>
      json(await request('POST', '/personal-tokens/remove', { body: { ids, password } }), RemovedTokensSchema),
    site: async (host: string) => json(await request('GET', `/sites/${encodeURIComponent(host)}`), SiteSchema),
    listSites: async () => json(await request('GET', '/sites'), SiteListSchema),
    audit: async (query: { site?: string; app?: string; before?: number; limit: number }) => {
      const params = new URLSearchParams({ limit: String(query.limit) });
      if (query.site) params.set('site', query.site);
      if (query.app) params.set('app', query.app);
      if (query.before !== undefined) params.set('before', String(query.before));
      return json(await request('GET', `/audit?${params}`), AuditListSchema);
    },
    enablePrivateListings: async (host: string) =>
      json(
        await request('PATCH', `/sites/${encodeURIComponent(host)}`, { body: { privateListingsEnabled: true } }),
        SiteSchema,
      ),
    listTokens: async (appKey: string) =>
      json(await request('GET', `/apps/${encodeURIComponent(appKey)}/tokens`), AccessTokenListSchema),
    getToken: async (appKey: string, id: string) =>
      json(
        await request('GET', `/apps/${encodeURIComponent(appKey)}/tokens/${encodeURIComponent(id)}`),
        AccessTokenSchema,
      ),
    createToken: async (appKey: string, note: string) =>
      json(await request('POST', `/apps/${encodeURIComponent(appKey)}/tokens`, { body: { note } }), AccessTokenSchema),
    async removeToken(appKey: string, id: string): Promise<Reply<null>> {
      const result = await request('DELETE', `/apps/${encodeURIComponent(appKey)}/tokens/${encodeURIComponent(id)}`);
      return result.ok ? { ok: true, data: null } : result;
    },
    installFromUrl: async (host: string, installUrl: string) =>
      json(
        await request('POST', `/sites/${encodeURIComponent(host)}/apps`, { body: { installUrl } }),
        InstalledAppSchema,
      ),
    applyToken: async (host: string, appKey: string, token: string, licenseState?: LicenseState) =>
      json(
        await request('PUT', `${siteAppPath(host, appKey)}/token`, {
          body: licenseState ? { token, licenseState } : { token },
        }),
        InstalledAppSchema,
      ),
    clearToken: async (host: string, appKey: string) =>
      json(await request('DELETE', `${siteAppPath(host, appKey)}/token`), InstalledAppSchema),
    setLicense: async (host: string, appKey: string, state: LicenseState) =>
      json(await request('PUT', `${siteAppPath(host, appKey)}/license`, { body: { state } }), InstalledAppSchema),
    /** A site's installed apps; with an ETag, `{modified: false}` when nothing changed. */
    async siteApps(host: string, etag?: string | null): Promise<Reply<SiteAppsAnswer>> {
      const result = await request('GET', `/sites/${encodeURIComponent(host)}/apps`, {
        headers: etag ? { 'If-None-Match': etag } : {},
      });
      if (result.ok && result.data.status === 304) return { ok: true, data: { modified: false } };
      const apps = await json(result, SiteAppsSchema);
      return apps.ok ? { ok: true, data: { modified: true, apps: apps.data } } : apps;
    },
  };
}
export type ServiceClient = ReturnType<typeof createServiceClient>;

const siteAppPath = (host: string, appKey: string) =>
  `/sites/${encodeURIComponent(host)}/apps/${encodeURIComponent(appKey)}`;

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function networkError(error: unknown, baseUrl: string): ErrorValue {
  const timedOut = error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');
  return timedOut
    ? clientError(
        'timeout',
        `The Token Lens service at ${baseUrl} did not answer within ${REQUEST_TIMEOUT_MS / 1000} s.`,
      )
    : clientError('service_unreachable', `The Token Lens service at ${baseUrl} cannot be reached. Is it running?`);
}

function unexpectedAnswer(): ErrorValue {
  return clientError(
    'unexpected_answer',
    'The service answered something Token Lens does not understand. Are the versions compatible?',
  );
}

async function problemError(response: Response): Promise<ErrorValue> {
  let problem: z.infer<typeof ProblemSchema> | undefined;
  try {
    const parsed = ProblemSchema.safeParse(await response.json());
    if (parsed.success) problem = parsed.data;
  } catch {
    // Not problem+json: described by status alone below.
  }
  const code = problem?.code ?? (response.status === 401 ? 'unauthorized' : `http_${response.status}`);
  const message =
    sentenceFor(code) ?? problem?.detail ?? `The service answered ${response.status} ${response.statusText}.`;
  return clientError(code, message);
}
