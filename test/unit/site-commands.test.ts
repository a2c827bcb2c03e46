import { describe, expect, it, vi } from 'vitest';
import type { ServiceClient } from '../../lib/api/service-client';
import { createSiteCommands } from '../../lib/background/site-commands';
import { createSiteSync } from '../../lib/background/site-sync';
import { createAppTokenCache } from '../../lib/cache/app-token-cache';
import { openCacheDb } from '../../lib/cache/cache-db';
import { createSiteCache } from '../../lib/cache/site-cache';
import type { AccessToken } from '../../lib/domain/access-token';
import type { InstalledApp } from '../../lib/domain/installed-app';
import { appKey, siteHost } from '../support/identifiers';

const HOST = siteHost('acme-dev.atlassian.net');
const T = '2026-11-01T09:00:00.000Z';
const KEY = appKey('com.acme.timesheets');

const installed = (overrides: Partial<InstalledApp> = {}): InstalledApp => ({
  appKey: KEY,
  name: 'Acme Timesheets',
  paymentModel: 'paid',
  installedAt: T,
  token: { id: 'tok-1', last4: 'AB12', appliedAt: T, status: 'active' },
  license: { state: 'active-trial', changedAt: T },
  lic: 'active',
  ...overrides,
});

const accessToken = (overrides: Partial<AccessToken> = {}): AccessToken => ({
  id: 'tok-2',
  appKey: KEY,
  value: 'mat_00000000000000000000000000000000CD34',
  note: '',
  status: 'active',
  createdAt: T,
  removedAt: null,
  site: null,
  installUrls: { private: 'https://apps.acme.example/t.json?access-token=mat_x' },
  ...overrides,
});

function setup(client: Partial<ServiceClient>, extra: Partial<Parameters<typeof createSiteCommands>[0]> = {}) {
  const db = openCacheDb();
  const onChange = vi.fn(async () => undefined);
  const full = {
    siteApps: vi.fn(async () => ({
      ok: true as const,
      data: { modified: true as const, apps: { items: [installed()], etag: '"e1"' } },
    })),
    ...client,
  } as unknown as ServiceClient;
  const clientOf = async () => ({ ok: true as const, data: full });
  const sync = createSiteSync({
    cache: createSiteCache(db, () => new Date(T)),
    driver: clientOf,
    onChange,
    onSessionEnded: vi.fn(),
    now: () => new Date(T),
  });
  const commands = createSiteCommands({
    sync,
    tokens: createAppTokenCache(db),
    client: clientOf,
    now: () => new Date(T),
    ...extra,
  });
  return { commands, onChange, client: full };
}

describe('site commands', () => {
  it('sends a switch to the service and shows what the service answered', async () => {
    const setLicense = vi.fn(async () => ({
      ok: true as const,
      data: installed({ license: { state: 'inactive-trial', changedAt: T }, lic: 'none' }),
    }));
    const { commands, onChange } = setup({ setLicense });
    const reply = await commands.setLicense(HOST, KEY, 'inactive-trial');
    expect(setLicense).toHaveBeenCalledWith(HOST, KEY, 'inactive-trial');
    expect(reply.ok && reply.data.apps[0]?.license.state).toBe('inactive-trial');
    expect(onChange).toHaveBeenCalled();
  });

  it('changes nothing when the service refuses, and says why', async () => {
    const setLicense = vi.fn(async () => ({
      ok: false as const,
      error: { code: 'token_removed', message: 'This token was removed at the Marketplace — apply another token.' },
    }));
    const { commands, onChange } = setup({ setLicense });
    const reply = await commands.setLicense(HOST, KEY, 'active-trial');
    expect(reply).toEqual({
      ok: false,
      error: { code: 'token_removed', message: 'This token was removed at the Marketplace — apply another token.' },
    });
    expect(onChange).not.toHaveBeenCalled();
  });

  it('fetches a picked token’s value at the moment it applies it', async () => {
    const getToken = vi.fn(async () => ({ ok: true as const, data: accessToken() }));
    const applyToken = vi.fn(async () => ({ ok: true as const, data: installed() }));
    const { commands } = setup({ getToken, applyToken });
    const reply = await commands.applyToken(HOST, KEY, 'tok-2');
    expect(reply.ok).toBe(true);
    expect(applyToken).toHaveBeenCalledWith(HOST, KEY, 'mat_00000000000000000000000000000000CD34');
  });

  it.each([
    ['bound to another site', accessToken({ site: { host: siteHost('acme-staging.atlassian.net'), boundAt: T } })],
    ['removed', accessToken({ status: 'removed', removedAt: T })],
  ])('refuses a token %s before asking the service to apply it, naming no other site', async (_case, token) => {
    const applyToken = vi.fn();
    const { commands } = setup({ getToken: vi.fn(async () => ({ ok: true as const, data: token })), applyToken });
    const reply = await commands.applyToken(HOST, KEY, token.id);
    expect(reply.ok).toBe(false);
    expect(JSON.stringify(reply)).not.toContain('acme-staging');
    expect(applyToken).not.toHaveBeenCalled();
  });

  it('does not hand out the URL of a token bound to another site', async () => {
    const { commands } = setup({
      getToken: vi.fn(async () => ({
        ok: true as const,
        data: accessToken({ site: { host: siteHost('acme-staging.atlassian.net'), boundAt: T } }),
      })),
    });
    const reply = await commands.tokenUrl(HOST, KEY, 'tok-2');
    expect(reply).toMatchObject({ ok: false, error: { code: 'token_not_for_this_site' } });
  });

  const siteWithListings = (enabled: boolean) =>
    vi.fn(async () => ({ ok: true as const, data: { host: HOST, privateListingsEnabled: enabled, createdAt: T } }));

  it('does not create a token it could not apply: private listings are off', async () => {
    const createToken = vi.fn();
    const { commands } = setup({ site: siteWithListings(false), createToken });
    await expect(commands.createAndApplyToken(HOST, KEY)).resolves.toMatchObject({
      ok: false,
      error: { code: 'private_listings_disabled' },
    });
    expect(createToken).not.toHaveBeenCalled();
  });

  it('removes the new token again when applying it fails', async () => {
    const removeToken = vi.fn(async () => ({ ok: true as const, data: null }));
    const { commands } = setup({
      site: siteWithListings(true),
      createToken: vi.fn(async () => ({ ok: true as const, data: accessToken() })),
      applyToken: vi.fn(async () => ({ ok: false as const, error: { code: 'timeout', message: 'No answer.' } })),
      removeToken,
    });
    await expect(commands.createAndApplyToken(HOST, KEY)).resolves.toMatchObject({ ok: false });
    expect(removeToken).toHaveBeenCalledWith(KEY, accessToken().id);
  });

  it('creates and applies in one step', async () => {
    const createToken = vi.fn(async () => ({ ok: true as const, data: accessToken() }));
    const applyToken = vi.fn(async () => ({ ok: true as const, data: installed() }));
    const { commands } = setup({ site: siteWithListings(true), createToken, applyToken });
    await expect(commands.createAndApplyToken(HOST, KEY)).resolves.toMatchObject({ ok: true });
    expect(createToken).toHaveBeenCalledWith(KEY, expect.any(String));
    expect(JSON.stringify(createToken.mock.calls)).not.toContain(HOST);
    expect(applyToken).toHaveBeenCalledWith(HOST, KEY, accessToken().value);
  });
});

describe('a command answer and a revalidation under way', () => {
  it('keeps the command’s answer when an older revalidation finishes after it', async () => {
    let finishOldPoll: () => void = () => undefined;
    const before = installed();
    const after = installed({ license: { state: 'inactive-trial', changedAt: T }, lic: 'none' });
    const siteApps = vi
      .fn()
      // The poll under way answers what the service held before the command…
      .mockImplementationOnce(
        () =>
          new Promise((resolve) => {
            finishOldPoll = () =>
              resolve({ ok: true, data: { modified: true, apps: { items: [before], etag: '"old"' } } });
          }),
      )
      // …and the revalidation after the command answers what it holds now.
      .mockResolvedValue({ ok: true, data: { modified: true, apps: { items: [after], etag: '"new"' } } });
    const db = openCacheDb();
    const cache = createSiteCache(db, () => new Date(T));
    const client = {
      siteApps,
      setLicense: vi.fn(async () => ({ ok: true as const, data: after })),
    } as unknown as ServiceClient;
    const clientOf = async () => ({ ok: true as const, data: client });
    const sync = createSiteSync({
      cache,
      driver: clientOf,
      onChange: vi.fn(async () => undefined),
      onSessionEnded: vi.fn(),
      now: () => new Date(T),
    });
    const commands = createSiteCommands({
      sync,
      tokens: createAppTokenCache(db),
      client: clientOf,
      now: () => new Date(T),
    });

    const oldPoll = sync.revalidate(HOST);
    await vi.waitFor(() => expect(siteApps).toHaveBeenCalledTimes(1));
    await commands.setLicense(HOST, KEY, 'inactive-trial');
    finishOldPoll();
    await oldPoll;
    // The old poll's answer did not overwrite the command's.
    expect((await cache.get(HOST))?.apps[0]?.license.state).toBe('inactive-trial');
    await vi.waitFor(() => expect(siteApps).toHaveBeenCalledTimes(2));
    await vi.waitFor(async () => expect((await cache.get(HOST))?.etag).toBe('"new"'));
    expect((await cache.get(HOST))?.apps[0]?.license.state).toBe('inactive-trial');
  });

  describe('describing a pasted token URL', () => {
    const app = (key: string, name: string, descriptorUrl: string) => ({
      key: appKey(key),
      name,
      paymentModel: 'paid' as const,
      visibility: 'private' as const,
      descriptorUrl,
      createdAt: T,
      versions: [
        { version: '2.0.0', visibility: 'private' as const, descriptorUrl: `${descriptorUrl}?v=2`, createdAt: T },
      ],
      activeTokens: 1,
      tokenLimit: 50,
    });
    const listApps = vi.fn(async () => ({
      ok: true as const,
      data: {
        items: [
          app('com.acme.timesheets', 'Acme Timesheets', 'https://apps.acme.example/timesheets.json'),
          app('com.acme.reports', 'Acme Reports', 'https://apps.acme.example/reports.json'),
        ],
      },
    }));

    it.each([
      [
        'an app’s descriptor',
        'https://apps.acme.example/reports.json',
        { appKey: 'com.acme.reports', name: 'Acme Reports', installedHere: false },
      ],
      [
        'a version’s descriptor',
        'https://apps.acme.example/reports.json?v=2',
        { appKey: 'com.acme.reports', name: 'Acme Reports', installedHere: false },
      ],
      [
        'an installed app',
        'https://apps.acme.example/timesheets.json',
        { appKey: KEY, name: 'Acme Timesheets', installedHere: true },
      ],
      ['no app of the vendor’s', 'https://evil.example/x.json', null],
    ])('names %s, and the token’s last four', async (_case, descriptor, expected) => {
      const { commands } = setup({ listApps });
      const url = `${descriptor}${descriptor.includes('?') ? '&' : '?'}access-token=mat_0123456789abcdefghijABCDEFGHIJ01WXYZ`;
      await expect(commands.describeTokenUrl(HOST, url)).resolves.toEqual({
        ok: true,
        data: { app: expected, last4: 'WXYZ' },
      });
    });

    it('refuses what is not a token URL without asking the service', async () => {
      const { commands } = setup({ listApps });
      listApps.mockClear();
      await expect(commands.describeTokenUrl(HOST, 'https://apps.acme.example/reports.json')).resolves.toMatchObject({
        ok: false,
        error: { code: 'not_a_token_url' },
      });
      expect(listApps).not.toHaveBeenCalled();
    });
  });
});

describe('apps that can never have a token', () => {
  const listing = (key: string, visibility: 'private' | 'public', versions: ('private' | 'public')[] = []) => ({
    key: appKey(key),
    name: key,
    paymentModel: 'paid' as const,
    visibility,
    descriptorUrl: `https://apps.acme.example/${key}.json`,
    createdAt: T,
    versions: versions.map((v, index) => ({ version: `${index}.0`, visibility: v, descriptorUrl: 'x', createdAt: T })),
    activeTokens: 0,
    tokenLimit: 50,
  });
  const siteApps = vi.fn(async () => ({
    ok: true as const,
    data: {
      modified: true as const,
      apps: {
        items: [
          installed(),
          installed({ appKey: appKey('com.acme.hello'), name: 'Acme Hello', paymentModel: 'free', token: null }),
          installed({ appKey: appKey('com.acme.beta'), name: 'Acme Beta', token: null }),
          installed({ appKey: appKey('com.other.thing'), name: 'Other Thing', token: null }),
        ],
        etag: '"e2"',
      },
    },
  }));

  it('names each with the reason: no private listing or version, or not one of the vendor’s listings', async () => {
    const listApps = vi.fn(async () => ({
      ok: true as const,
      data: {
        items: [
          listing('com.acme.timesheets', 'private'),
          listing('com.acme.hello', 'public'),
          // Public, but with a private version: it can have tokens.
          listing('com.acme.beta', 'public', ['public', 'private']),
        ],
      },
    }));
    const { commands } = setup({ siteApps, listApps });
    await expect(commands.tokenless(HOST)).resolves.toEqual({
      ok: true,
      data: {
        apps: [
          {
            appKey: 'com.acme.hello',
            reason: 'Acme Hello has no private listing or private version, so it cannot have access tokens.',
          },
          {
            appKey: 'com.other.thing',
            reason: "Other Thing is not one of your listings: only its vendor's private listing has access tokens.",
          },
        ],
      },
    });
  });

  it('passes the service’s refusal on', async () => {
    const listApps = vi.fn(async () => ({
      ok: false as const,
      error: { code: 'service_unreachable', message: 'The Token Lens service did not answer.' },
    }));
    const { commands } = setup({ siteApps, listApps });
    await expect(commands.tokenless(HOST)).resolves.toMatchObject({
      ok: false,
      error: { code: 'service_unreachable' },
    });
  });
});

describe('with a page of the site open', () => {
  it('switches the license state through the site’s own API (that page), not the service’s site API', async () => {
    const setLicense = vi.fn();
    const requests: unknown[] = [];
    const token = {
      pluginKey: KEY,
      token: 'mat_0123456789abcdefghijABCDEFGHIJ01AB12',
      state: 'ACTIVE_TRIAL',
      valid: true,
    };
    const site = vi.fn(async (request: { method: string; path: string }) => {
      requests.push(request);
      const body =
        request.method !== 'GET'
          ? {}
          : request.path === 'rest/plugins/1.0/'
            ? { plugins: [{ key: KEY, name: 'Acme Timesheets', userInstalled: true }] }
            : request.path === 'rest/plugins/1.0/license-tokens'
              ? { tokens: [{ ...token, state: 'INACTIVE_TRIAL' }] }
              : token;
      return { ok: true as const, data: { status: 200, body: JSON.stringify(body), upmToken: null, location: null } };
    });
    const siteApi = vi.fn(async () => site);
    const { commands } = setup({ setLicense }, { siteApi });
    const reply = await commands.setLicense(HOST, KEY, 'inactive-trial');
    expect(reply.ok).toBe(true);
    expect(siteApi).toHaveBeenCalledWith(HOST);
    // The token's value, the change, then the site read back (its plugin list and its tokens).
    expect(requests.map((request) => (request as { method: string }).method)).toEqual(['GET', 'POST', 'GET', 'GET']);
    expect(reply.ok && reply.data.apps[0]?.license.state).toBe('inactive-trial');
    expect(setLicense).not.toHaveBeenCalled();
  });

  it('uses the service’s site API when no page of the site is open', async () => {
    const setLicense = vi.fn(async () => ({ ok: true as const, data: installed() }));
    const { commands } = setup({ setLicense }, { siteApi: vi.fn(async () => null) });
    expect((await commands.setLicense(HOST, KEY, 'inactive-trial')).ok).toBe(true);
    expect(setLicense).toHaveBeenCalledWith(HOST, KEY, 'inactive-trial');
  });
});

describe('a pasted token value (the product’s pencil flow)', () => {
  const VALUE = 'mat_0123456789abcdefghijABCDEFGHIJ01AB12';

  it('applies the value as pasted, or the one a pasted token URL carries', async () => {
    const applyToken = vi.fn(async () => ({ ok: true as const, data: installed() }));
    const { commands } = setup({ applyToken });
    expect((await commands.applyTokenValue(HOST, KEY, `  ${VALUE}\n`)).ok).toBe(true);
    expect(applyToken).toHaveBeenLastCalledWith(HOST, KEY, VALUE);
    await commands.applyTokenValue(HOST, KEY, `https://apps.acme.example/atlassian-connect.json?access-token=${VALUE}`);
    expect(applyToken).toHaveBeenLastCalledWith(HOST, KEY, VALUE);
  });

  it.each([
    ['empty', '   '],
    ['with spaces inside', 'mat_0123 4567'],
    ['too short', 'mat_01'],
    ['a URL without a token', 'https://apps.acme.example/atlassian-connect.json'],
  ])('refuses what is not a token (%s) without asking anyone', async (_case, pasted) => {
    const applyToken = vi.fn();
    const siteApi = vi.fn();
    const { commands } = setup({ applyToken }, { siteApi });
    await expect(commands.applyTokenValue(HOST, KEY, pasted)).resolves.toMatchObject({
      ok: false,
      error: { code: 'not_a_token' },
    });
    expect(applyToken).not.toHaveBeenCalled();
    expect(siteApi).not.toHaveBeenCalled();
  });

  it('sends it to the site’s own API when a page of the site is open, and never keeps the value', async () => {
    const posted: string[] = [];
    const site = vi.fn(async (request: { method: string; path: string; body?: string }) => {
      if (request.method === 'POST') posted.push(request.body ?? '');
      const body =
        request.method !== 'GET'
          ? {}
          : request.path === 'rest/plugins/1.0/'
            ? { plugins: [{ key: KEY, name: 'Acme Timesheets', userInstalled: true }] }
            : {
                tokens: posted.length
                  ? [{ pluginKey: KEY, token: VALUE, state: 'ACTIVE_SUBSCRIPTION', valid: true }]
                  : [],
              };
      return { ok: true as const, data: { status: 200, body: JSON.stringify(body), upmToken: null, location: null } };
    });
    const applyToken = vi.fn();
    const { commands } = setup({ applyToken }, { siteApi: vi.fn(async () => site) });
    const reply = await commands.applyTokenValue(HOST, KEY, VALUE);
    expect(JSON.parse(posted[0] ?? '{}')).toEqual({ pluginKey: KEY, token: VALUE, state: 'ACTIVE_SUBSCRIPTION' });
    expect(reply.ok && reply.data.apps[0]?.token?.last4).toBe('AB12');
    expect(JSON.stringify(reply)).not.toContain(VALUE);
    expect(applyToken).not.toHaveBeenCalled();
  });
});
