import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServiceClient } from '../../lib/api/service-client';
import { createHandlers, type HandlerDeps } from '../../lib/background/handlers';
import * as sessionCommands from '../../lib/background/session-commands';
import type { SiteCommands } from '../../lib/background/site-commands';
import type { SiteSync } from '../../lib/background/site-sync';
import type { AppTokenCache } from '../../lib/cache/app-token-cache';
import type { SiteCache } from '../../lib/cache/site-cache';
import type { AccessToken } from '../../lib/domain/access-token';
import { AppKeySchema, SiteHostSchema } from '../../lib/domain/identifiers';
import { failWith, ok } from '../../lib/domain/reply';
import type { SiteView } from '../../lib/domain/site-view';
import { RequestSchema, type SessionStatus } from '../../lib/messaging/protocol';

// The session functions have their own tests (session-commands.test.ts); here only what the handlers do around them.
vi.mock('../../lib/background/session-commands', () => ({
  sessionStatus: vi.fn(),
  signIn: vi.fn(),
  signOut: vi.fn(),
  setServiceUrl: vi.fn(),
  testConnection: vi.fn(),
}));

const HOST = SiteHostSchema.parse('acme-dev.atlassian.net');
const KEY = AppKeySchema.parse('com.acme.timesheets');
const T = '2026-11-01T09:00:00.000Z';
const SERVICE_REFUSED = failWith('insufficient_scope', 'Your account may not do this.');

const view = (host: string): SiteView => ({ host: SiteHostSchema.parse(host), apps: [], fetchedAt: T, problem: null });

const status = (signedIn: boolean): SessionStatus => ({
  serviceUrl: 'http://127.0.0.1:4747',
  signedIn,
  via: signedIn ? 'session' : null,
  notice: null,
  email: signedIn ? 'owner@acme.example' : null,
  role: signedIn ? 'owner' : null,
  expiresAt: signedIn ? '2026-11-01T21:00:00.000Z' : null,
  persistent: false,
});

const accessToken = (overrides: Partial<AccessToken> = {}): AccessToken => ({
  id: 'tok-1',
  appKey: KEY,
  value: 'mat_00000000000000000000000000000000AB12',
  note: 'for QA',
  status: 'active',
  createdAt: T,
  removedAt: null,
  site: null,
  installUrls: { private: 'https://apps.acme.example/t.json?access-token=mat_x' },
  ...overrides,
});

const COMMAND_NAMES = [
  'settings',
  'enablePrivateListings',
  'setLicense',
  'applyToken',
  'createAndApplyToken',
  'clearToken',
  'installFromUrl',
  'installWithToken',
  'siteAppTokens',
  'installable',
  'tokenless',
  'tokenUrl',
] as const satisfies readonly (keyof SiteCommands)[];

function setup() {
  // Each command answers a reply of its own, so a handler that called the wrong one would show.
  const commandReplies = Object.fromEntries(COMMAND_NAMES.map((name) => [name, ok({ answeredBy: name })]));
  const commands = Object.fromEntries(
    COMMAND_NAMES.map((name) => [name, vi.fn(async (..._args: unknown[]) => commandReplies[name])]),
  ) as Record<(typeof COMMAND_NAMES)[number], ReturnType<typeof vi.fn>>;
  const sync = {
    view: vi.fn(async (host: string) => view(host)),
    revalidate: vi.fn(async (host: string) => view(host)),
    accept: vi.fn(),
  };
  const cachedSites = [{ host: HOST, bytes: 321, fetchedAt: T }];
  const sites = { list: vi.fn(async () => cachedSites), clear: vi.fn(async () => undefined) };
  const tokens = {
    get: vi.fn(async () => undefined),
    stamp: vi.fn(() => 0),
    put: vi.fn(async () => true),
    clear: vi.fn(async () => undefined),
  };
  const service = {
    listTokens: vi.fn(async () => ok({ items: [accessToken()], active: 1, limit: 50 })),
    getToken: vi.fn(async () => ok(accessToken())),
    createToken: vi.fn(async () => ok(accessToken({ id: 'tok-2' }))),
    removeToken: vi.fn(async () => ok(null)),
  };
  const client = vi.fn(async () => ok(service as unknown as ServiceClient));
  const deps = {
    sync: sync as unknown as SiteSync,
    commands: commands as unknown as SiteCommands,
    sites: sites as unknown as SiteCache,
    tokens: tokens as unknown as AppTokenCache,
    client: client as HandlerDeps['client'],
    now: () => new Date(T),
    onSessionChanged: vi.fn(async () => undefined),
    accountCaches: { follow: vi.fn(async () => undefined), signedOut: vi.fn(async () => undefined) },
    onSiteWatched: vi.fn(async () => undefined),
    openInstallPage: vi.fn(async (_host: string) => undefined),
    openApplyPage: vi.fn(async (_host: string, _appKey: string) => undefined),
  };
  return { handlers: createHandlers(deps), deps, commands, commandReplies, sync, sites, tokens, service, client };
}

const session = vi.mocked(sessionCommands);

beforeEach(() => {
  vi.clearAllMocks();
});

describe('createHandlers', () => {
  it('has one handler for every request type of the protocol', () => {
    const { handlers } = setup();
    const types = RequestSchema.options.map((option) => option.shape.type.value);
    expect(Object.keys(handlers).sort()).toEqual([...types].sort());
  });

  describe('site commands', () => {
    it.each([
      ['site.settings', { host: HOST }, 'settings', [HOST]],
      ['site.enablePrivateListings', { host: HOST }, 'enablePrivateListings', [HOST]],
      [
        'site.setLicense',
        { host: HOST, appKey: KEY, state: 'inactive-trial' },
        'setLicense',
        [HOST, KEY, 'inactive-trial'],
      ],
      ['site.applyToken', { host: HOST, appKey: KEY, tokenId: 'tok-9' }, 'applyToken', [HOST, KEY, 'tok-9']],
      ['site.createAndApplyToken', { host: HOST, appKey: KEY }, 'createAndApplyToken', [HOST, KEY]],
      ['site.clearToken', { host: HOST, appKey: KEY }, 'clearToken', [HOST, KEY]],
      [
        'site.installFromUrl',
        { host: HOST, installUrl: 'https://apps.acme.example/d.json?access-token=mat_x' },
        'installFromUrl',
        [HOST, 'https://apps.acme.example/d.json?access-token=mat_x'],
      ],
      [
        'site.installWithToken',
        { host: HOST, appKey: KEY, tokenId: 'tok-9' },
        'installWithToken',
        [HOST, KEY, 'tok-9'],
      ],
      ['site.appTokens', { host: HOST, appKey: KEY }, 'siteAppTokens', [HOST, KEY]],
      ['site.installable', { host: HOST }, 'installable', [HOST]],
      ['site.tokenless', { host: HOST }, 'tokenless', [HOST]],
      ['site.tokenUrl', { host: HOST, appKey: KEY, tokenId: 'tok-9' }, 'tokenUrl', [HOST, KEY, 'tok-9']],
    ] as const)(
      '%s calls commands.%s with the request’s fields and answers its reply unchanged',
      async (type, fields, command, args) => {
        const { handlers, commands, commandReplies } = setup();
        const handler = handlers[type] as (request: unknown) => Promise<unknown>;

        const reply = await handler({ type, ...fields });

        expect(reply).toBe(commandReplies[command]);
        expect(commands[command]).toHaveBeenCalledTimes(1);
        expect(commands[command]).toHaveBeenCalledWith(...args);
        for (const other of COMMAND_NAMES) if (other !== command) expect(commands[other]).not.toHaveBeenCalled();
      },
    );

    it('passes a command’s refusal on unchanged', async () => {
      const { handlers, commands } = setup();
      commands.clearToken.mockResolvedValueOnce(SERVICE_REFUSED);
      await expect(handlers['site.clearToken']({ type: 'site.clearToken', host: HOST, appKey: KEY })).resolves.toBe(
        SERVICE_REFUSED,
      );
    });
  });

  describe('site views', () => {
    it('site.view keeps the refresh alarm running, then answers the sync’s view', async () => {
      const { handlers, deps, sync } = setup();
      const reply = await handlers['site.view']({ type: 'site.view', host: HOST });
      expect(reply).toEqual(ok(view(HOST)));
      expect(sync.view).toHaveBeenCalledWith(HOST);
      expect(deps.onSiteWatched).toHaveBeenCalledTimes(1);
      expect(deps.onSiteWatched.mock.invocationCallOrder[0]).toBeLessThan(sync.view.mock.invocationCallOrder[0] ?? 0);
    });

    it('site.revalidate answers the sync’s revalidated view', async () => {
      const { handlers, deps, sync } = setup();
      const reply = await handlers['site.revalidate']({ type: 'site.revalidate', host: HOST });
      expect(reply).toEqual(ok(view(HOST)));
      expect(sync.revalidate).toHaveBeenCalledWith(HOST);
      expect(sync.view).not.toHaveBeenCalled();
      expect(deps.onSiteWatched).not.toHaveBeenCalled();
    });

    it('site.openInstallPage opens the install window for the site and answers {opened: true}', async () => {
      const { handlers, deps } = setup();
      const reply = await handlers['site.openInstallPage']({ type: 'site.openInstallPage', host: HOST });
      expect(reply).toEqual({ ok: true, data: { opened: true } });
      expect(deps.openInstallPage).toHaveBeenCalledWith(HOST);
    });

    it('site.openApplyPage opens the paste-a-token window for the app and answers {opened: true}', async () => {
      const { handlers, deps } = setup();
      const reply = await handlers['site.openApplyPage']({ type: 'site.openApplyPage', host: HOST, appKey: KEY });
      expect(reply).toEqual({ ok: true, data: { opened: true } });
      expect(deps.openApplyPage).toHaveBeenCalledWith(HOST, KEY);
    });
  });

  describe('app tokens', () => {
    it('app.tokens answers the service’s list, masked, and caches it', async () => {
      const { handlers, service, tokens } = setup();
      const reply = await handlers['app.tokens']({ type: 'app.tokens', appKey: KEY });
      expect(service.listTokens).toHaveBeenCalledWith(KEY);
      expect(reply).toMatchObject({
        ok: true,
        data: { appKey: KEY, active: 1, limit: 50, fetchedAt: T, problem: null },
      });
      expect(reply.ok && reply.data.tokens.map((token) => token.last4)).toEqual(['AB12']);
      expect(JSON.stringify(reply)).not.toContain(accessToken().value);
      expect(tokens.put).toHaveBeenCalledWith(expect.objectContaining({ appKey: KEY }), 0);
    });

    it('app.cachedTokens answers the cached list without asking the service, and null when none is cached', async () => {
      const { handlers, service, tokens } = setup();
      expect(await handlers['app.cachedTokens']({ type: 'app.cachedTokens', appKey: KEY })).toEqual(ok(null));
      const record = { appKey: KEY, tokens: [], active: 3, limit: 50, fetchedAt: T };
      tokens.get.mockResolvedValueOnce(record as never);
      const reply = await handlers['app.cachedTokens']({ type: 'app.cachedTokens', appKey: KEY });
      expect(reply).toEqual(ok({ ...record, problem: null }));
      expect(tokens.get).toHaveBeenCalledWith(KEY);
      expect(service.listTokens).not.toHaveBeenCalled();
    });

    it('app.tokenUrl fetches the token and answers its install URL', async () => {
      const { handlers, service } = setup();
      const reply = await handlers['app.tokenUrl']({ type: 'app.tokenUrl', appKey: KEY, tokenId: 'tok-1' });
      expect(service.getToken).toHaveBeenCalledWith(KEY, 'tok-1');
      expect(reply).toEqual(ok({ url: 'https://apps.acme.example/t.json?access-token=mat_x' }));
    });

    it('app.tokenUrl passes the service’s refusal on', async () => {
      const { handlers, service } = setup();
      service.getToken.mockResolvedValueOnce(SERVICE_REFUSED as never);
      const reply = await handlers['app.tokenUrl']({ type: 'app.tokenUrl', appKey: KEY, tokenId: 'tok-1' });
      expect(reply).toEqual(SERVICE_REFUSED);
    });

    it('app.createToken creates with the note, then answers the refreshed list', async () => {
      const { handlers, service } = setup();
      const reply = await handlers['app.createToken']({ type: 'app.createToken', appKey: KEY, note: 'for QA' });
      expect(service.createToken).toHaveBeenCalledWith(KEY, 'for QA');
      expect(service.listTokens).toHaveBeenCalledTimes(1);
      expect(service.createToken.mock.invocationCallOrder[0]).toBeLessThan(
        service.listTokens.mock.invocationCallOrder[0] ?? 0,
      );
      expect(reply).toMatchObject({ ok: true, data: { appKey: KEY, problem: null } });
    });

    it('app.createToken refused: answers the refusal and does not refresh the list', async () => {
      const { handlers, service, tokens } = setup();
      service.createToken.mockResolvedValueOnce(SERVICE_REFUSED as never);
      const reply = await handlers['app.createToken']({ type: 'app.createToken', appKey: KEY, note: '' });
      expect(reply).toEqual(SERVICE_REFUSED);
      expect(service.listTokens).not.toHaveBeenCalled();
      expect(tokens.put).not.toHaveBeenCalled();
    });

    it('app.removeToken removes the token, then answers the refreshed list', async () => {
      const { handlers, service } = setup();
      const reply = await handlers['app.removeToken']({ type: 'app.removeToken', appKey: KEY, tokenId: 'tok-1' });
      expect(service.removeToken).toHaveBeenCalledWith(KEY, 'tok-1');
      expect(service.listTokens).toHaveBeenCalledTimes(1);
      expect(reply).toMatchObject({ ok: true, data: { appKey: KEY } });
    });

    it('app.removeToken refused: answers the refusal and does not refresh the list', async () => {
      const { handlers, service } = setup();
      service.removeToken.mockResolvedValueOnce(SERVICE_REFUSED as never);
      const reply = await handlers['app.removeToken']({ type: 'app.removeToken', appKey: KEY, tokenId: 'tok-1' });
      expect(reply).toEqual(SERVICE_REFUSED);
      expect(service.listTokens).not.toHaveBeenCalled();
    });

    it('answers not_signed_in without a client, touching no service call', async () => {
      const { handlers, client, service } = setup();
      client.mockResolvedValue(failWith('not_signed_in', 'Sign in first.') as never);
      const reply = await handlers['app.createToken']({ type: 'app.createToken', appKey: KEY, note: '' });
      expect(reply).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
      expect(service.createToken).not.toHaveBeenCalled();
      expect(service.listTokens).not.toHaveBeenCalled();
    });
  });

  describe('cache', () => {
    it('cache.sites lists the cached sites', async () => {
      const { handlers, sites } = setup();
      await expect(handlers['cache.sites']({ type: 'cache.sites' })).resolves.toEqual(
        ok({ sites: [{ host: HOST, bytes: 321, fetchedAt: T }] }),
      );
      expect(sites.clear).not.toHaveBeenCalled();
    });

    it('cache.clear clears both the site and the token caches, then answers the list', async () => {
      const { handlers, sites, tokens } = setup();
      sites.list.mockResolvedValue([]);
      await expect(handlers['cache.clear']({ type: 'cache.clear' })).resolves.toEqual(ok({ sites: [] }));
      expect(sites.clear).toHaveBeenCalledTimes(1);
      expect(tokens.clear).toHaveBeenCalledTimes(1);
      expect(sites.clear.mock.invocationCallOrder[0]).toBeLessThan(sites.list.mock.invocationCallOrder[0] ?? 0);
    });
  });

  describe('session and settings', () => {
    it('session.status answers the session’s status', async () => {
      const { handlers, deps } = setup();
      session.sessionStatus.mockResolvedValueOnce(status(false));
      await expect(handlers['session.status']({ type: 'session.status' })).resolves.toEqual(ok(status(false)));
      expect(deps.onSessionChanged).not.toHaveBeenCalled();
    });

    it('session.signIn signs in with the request’s fields, the caches follow the account, and the views hear', async () => {
      const { handlers, deps } = setup();
      session.signIn.mockResolvedValueOnce(ok(status(true)));
      session.sessionStatus.mockResolvedValueOnce(status(true));
      deps.accountCaches.follow.mockImplementationOnce(async () => {
        // The caches have followed before any view asks again.
        expect(deps.onSessionChanged).not.toHaveBeenCalled();
      });
      const reply = await handlers['session.signIn']({
        type: 'session.signIn',
        email: 'owner@acme.example',
        password: 'secret',
        staySignedIn: true,
      });
      expect(reply).toEqual(ok(status(true)));
      expect(session.signIn).toHaveBeenCalledWith('owner@acme.example', 'secret', true, undefined);
      expect(deps.accountCaches.follow).toHaveBeenCalledTimes(1);
      expect(deps.accountCaches.signedOut).not.toHaveBeenCalled();
      expect(deps.onSessionChanged).toHaveBeenCalledTimes(1);
    });

    // The typed Service URL may have become the configured one even when the sign-in is refused:
    // the caches follow (they keep their data unless the service changed: account-caches.test.ts),
    // and the views hear of it either way. Nothing is emptied as a sign-out would.
    it('session.signIn refused: answers the code, the caches follow without a sign-out, and the views look again', async () => {
      const { handlers, deps } = setup();
      const refused = failWith('invalid_credentials', 'The email or password is not right.');
      session.signIn.mockResolvedValueOnce(refused);
      const reply = await handlers['session.signIn']({
        type: 'session.signIn',
        email: 'owner@acme.example',
        password: 'wrong',
        staySignedIn: false,
      });
      expect(reply).toEqual(refused);
      expect(deps.accountCaches.follow).toHaveBeenCalledTimes(1);
      expect(deps.accountCaches.signedOut).not.toHaveBeenCalled();
      expect(deps.onSessionChanged).toHaveBeenCalledTimes(1);
    });

    it('session.signOut signs out, the caches are emptied before any view hears', async () => {
      const { handlers, deps } = setup();
      session.signOut.mockResolvedValueOnce(status(false));
      deps.accountCaches.signedOut.mockImplementationOnce(async () => {
        expect(deps.onSessionChanged).not.toHaveBeenCalled();
      });
      await expect(handlers['session.signOut']({ type: 'session.signOut' })).resolves.toEqual(ok(status(false)));
      expect(session.signOut).toHaveBeenCalledTimes(1);
      expect(deps.accountCaches.signedOut).toHaveBeenCalledTimes(1);
      expect(deps.accountCaches.follow).not.toHaveBeenCalled();
      expect(deps.onSessionChanged).toHaveBeenCalledTimes(1);
    });

    it('settings.setServiceUrl saves the URL and tells the views on success', async () => {
      const { handlers, deps } = setup();
      session.setServiceUrl.mockResolvedValueOnce(ok(status(false)));
      const reply = await handlers['settings.setServiceUrl']({
        type: 'settings.setServiceUrl',
        serviceUrl: 'http://127.0.0.1:9999',
      });
      expect(reply).toEqual(ok(status(false)));
      expect(session.setServiceUrl).toHaveBeenCalledWith('http://127.0.0.1:9999');
      expect(deps.accountCaches.follow).toHaveBeenCalledTimes(1);
      expect(deps.onSessionChanged).toHaveBeenCalledTimes(1);
    });

    it('settings.setServiceUrl refused: answers the code and tells no view', async () => {
      const { handlers, deps } = setup();
      const refused = failWith('invalid_service_url', 'Give only the service’s origin.');
      session.setServiceUrl.mockResolvedValueOnce(refused);
      const reply = await handlers['settings.setServiceUrl']({ type: 'settings.setServiceUrl', serviceUrl: 'x' });
      expect(reply).toEqual(refused);
      expect(deps.onSessionChanged).not.toHaveBeenCalled();
      expect(deps.accountCaches.follow).not.toHaveBeenCalled();
    });

    it('settings.testConnection tests the given URL and answers its reply unchanged', async () => {
      const { handlers, deps } = setup();
      const unreachable = failWith('service_unreachable', 'Cannot be reached.');
      session.testConnection.mockResolvedValueOnce(unreachable);
      const reply = await handlers['settings.testConnection']({
        type: 'settings.testConnection',
        serviceUrl: 'http://127.0.0.1:9999',
      });
      expect(reply).toBe(unreachable);
      expect(session.testConnection).toHaveBeenCalledWith('http://127.0.0.1:9999');
      expect(deps.onSessionChanged).not.toHaveBeenCalled();
    });
  });
});
