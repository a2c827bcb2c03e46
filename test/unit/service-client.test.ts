import { describe, expect, it, vi } from 'vitest';
import { createServiceClient, REQUEST_TIMEOUT_MS } from '../../lib/api/service-client';
import type { SiteApps } from '../../lib/domain/installed-app';
import { appKey, siteHost } from '../support/identifiers';

const BASE = 'http://127.0.0.1:4747';
const HOST = siteHost('acme-dev.atlassian.net');
const T = '2025-02-03T10:00:00.000Z';

const SITE_APPS: SiteApps = {
  etag: '"v7"',
  items: [
    {
      appKey: appKey('com.acme.timesheets'),
      name: 'Acme Timesheets',
      paymentModel: 'paid',
      installedAt: T,
      token: { id: 'tok_1', last4: 'Q7xZ', appliedAt: T, status: 'active' },
      license: { state: 'active-trial', changedAt: T },
      lic: 'active',
    },
  ],
};

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

const problem = (status: number, code: string, detail: string, headers: Record<string, string> = {}) =>
  new Response(
    JSON.stringify({ type: `https://token-lens.example/problems/${code}`, title: code, status, detail, code }),
    {
      status,
      headers: { 'Content-Type': 'application/problem+json', ...headers },
    },
  );

type FetchArgs = [input: string | URL | Request, init?: RequestInit];

/** A fake fetch that answers each call with the next answer; an Error answer is thrown as a network fault. */
function fakeFetch(...answers: (Response | Error)[]) {
  const fetch = vi.fn(async (..._args: FetchArgs): Promise<Response> => {
    const answer = answers.shift();
    if (answer === undefined) throw new Error('the test gave no answer for this call');
    if (answer instanceof Error) throw answer;
    return answer;
  });
  return fetch;
}

/** A client on the fake fetch and a sleep that returns at once; `token: null` for an anonymous client. */
function clientWith(fetch: ReturnType<typeof fakeFetch>, token: string | null = 'tls_session') {
  const sleep = vi.fn(async (_ms: number) => undefined);
  const client = createServiceClient({
    baseUrl: BASE,
    token: token ?? undefined,
    fetch: fetch as typeof globalThis.fetch,
    sleep,
  });
  return { client, sleep };
}

const headerOf = (call: FetchArgs | undefined, name: string) => new Headers(call?.[1]?.headers).get(name);

describe('createServiceClient', () => {
  describe('siteApps', () => {
    it('parses a 200 answer and asks the right URL with the session and JSON headers', async () => {
      const fetch = fakeFetch(json(200, SITE_APPS, { ETag: '"v7"' }));
      const { client, sleep } = clientWith(fetch);
      await expect(client.siteApps(HOST)).resolves.toEqual({ ok: true, data: { modified: true, apps: SITE_APPS } });
      expect(fetch).toHaveBeenCalledTimes(1);
      const call = fetch.mock.calls[0];
      expect(call?.[0]).toBe(`${BASE}/api/v1/sites/${HOST}/apps`);
      expect(call?.[1]?.method).toBe('GET');
      expect(call?.[1]?.credentials).toBe('omit');
      expect(call?.[1]?.signal).toBeInstanceOf(AbortSignal);
      expect(headerOf(call, 'Authorization')).toBe('Bearer tls_session');
      expect(headerOf(call, 'Accept')).toBe('application/json');
      expect(headerOf(call, 'If-None-Match')).toBeNull();
      expect(sleep).not.toHaveBeenCalled();
    });

    it('sends no Authorization header without a token', async () => {
      const fetch = fakeFetch(json(200, SITE_APPS));
      const { client } = clientWith(fetch, null);
      await client.siteApps(HOST);
      expect(headerOf(fetch.mock.calls[0], 'Authorization')).toBeNull();
    });

    it('escapes the host in the path', async () => {
      const fetch = fakeFetch(json(200, SITE_APPS));
      const { client } = clientWith(fetch);
      await client.siteApps('a/b?c');
      expect(fetch.mock.calls[0]?.[0]).toBe(`${BASE}/api/v1/sites/a%2Fb%3Fc/apps`);
    });

    it('sends If-None-Match with the ETag and answers {modified: false} on a 304', async () => {
      const fetch = fakeFetch(new Response(null, { status: 304, headers: { ETag: '"v7"' } }));
      const { client } = clientWith(fetch);
      await expect(client.siteApps(HOST, '"v7"')).resolves.toEqual({ ok: true, data: { modified: false } });
      expect(headerOf(fetch.mock.calls[0], 'If-None-Match')).toBe('"v7"');
    });

    it('sends no If-None-Match for a null ETag', async () => {
      const fetch = fakeFetch(json(200, SITE_APPS));
      const { client } = clientWith(fetch);
      await client.siteApps(HOST, null);
      expect(headerOf(fetch.mock.calls[0], 'If-None-Match')).toBeNull();
    });

    it('turns a 401 problem into “unauthorized” with a sentence saying to sign in again', async () => {
      const fetch = fakeFetch(
        problem(401, 'unauthorized', 'Missing or invalid token.', { 'WWW-Authenticate': 'Bearer' }),
      );
      const { client, sleep } = clientWith(fetch);
      const result = await client.siteApps(HOST);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('unauthorized');
      expect(result.error.message).toBe(
        'Your session with the Token Lens service has ended. Sign in again in the options page.',
      );
      expect(fetch).toHaveBeenCalledTimes(1);
      expect(sleep).not.toHaveBeenCalled();
    });

    it('calls a bare 401 with no problem body “unauthorized” too', async () => {
      const fetch = fakeFetch(new Response('nope', { status: 401 }));
      const { client } = clientWith(fetch);
      const result = await client.siteApps(HOST);
      expect(result).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    });

    it('keeps the service’s code and detail for a problem it has no sentence for', async () => {
      const detail = 'The URL’s descriptor is not Acme Timesheets’s descriptor.';
      const fetch = fakeFetch(problem(422, 'descriptor_mismatch', detail));
      const { client } = clientWith(fetch);
      const result = await client.siteApps(HOST);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('descriptor_mismatch');
      expect(result.error.message).toBe(detail);
      expect(fetch).toHaveBeenCalledTimes(1);
    });

    it('uses its own sentence for a known code', async () => {
      const fetch = fakeFetch(problem(404, 'site_not_found', 'No site acme-dev.atlassian.net.'));
      const { client } = clientWith(fetch);
      const result = await client.siteApps(HOST);
      expect(result).toMatchObject({
        ok: false,
        error: {
          code: 'site_not_found',
          message: 'The Token Lens service does not know this site. Add it to the service first.',
        },
      });
    });

    it('describes an error without a problem body by its status', async () => {
      const fetch = fakeFetch(new Response('<h1>Teapot</h1>', { status: 418, statusText: 'I’m a teapot' }));
      const { client } = clientWith(fetch);
      const result = await client.siteApps(HOST);
      expect(result).toMatchObject({ ok: false, error: { code: 'http_418' } });
      if (!result.ok) expect(result.error.message).toContain('418');
    });

    it('retries a GET once after a network fault, then answers service_unreachable', async () => {
      const fetch = fakeFetch(new TypeError('Failed to fetch'), new TypeError('Failed to fetch'));
      const { client, sleep } = clientWith(fetch);
      const result = await client.siteApps(HOST);
      expect(result).toMatchObject({ ok: false, error: { code: 'service_unreachable' } });
      if (!result.ok) expect(result.error.message).toContain(BASE);
      expect(fetch).toHaveBeenCalledTimes(2);
      expect(sleep).toHaveBeenCalledTimes(1);
    });

    it('succeeds when the retry after a network fault does', async () => {
      const fetch = fakeFetch(new TypeError('Failed to fetch'), json(200, SITE_APPS));
      const { client } = clientWith(fetch);
      await expect(client.siteApps(HOST)).resolves.toEqual({ ok: true, data: { modified: true, apps: SITE_APPS } });
      expect(fetch).toHaveBeenCalledTimes(2);
    });

    it('answers “timeout” when the request times out', async () => {
      const timeout = () => new DOMException('The operation timed out.', 'TimeoutError');
      const fetch = fakeFetch(timeout(), timeout());
      const { client } = clientWith(fetch);
      const result = await client.siteApps(HOST);
      expect(result).toMatchObject({ ok: false, error: { code: 'timeout' } });
      if (!result.ok) expect(result.error.message).toContain(`${REQUEST_TIMEOUT_MS / 1000} s`);
    });

    it('waits as long as Retry-After asks on a 429 and tries again', async () => {
      const fetch = fakeFetch(problem(429, 'rate_limited', 'Slow down.', { 'Retry-After': '1' }), json(200, SITE_APPS));
      const { client, sleep } = clientWith(fetch);
      await expect(client.siteApps(HOST)).resolves.toEqual({ ok: true, data: { modified: true, apps: SITE_APPS } });
      expect(sleep).toHaveBeenCalledTimes(1);
      expect(sleep).toHaveBeenCalledWith(1000);
      expect(fetch).toHaveBeenCalledTimes(2);
    });

    it('gives up on a second 429 with the rate-limit sentence', async () => {
      const fetch = fakeFetch(
        problem(429, 'rate_limited', 'Slow down.', { 'Retry-After': '1' }),
        problem(429, 'rate_limited', 'Slow down.', { 'Retry-After': '1' }),
      );
      const { client } = clientWith(fetch);
      const result = await client.siteApps(HOST);
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'rate_limited', message: 'The service asks to slow down. Try again in a moment.' },
      });
      expect(fetch).toHaveBeenCalledTimes(2);
    });

    it('does not wait when Retry-After asks for longer than it will wait', async () => {
      const fetch = fakeFetch(problem(429, 'rate_limited', 'Slow down.', { 'Retry-After': '60' }));
      const { client, sleep } = clientWith(fetch);
      const result = await client.siteApps(HOST);
      expect(result).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
      expect(sleep).not.toHaveBeenCalled();
      expect(fetch).toHaveBeenCalledTimes(1);
    });

    it('retries a GET once after a 5xx', async () => {
      const fetch = fakeFetch(problem(503, 'unavailable', 'Restarting.'), json(200, SITE_APPS));
      const { client, sleep } = clientWith(fetch);
      await expect(client.siteApps(HOST)).resolves.toMatchObject({ ok: true });
      expect(fetch).toHaveBeenCalledTimes(2);
      expect(sleep).toHaveBeenCalledTimes(1);
    });

    it.each([
      ['a body that is not JSON', () => new Response('<html>proxy login</html>', { status: 200 })],
      ['JSON of the wrong shape', () => json(200, { apps: [] })],
      [
        'an app with an unknown license state',
        () => json(200, { ...SITE_APPS, items: [{ ...SITE_APPS.items[0], license: { state: 'gold', changedAt: T } }] }),
      ],
      ['an empty body', () => new Response('', { status: 200 })],
    ])('answers unexpected_answer for %s', async (_case, answer) => {
      const fetch = fakeFetch(answer());
      const { client } = clientWith(fetch);
      const result = await client.siteApps(HOST);
      expect(result).toMatchObject({ ok: false, error: { code: 'unexpected_answer' } });
    });
  });

  describe('signIn (a POST)', () => {
    it('sends the credentials as JSON and parses the session', async () => {
      const session = { token: 'tls_abc', expiresAt: T };
      const fetch = fakeFetch(json(201, session));
      const { client } = clientWith(fetch, null);
      await expect(client.signIn('owner@acme.example', 'pw')).resolves.toEqual({ ok: true, data: session });
      const call = fetch.mock.calls[0];
      expect(call?.[0]).toBe(`${BASE}/api/v1/sessions`);
      expect(call?.[1]?.method).toBe('POST');
      expect(headerOf(call, 'Content-Type')).toBe('application/json');
      expect(JSON.parse(String(call?.[1]?.body))).toEqual({ email: 'owner@acme.example', password: 'pw' });
    });

    it('is not retried after a network fault', async () => {
      const fetch = fakeFetch(new TypeError('Failed to fetch'), json(201, { token: 'tls_abc', expiresAt: T }));
      const { client, sleep } = clientWith(fetch, null);
      const result = await client.signIn('owner@acme.example', 'pw');
      expect(result).toMatchObject({ ok: false, error: { code: 'service_unreachable' } });
      expect(fetch).toHaveBeenCalledTimes(1);
      expect(sleep).not.toHaveBeenCalled();
    });

    it('is not retried after a 429 or a 5xx', async () => {
      for (const answer of [
        problem(429, 'rate_limited', 'Slow down.', { 'Retry-After': '1' }),
        problem(500, 'internal', 'Oops.'),
      ]) {
        const fetch = fakeFetch(answer, json(201, { token: 'tls_abc', expiresAt: T }));
        const { client, sleep } = clientWith(fetch, null);
        const result = await client.signIn('owner@acme.example', 'pw');
        expect(result.ok).toBe(false);
        expect(fetch).toHaveBeenCalledTimes(1);
        expect(sleep).not.toHaveBeenCalled();
      }
    });

    it('turns wrong credentials into invalid_credentials with its sentence', async () => {
      const fetch = fakeFetch(problem(401, 'invalid_credentials', 'Wrong email or password.'));
      const { client } = clientWith(fetch, null);
      const result = await client.signIn('owner@acme.example', 'wrong');
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'invalid_credentials', message: 'The email or password is not right.' },
      });
    });
  });

  describe('health', () => {
    it('asks /healthz outside the API and accepts {status: "ok"}', async () => {
      const fetch = fakeFetch(json(200, { status: 'ok' }));
      const { client } = clientWith(fetch);
      await expect(client.health()).resolves.toEqual({ ok: true, data: { status: 'ok' } });
      expect(fetch.mock.calls[0]?.[0]).toBe(`${BASE}/healthz`);
    });

    it('answers service_unreachable when nothing listens', async () => {
      const fetch = fakeFetch(new TypeError('Failed to fetch'));
      const { client } = clientWith(fetch);
      await expect(client.health()).resolves.toMatchObject({ ok: false, error: { code: 'service_unreachable' } });
    });

    it('answers unexpected_answer when something else answers', async () => {
      const fetch = fakeFetch(json(200, { hello: 'world' }));
      const { client } = clientWith(fetch);
      await expect(client.health()).resolves.toMatchObject({ ok: false, error: { code: 'unexpected_answer' } });
    });
  });

  describe('a token the service refuses', () => {
    it('is reported once per 401, so the background can sign out and say why', async () => {
      const onUnauthorized = vi.fn();
      const fetch = fakeFetch(
        new Response(
          JSON.stringify({ type: 't', title: 'Unauthorized', status: 401, detail: 'gone', code: 'unauthorized' }),
          {
            status: 401,
            headers: { 'Content-Type': 'application/problem+json' },
          },
        ),
        new Response(JSON.stringify({ items: [], etag: '"1"' }), { status: 200 }),
      );
      const client = createServiceClient({
        baseUrl: BASE,
        token: 'tls_session',
        fetch: fetch as typeof globalThis.fetch,
        onUnauthorized,
      });
      await expect(client.listApps()).resolves.toMatchObject({ ok: false, error: { code: 'unauthorized' } });
      expect(onUnauthorized).toHaveBeenCalledTimes(1);
      await client.listApps();
      expect(onUnauthorized).toHaveBeenCalledTimes(1);
    });

    it('is not reported for a sign-in without a token (a wrong password is not a lost session)', async () => {
      const onUnauthorized = vi.fn();
      const fetch = fakeFetch(new Response('{}', { status: 401 }));
      const client = createServiceClient({ baseUrl: BASE, fetch: fetch as typeof globalThis.fetch, onUnauthorized });
      await client.signIn('a@b.example', 'x');
      expect(onUnauthorized).not.toHaveBeenCalled();
    });
  });
});
