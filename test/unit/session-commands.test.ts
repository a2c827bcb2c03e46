import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  sessionEnded,
  sessionStatus,
  setServiceUrl,
  signIn,
  signInWithToken,
  signOut,
  testConnection,
} from '../../lib/background/session-commands';
import { readSession, type StoredSession, saveSession } from '../../lib/background/session-store';
import { DEFAULT_SETTINGS, readSettings, writeSettings } from '../../lib/background/settings';
import { formatToken } from '../../lib/domain/token-format';

const SERVICE = DEFAULT_SETTINGS.serviceUrl;
const OTHER_SERVICE = 'http://127.0.0.1:9999';
const EMAIL = 'owner@acme.example';
const PASSWORD = 'correct horse battery staple';
// readSession compares with the real clock: the session must still be valid when the test runs.
const EXPIRES_AT = new Date(Date.now() + 12 * 60 * 60 * 1000).toISOString();

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const problem = (status: number, code: string) =>
  new Response(
    JSON.stringify({ type: `https://token-lens.example/problems/${code}`, title: code, status, detail: code, code }),
    { status, headers: { 'Content-Type': 'application/problem+json' } },
  );

type Route = (init: RequestInit | undefined) => Response | Promise<Response>;

/** A fake fetch answering by "METHOD url"; a request with no route fails the test loudly. */
function stubFetch(routes: Record<string, Route>) {
  const fetch = vi.fn(async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const key = `${init?.method ?? 'GET'} ${String(input)}`;
    const route = routes[key];
    if (!route) throw new Error(`no route for ${key}`);
    return route(init);
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

const signInRoutes = (overrides: Record<string, Route> = {}) => ({
  [`POST ${SERVICE}/api/v1/sessions`]: () => json(201, { token: 'tls_new_session', expiresAt: EXPIRES_AT }),
  [`GET ${SERVICE}/api/v1/me`]: () =>
    json(200, {
      id: 'u1',
      email: EMAIL,
      role: 'owner',
      via: 'session',
      scopes: ['tokens:read'],
      expiresAt: EXPIRES_AT,
    }),
  ...overrides,
});

const storedSession = (overrides: Partial<StoredSession> = {}): StoredSession => ({
  token: 'tls_existing',
  kind: 'session',
  expiresAt: EXPIRES_AT,
  email: EMAIL,
  role: 'owner',
  serviceUrl: SERVICE,
  persistent: false,
  ...overrides,
});

const headerOf = (init: RequestInit | undefined, name: string) => new Headers(init?.headers).get(name);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('signIn', () => {
  it('exchanges email and password for a session, saves it and reports signed in', async () => {
    const fetch = stubFetch(signInRoutes());

    const reply = await signIn(EMAIL, PASSWORD, false);

    expect(reply).toEqual({
      ok: true,
      data: {
        serviceUrl: SERVICE,
        signedIn: true,
        via: 'session',
        email: EMAIL,
        role: 'owner',
        expiresAt: EXPIRES_AT,
        persistent: false,
        notice: null,
      },
    });
    const [, signInInit] = fetch.mock.calls[0] ?? [];
    expect(JSON.parse(String(signInInit?.body))).toEqual({ email: EMAIL, password: PASSWORD });
    // /me is asked with the new session, which is what identifies the account.
    const [meUrl, meInit] = fetch.mock.calls[1] ?? [];
    expect(meUrl).toBe(`${SERVICE}/api/v1/me`);
    expect(headerOf(meInit, 'Authorization')).toBe('Bearer tls_new_session');
    await expect(readSession()).resolves.toEqual(
      storedSession({ token: 'tls_new_session', serviceUrl: SERVICE, persistent: false }),
    );
  });

  it('keeps no password anywhere', async () => {
    stubFetch(signInRoutes());
    await signIn(EMAIL, PASSWORD, true);
    const everything = JSON.stringify([
      await fakeBrowser.storage.session.get(null),
      await fakeBrowser.storage.local.get(null),
      await readSession(),
    ]);
    expect(everything).not.toContain(PASSWORD);
  });

  it('with Stay signed in, keeps the session across a browser restart', async () => {
    stubFetch(signInRoutes());
    const reply = await signIn(EMAIL, PASSWORD, true);
    expect(reply).toMatchObject({ ok: true, data: { signedIn: true, persistent: true } });
    // A restart empties storage.session; the extension's IndexedDB still has the session.
    await fakeBrowser.storage.session.clear();
    await expect(readSession()).resolves.toMatchObject({ token: 'tls_new_session', persistent: true });
  });

  it('answers the service’s code for wrong credentials and saves nothing', async () => {
    const fetch = stubFetch(
      signInRoutes({ [`POST ${SERVICE}/api/v1/sessions`]: () => problem(401, 'invalid_credentials') }),
    );

    const reply = await signIn(EMAIL, 'wrong', false);

    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
    expect(fetch).toHaveBeenCalledTimes(1);
    await expect(readSession()).resolves.toBeUndefined();
    await expect(sessionStatus()).resolves.toMatchObject({ signedIn: false, email: null });
  });

  it('saves nothing when the service cannot say who signed in, and ends that session there', async () => {
    const ended = vi.fn((_init: RequestInit | undefined) => new Response(null, { status: 204 }));
    stubFetch(
      signInRoutes({
        [`GET ${SERVICE}/api/v1/me`]: () => json(200, { who: 'knows' }),
        [`DELETE ${SERVICE}/api/v1/sessions/current`]: ended,
      }),
    );
    const reply = await signIn(EMAIL, PASSWORD, false);
    expect(reply).toMatchObject({ ok: false, error: { code: 'unexpected_answer' } });
    await expect(readSession()).resolves.toBeUndefined();
    // The session just issued is not left valid at the service for its 12 hours.
    expect(ended).toHaveBeenCalledTimes(1);
    expect(new Headers(ended.mock.calls[0]?.[0]?.headers).get('Authorization')).toBe('Bearer tls_new_session');
  });

  it('signs in at the configured service, not the default one', async () => {
    await writeSettings({ serviceUrl: OTHER_SERVICE });
    const fetch = stubFetch({
      [`POST ${OTHER_SERVICE}/api/v1/sessions`]: () => json(201, { token: 'tls_other', expiresAt: EXPIRES_AT }),
      [`GET ${OTHER_SERVICE}/api/v1/me`]: () =>
        json(200, { id: 'u2', email: EMAIL, role: 'tester', via: 'session', scopes: [], expiresAt: EXPIRES_AT }),
    });
    const reply = await signIn(EMAIL, PASSWORD, false);
    expect(reply).toMatchObject({ ok: true, data: { serviceUrl: OTHER_SERVICE, signedIn: true, role: 'tester' } });
    expect(fetch).toHaveBeenCalledTimes(2);
    await expect(readSession()).resolves.toMatchObject({ serviceUrl: OTHER_SERVICE, token: 'tls_other' });
  });
});

describe('sessionStatus', () => {
  it('counts a session issued by another service as signed out', async () => {
    await saveSession(storedSession({ serviceUrl: OTHER_SERVICE }));
    await expect(sessionStatus()).resolves.toEqual({
      serviceUrl: SERVICE,
      signedIn: false,
      via: null,
      email: null,
      role: null,
      expiresAt: null,
      persistent: false,
      notice: null,
    });
  });
});

describe('signOut', () => {
  it('ends the session at the service and forgets it here', async () => {
    await saveSession(storedSession({ persistent: true }));
    const fetch = stubFetch({
      [`DELETE ${SERVICE}/api/v1/sessions/current`]: () => new Response(null, { status: 204 }),
    });

    const status = await signOut();

    expect(status).toMatchObject({ signedIn: false, email: null });
    expect(headerOf(fetch.mock.calls[0]?.[1], 'Authorization')).toBe('Bearer tls_existing');
    await expect(readSession()).resolves.toBeUndefined();
  });

  it('forgets the session even when the service cannot be reached', async () => {
    await saveSession(storedSession());
    stubFetch({
      [`DELETE ${SERVICE}/api/v1/sessions/current`]: () => {
        throw new TypeError('Failed to fetch');
      },
    });
    await expect(signOut()).resolves.toMatchObject({ signedIn: false });
    await expect(readSession()).resolves.toBeUndefined();
  });
});

describe('setServiceUrl', () => {
  it.each([
    ['not a URL', 'not a url'],
    ['a path', 'http://127.0.0.1:4747/api/v1'],
    ['another scheme', 'ftp://127.0.0.1:4747'],
  ])('refuses %s with invalid_service_url and changes nothing', async (_case, input) => {
    await saveSession(storedSession());
    const reply = await setServiceUrl(input);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_service_url' } });
    await expect(readSettings()).resolves.toEqual(DEFAULT_SETTINGS);
    await expect(readSession()).resolves.toBeDefined();
  });

  it('saves a new service URL and forgets the session of the old service', async () => {
    await saveSession(storedSession({ persistent: true }));

    const reply = await setServiceUrl(`${OTHER_SERVICE}/`);

    expect(reply).toMatchObject({ ok: true, data: { serviceUrl: OTHER_SERVICE, signedIn: false } });
    await expect(readSettings()).resolves.toEqual({ serviceUrl: OTHER_SERVICE });
    // Gone from storage.session and from IndexedDB: a restart does not bring it back.
    await fakeBrowser.storage.session.clear();
    await expect(readSession()).resolves.toBeUndefined();
  });

  it('keeps the session when the URL is the same service, written differently', async () => {
    await saveSession(storedSession());
    const reply = await setServiceUrl('  HTTP://127.0.0.1:4747/ ');
    expect(reply).toMatchObject({ ok: true, data: { serviceUrl: SERVICE, signedIn: true, email: EMAIL } });
    await expect(readSession()).resolves.toEqual(storedSession());
  });
});

describe('testConnection', () => {
  it('answers ok when /healthz says ok', async () => {
    const fetch = stubFetch({ [`GET ${OTHER_SERVICE}/healthz`]: () => json(200, { status: 'ok' }) });
    await expect(testConnection(OTHER_SERVICE)).resolves.toEqual({ ok: true, data: { ok: true, version: 'v1' } });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('answers service_unreachable when nothing answers', async () => {
    stubFetch({
      [`GET ${SERVICE}/healthz`]: () => {
        throw new TypeError('Failed to fetch');
      },
    });
    await expect(testConnection(SERVICE)).resolves.toMatchObject({ ok: false, error: { code: 'service_unreachable' } });
  });

  it('answers unexpected_answer when something else answers /healthz', async () => {
    stubFetch({ [`GET ${SERVICE}/healthz`]: () => json(200, { status: 'maybe' }) });
    await expect(testConnection(SERVICE)).resolves.toMatchObject({ ok: false, error: { code: 'unexpected_answer' } });
  });

  it('refuses an invalid URL before fetching anything', async () => {
    const fetch = stubFetch({});
    await expect(testConnection('127.0.0.1:4747')).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_service_url' },
    });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('tests the URL it is given without saving it', async () => {
    stubFetch({ [`GET ${OTHER_SERVICE}/healthz`]: () => json(200, { status: 'ok' }) });
    await testConnection(OTHER_SERVICE);
    await expect(readSettings()).resolves.toEqual(DEFAULT_SETTINGS);
  });
});

describe('signing in with a personal access token', () => {
  // A well-formed token: prefix, 32 base62 characters and their checksum.
  const PAT = formatToken('personal', new Uint8Array(64).fill(7));
  const patRoutes = {
    [`GET ${SERVICE}/api/v1/me`]: () =>
      json(200, { id: 'u1', email: EMAIL, role: 'owner', via: 'personal-token', scopes: [], expiresAt: EXPIRES_AT }),
  };

  it('keeps the token once the service says whose it is, as a personal token', async () => {
    const fetch = stubFetch(patRoutes);
    const reply = await signInWithToken(` ${PAT} `, false);
    expect(reply).toMatchObject({ ok: true, data: { signedIn: true, via: 'personal-token', email: EMAIL } });
    expect(headerOf(fetch.mock.calls[0]?.[1], 'Authorization')).toBe(`Bearer ${PAT}`);
    await expect(readSession()).resolves.toMatchObject({ token: PAT, kind: 'personal-token', expiresAt: EXPIRES_AT });
  });

  it('refuses what is not a personal access token before asking the service', async () => {
    const fetch = stubFetch({});
    await expect(signInWithToken('my-password', false)).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_personal_token' },
    });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('signs in at the Service URL as typed, which becomes the configured one', async () => {
    stubFetch({
      [`POST ${OTHER_SERVICE}/api/v1/sessions`]: () => json(201, { token: 'tls_typed', expiresAt: EXPIRES_AT }),
      [`GET ${OTHER_SERVICE}/api/v1/me`]: () =>
        json(200, { id: 'u1', email: EMAIL, role: 'owner', via: 'session', scopes: [], expiresAt: EXPIRES_AT }),
    });
    const reply = await signIn(EMAIL, PASSWORD, false, `${OTHER_SERVICE}/`);
    expect(reply).toMatchObject({ ok: true, data: { signedIn: true, serviceUrl: OTHER_SERVICE } });
    await expect(readSettings()).resolves.toMatchObject({ serviceUrl: OTHER_SERVICE });
  });

  it('says why it signed out when the service stops accepting the token, until the next sign-in', async () => {
    stubFetch(patRoutes);
    await signInWithToken(PAT, false);
    await sessionEnded();
    const status = await sessionStatus();
    expect(status.signedIn).toBe(false);
    expect(status.notice).toContain('personal access token');
    await signInWithToken(PAT, false);
    await expect(sessionStatus()).resolves.toMatchObject({ signedIn: true, notice: null });
  });
});
