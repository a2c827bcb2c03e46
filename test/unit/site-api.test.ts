import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type SiteApiCaller, siteApiOf } from '../../lib/background/site-api';
import { siteApiDriver } from '../../lib/background/site-api-driver';
import type { SiteDriver } from '../../lib/background/site-driver';
import type { InstalledApp } from '../../lib/domain/installed-app';
import { failWith, ok } from '../../lib/domain/reply';
import { type SiteApiAnswer, SiteApiCallSchema } from '../../lib/messaging/site-api-protocol';
import { relaySiteApiCalls } from '../../lib/overlay/site-api-relay';
import { recognizeManageAppsUrl } from '../../lib/page/manage-apps-url';
import { appKey, siteHost } from '../support/identifiers';

const HOST = siteHost('acme-dev.atlassian.net');
const KEY = appKey('com.acme.timesheets');
const T = '2026-11-01T09:00:00.000Z';
const VALUE = 'mat_0123456789abcdefghijABCDEFGHIJ01WXYZ';

const answer = (status: number, body: unknown = ''): SiteApiAnswer => ({
  status,
  body: typeof body === 'string' ? body : JSON.stringify(body),
  upmToken: null,
  location: null,
});
const installed = (overrides: Partial<InstalledApp> = {}): InstalledApp => ({
  appKey: KEY,
  name: 'Acme Timesheets',
  paymentModel: 'paid',
  installedAt: T,
  token: { id: 'tok-1', last4: 'WXYZ', appliedAt: T, status: 'active' },
  license: { state: 'inactive-trial', changedAt: T },
  lic: 'none',
  ...overrides,
});

/** The site's own reads (its plugin list and its tokens) as a site holding Acme Timesheets with its token. */
function siteRead(request: Parameters<SiteApiCaller>[0]): SiteApiAnswer | undefined {
  if (request.method !== 'GET') return undefined;
  if (request.path === 'rest/plugins/1.0/')
    return answer(200, { plugins: [{ key: KEY, name: 'Acme Timesheets', userInstalled: true }], links: {} });
  if (request.path === 'rest/plugins/1.0/license-tokens')
    return answer(200, { tokens: [{ pluginKey: KEY, token: VALUE, state: 'INACTIVE_TRIAL', valid: true }] });
  return undefined;
}

describe('what the background may ask a page to call on its site', () => {
  const call = (path: string) => SiteApiCallSchema.safeParse({ type: 'siteApi.call', host: HOST, method: 'GET', path });

  it.each([
    'rest/plugins/1.0/',
    'rest/plugins/1.0/license-tokens',
    'rest/plugins/1.0/license-tokens/com.acme.timesheets-key',
    'rest/plugins/1.0/com.acme.timesheets-key',
    'rest/plugins/1.0/pending/0f3c9a',
    'rest/plugins/1.0/?token=abc.DEF-123',
    'rest/atlassian-connect/1/addons/com.acme.timesheets',
  ])('the site’s UPM and Connect license APIs: %s', (path) => {
    expect(call(path).success).toBe(true);
  });

  it.each([
    ['another API of the site', 'rest/api/3/myself'],
    ['a page of the site', 'plugins/servlet/upm'],
    ['a climb out', 'rest/plugins/1.0/../../admin'],
    ['an escaped climb out', 'rest/plugins/1.0/%2e%2e/%2E%2E/admin'],
    ['another origin', '//evil.example/rest/plugins/1.0/'],
    ['an absolute URL', 'https://evil.example/rest/plugins/1.0/'],
    ['a query other than the upm-token', 'rest/plugins/1.0/license-tokens?redirect=x'],
    ['an empty segment', 'rest/plugins/1.0//license-tokens'],
  ])('refuses %s', (_case, path) => {
    expect(call(path).success).toBe(false);
  });

  const valid = { type: 'siteApi.call', host: HOST, method: 'POST', path: 'rest/plugins/1.0/license-tokens' };
  it('takes a body and either of UPM’s content types', () => {
    for (const contentType of ['application/vnd.atl.plugins+json', 'application/vnd.atl.plugins.remote.install+json']) {
      expect(SiteApiCallSchema.safeParse({ ...valid, body: 'x'.repeat(100_000), contentType }).success).toBe(true);
    }
  });

  it.each([
    ['a field too many', { ...valid, credentials: 'include' }],
    ['another method', { ...valid, method: 'PUT' }],
    ['a method in lower case', { ...valid, method: 'post' }],
    ['another content type', { ...valid, contentType: 'text/html' }],
    ['a body over 100,000 characters', { ...valid, body: 'x'.repeat(100_001) }],
    ['a body that is not text', { ...valid, body: { token: 'x' } }],
    ['a path over 500 characters', { ...valid, path: `rest/plugins/1.0/${'a'.repeat(484)}` }],
    ['a host that is not one', { ...valid, host: 'ACME.atlassian.net' }],
    ['no path', { type: 'siteApi.call', host: HOST, method: 'GET' }],
    ['another type', { ...valid, type: 'siteApi.fetch' }],
  ])('refuses a call with %s', (_case, message) => {
    expect(SiteApiCallSchema.safeParse(message).success).toBe(false);
  });

  it('takes a path of 500 characters', () => {
    expect(SiteApiCallSchema.safeParse({ ...valid, path: `rest/plugins/1.0/${'a'.repeat(483)}` }).success).toBe(true);
  });
});

describe('a Manage apps page relaying its site’s API', () => {
  type Listener = (message: unknown, sender: { id?: string; tab?: unknown }, respond: (a: unknown) => void) => unknown;
  let listener: Listener;
  let doFetch: ReturnType<typeof vi.fn>;
  const location = recognizeManageAppsUrl(`http://127.0.0.1:4747/sites/${HOST}/plugins/servlet/upm`);

  beforeEach(() => {
    fakeBrowser.reset();
    const add = vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener');
    doFetch = vi.fn(async () => new Response('{"tokens":[]}', { status: 200, headers: { 'upm-token': 'u-1' } }));
    if (!location) throw new Error('the reference page is not recognised');
    relaySiteApiCalls(location, new AbortController().signal, doFetch as unknown as typeof fetch);
    listener = add.mock.calls[0]?.[0] as unknown as Listener;
  });

  const fromBackground = { id: fakeBrowser.runtime.id };
  const send = (message: unknown, sender: { id?: string; tab?: unknown } = fromBackground) =>
    new Promise<{ kept: unknown; answer?: unknown }>((resolve) => {
      const kept = listener(message, sender, (answer) => resolve({ kept, answer }));
      if (kept !== true) resolve({ kept });
    });

  it('calls the site’s REST API from the page, with its session and the product’s XSRF opt-out, and answers', async () => {
    const body = JSON.stringify({ pluginKey: KEY, token: VALUE, state: 'ACTIVE_TRIAL' });
    const { kept, answer: reply } = await send({
      type: 'siteApi.call',
      host: HOST,
      method: 'POST',
      path: 'rest/plugins/1.0/license-tokens',
      body,
      contentType: 'application/vnd.atl.plugins+json',
    });
    expect(kept).toBe(true);
    expect(doFetch).toHaveBeenCalledWith(`http://127.0.0.1:4747/sites/${HOST}/rest/plugins/1.0/license-tokens`, {
      method: 'POST',
      headers: {
        Accept: 'application/json',
        'X-Atlassian-Token': 'no-check',
        'Content-Type': 'application/vnd.atl.plugins+json',
      },
      credentials: 'same-origin',
      redirect: 'follow',
      body,
    });
    expect(reply).toEqual({ status: 200, body: '{"tokens":[]}', upmToken: 'u-1', location: null });
  });

  it.each([
    [
      'another site',
      { type: 'siteApi.call', host: 'other.atlassian.net', method: 'GET', path: 'rest/plugins/1.0/' },
      fromBackground,
    ],
    [
      'a path off the APIs',
      { type: 'siteApi.call', host: HOST, method: 'GET', path: 'rest/api/3/myself' },
      fromBackground,
    ],
    [
      'a tab of the extension',
      { type: 'siteApi.call', host: HOST, method: 'GET', path: 'rest/plugins/1.0/' },
      { id: fakeBrowser.runtime.id, tab: { id: 3 } },
    ],
    [
      'another extension',
      { type: 'siteApi.call', host: HOST, method: 'GET', path: 'rest/plugins/1.0/' },
      { id: 'someone-else' },
    ],
    ['a message that is not a call', { type: 'site.changed' }, fromBackground],
  ])('does not answer %s, and calls nothing', async (_case, message, sender) => {
    const { kept } = await send(message, sender);
    expect(kept).toBeUndefined();
    expect(doFetch).not.toHaveBeenCalled();
  });
});

describe('the site’s own API as the site driver', () => {
  function setup(answers: SiteApiAnswer[], apps: InstalledApp[] = [installed()]) {
    const calls: Parameters<SiteApiCaller>[0][] = [];
    const call: SiteApiCaller = vi.fn(async (request) => {
      const read = siteRead(request);
      if (read) return ok(read);
      calls.push(request);
      const next = answers.shift();
      return next ? ok(next) : failWith('site_unreachable', 'no answer');
    });
    const readBack = {
      siteApps: vi.fn(async () => ok({ modified: true as const, apps: { items: apps, etag: '"e"' } })),
      installFromUrl: vi.fn(),
      applyToken: vi.fn(),
      clearToken: vi.fn(),
      setLicense: vi.fn(),
    } as unknown as SiteDriver & { setLicense: ReturnType<typeof vi.fn> };
    return { driver: siteApiDriver(call, readBack), calls, readBack };
  }

  it('switches a license state by posting the app’s current token with the new state, then reads the site back', async () => {
    const { driver, calls, readBack } = setup([
      answer(200, { pluginKey: KEY, token: VALUE, state: 'ACTIVE_TRIAL', valid: true }),
      answer(200, { pluginKey: KEY, token: VALUE, state: 'INACTIVE_TRIAL', valid: true }),
    ]);
    await expect(driver.setLicense(HOST, KEY, 'inactive-trial')).resolves.toEqual(ok(installed()));
    expect(calls).toEqual([
      { method: 'GET', path: `rest/plugins/1.0/license-tokens/${KEY}-key` },
      {
        method: 'POST',
        path: 'rest/plugins/1.0/license-tokens',
        contentType: 'application/vnd.atl.plugins+json',
        body: JSON.stringify({ pluginKey: KEY, token: VALUE, state: 'INACTIVE_TRIAL' }),
      },
    ]);
    expect(readBack.setLicense).not.toHaveBeenCalled();
  });

  it('says an app with no token has no license to switch, and posts nothing', async () => {
    const { driver, calls } = setup([answer(404, { subCode: 'token_not_found', message: 'No token.' })]);
    await expect(driver.setLicense(HOST, KEY, 'active-trial')).resolves.toMatchObject({
      ok: false,
      error: { code: 'license_requires_token' },
    });
    expect(calls).toHaveLength(1);
  });

  it.each([
    [
      'the site’s refusal, by its code',
      answer(410, { subCode: 'token_removed', message: 'Removed.' }),
      'token_removed',
    ],
    ['a session the site no longer has', answer(401, ''), 'site_signed_out'],
    ['an answer it cannot read', answer(500, '<html>'), 'site_refused'],
  ])('passes on %s', async (_case, refusal, code) => {
    const { driver } = setup([
      answer(200, { pluginKey: KEY, token: VALUE, state: 'ACTIVE_TRIAL', valid: true }),
      refusal,
    ]);
    await expect(driver.setLicense(HOST, KEY, 'inactive-trial')).resolves.toMatchObject({ ok: false, error: { code } });
  });

  it('clears a token with DELETE on its license-tokens resource', async () => {
    const { driver, calls } = setup([answer(204)]);
    expect((await driver.clearToken(HOST, KEY)).ok).toBe(true);
    expect(calls).toEqual([{ method: 'DELETE', path: `rest/plugins/1.0/license-tokens/${KEY}-key` }]);
  });

  it('applies a token to a free app with no license state (NONE), to a paid one as Active subscription', async () => {
    const free = setup([answer(200, {})], [installed({ paymentModel: 'free', token: null })]);
    await free.driver.applyToken(HOST, KEY, VALUE);
    expect(JSON.parse(free.calls[0]?.body ?? '{}')).toEqual({ pluginKey: KEY, token: VALUE, state: 'NONE' });
    const paid = setup([answer(200, {})]);
    await paid.driver.applyToken(HOST, KEY, VALUE);
    expect(JSON.parse(paid.calls[0]?.body ?? '{}')).toEqual({
      pluginKey: KEY,
      token: VALUE,
      state: 'ACTIVE_SUBSCRIPTION',
    });
  });
});

describe('reading a site through its own API', () => {
  const plugins = (keys: string[]) =>
    answer(200, {
      plugins: [
        ...keys.map((key) => ({ key, name: key, version: '1', enabled: true, userInstalled: true, description: '' })),
        { key: 'com.atlassian.upm', name: 'UPM', version: '1', enabled: true, userInstalled: false, description: '' },
      ],
      links: {},
    });
  const tokens = (list: { pluginKey: string; token: string; state: string; valid: boolean }[]) =>
    answer(200, { tokens: list });
  const reports = installed({
    appKey: appKey('com.acme.reports'),
    name: 'Acme Reports',
    token: { id: 'tok-9', last4: 'AAAA', appliedAt: T, status: 'active' },
    license: { state: 'active-subscription', changedAt: T },
    lic: 'active',
  });

  function setup(site: SiteApiAnswer[], service: InstalledApp[], serviceModified = true) {
    const call: SiteApiCaller = vi.fn(async (request) => {
      const next = request.path.endsWith('license-tokens') ? site[1] : site[0];
      return next ? ok(next) : failWith('site_unreachable', 'no answer');
    });
    const siteApps = vi.fn(async () =>
      ok(
        serviceModified
          ? { modified: true as const, apps: { items: service, etag: '"s1"' } }
          : { modified: false as const },
      ),
    );
    const readBack = { siteApps } as unknown as SiteDriver;
    return { driver: siteApiDriver(call, readBack), siteApps };
  }

  it('shows the token and state the site holds, the rest as the service recorded it, and only what the site has installed', async () => {
    const onService = installed({ token: { id: 'tok-1', last4: 'WXYZ', appliedAt: T, status: 'active' } });
    const { driver } = setup(
      [plugins([KEY]), tokens([{ pluginKey: KEY, token: VALUE, state: 'INACTIVE_SUBSCRIPTION', valid: true }])],
      [onService, reports],
    );
    const reply = await driver.siteApps(HOST);
    expect(reply.ok && reply.data.modified && reply.data.apps.items).toEqual([
      {
        ...onService,
        license: { state: 'inactive-subscription', changedAt: T },
        lic: 'none',
      },
    ]);
    expect(JSON.stringify(reply)).not.toContain(VALUE);
  });

  it('a token the site no longer has leaves the app unlicensed; another token there is shown, with no id of the service’s', async () => {
    const { driver } = setup(
      [
        plugins([KEY, 'com.acme.reports']),
        tokens([
          {
            pluginKey: 'com.acme.reports',
            token: 'mat_0123456789abcdefghijABCDEFGHIJ01BBBB',
            state: 'ACTIVE_TRIAL',
            valid: false,
          },
        ]),
      ],
      [installed(), reports],
    );
    const reply = await driver.siteApps(HOST);
    const [timesheets, other] = reply.ok && reply.data.modified ? reply.data.apps.items : [];
    expect(timesheets).toMatchObject({ token: null, license: { state: 'unlicensed' }, lic: 'none' });
    expect(other?.token).toEqual({ id: '', last4: 'BBBB', appliedAt: T, status: 'removed' });
    expect(other?.license.state).toBe('active-trial');
  });

  it('answers “not modified” only when neither the site nor the service changed', async () => {
    const site = [plugins([KEY]), tokens([{ pluginKey: KEY, token: VALUE, state: 'ACTIVE_TRIAL', valid: true }])];
    const first = setup(site, [installed()]);
    const reply = await first.driver.siteApps(HOST);
    const etag = reply.ok && reply.data.modified ? reply.data.apps.etag : '';
    expect(etag).toMatch(/^"s1"\|site:/);
    expect(etag).not.toContain(VALUE);

    const unchanged = setup(site, [], false);
    await expect(unchanged.driver.siteApps(HOST, etag)).resolves.toEqual(ok({ modified: false }));
    expect(unchanged.siteApps).toHaveBeenCalledWith(HOST, '"s1"');

    // The site changed, though the service did not: the service is asked in full.
    const changed = setup([site[0] as SiteApiAnswer, tokens([])], [installed()]);
    await changed.driver.siteApps(HOST, etag);
    expect(changed.siteApps).toHaveBeenCalledWith(HOST, null);
  });

  it('passes on the site’s refusal', async () => {
    const { driver } = setup([answer(401, ''), tokens([])], [installed()]);
    await expect(driver.siteApps(HOST)).resolves.toMatchObject({ ok: false, error: { code: 'site_signed_out' } });
  });
});

describe('installing through the site’s own API', () => {
  const URL_WITH_TOKEN = `https://apps.acme.example/timesheets/atlassian-connect.json?access-token=${VALUE}`;
  const head = { ...answer(200), upmToken: 'upm-1' };
  const started = answer(202, {
    type: 'INSTALL',
    status: { done: false },
    links: { self: `/sites/${HOST}/rest/plugins/1.0/pending/task-7` },
  });

  function setup(answers: SiteApiAnswer[]) {
    const calls: Parameters<SiteApiCaller>[0][] = [];
    const call: SiteApiCaller = vi.fn(async (request) => {
      const read = siteRead(request);
      if (read) return ok(read);
      calls.push(request);
      const next = answers.shift();
      return next ? ok(next) : failWith('site_unreachable', 'no answer');
    });
    const readBack = {
      siteApps: vi.fn(async () => ok({ modified: true as const, apps: { items: [installed()], etag: '"e"' } })),
    } as unknown as SiteDriver;
    return { driver: siteApiDriver(call, readBack), calls };
  }

  it('sends the upm-token back with the token URL, follows the task to the app, and answers it', async () => {
    const { driver, calls } = setup([
      head,
      started,
      answer(200, { type: 'INSTALL', status: { done: false, amountDownloaded: 0 } }),
      { ...answer(200, { key: KEY }), location: `http://127.0.0.1:4747/sites/${HOST}/rest/plugins/1.0/${KEY}-key` },
    ]);
    await expect(driver.installFromUrl(HOST, URL_WITH_TOKEN)).resolves.toEqual(ok(installed()));
    expect(calls).toEqual([
      { method: 'HEAD', path: 'rest/plugins/1.0/' },
      {
        method: 'POST',
        path: 'rest/plugins/1.0/?token=upm-1',
        contentType: 'application/vnd.atl.plugins.remote.install+json',
        body: JSON.stringify({ pluginUri: URL_WITH_TOKEN }),
      },
      { method: 'GET', path: 'rest/plugins/1.0/pending/task-7' },
      { method: 'GET', path: 'rest/plugins/1.0/pending/task-7' },
    ]);
  });

  it('says why the site refused the install, by the task’s code', async () => {
    const { driver } = setup([
      head,
      started,
      answer(200, {
        type: 'INSTALL',
        status: { done: true, subCode: 'token_bound_elsewhere', errorMessage: 'Bound elsewhere.' },
      }),
    ]);
    await expect(driver.installFromUrl(HOST, URL_WITH_TOKEN)).resolves.toMatchObject({
      ok: false,
      error: { code: 'token_bound_elsewhere', message: 'Bound elsewhere.' },
    });
  });

  it('installs nothing without the site’s upm-token, and says the site refused', async () => {
    const { driver, calls } = setup([answer(200)]);
    await expect(driver.installFromUrl(HOST, URL_WITH_TOKEN)).resolves.toMatchObject({ ok: false });
    expect(calls).toHaveLength(1);
  });
});

describe('finding a page of the site to call its API through', () => {
  const SERVICE = 'http://127.0.0.1:4747';
  const page = (id: number, host = HOST) => ({ id, url: `${SERVICE}/sites/${host}/plugins/servlet/upm` });
  const reply = answer(200, '{}');

  beforeEach(() => fakeBrowser.reset());

  it('is none when no Manage apps page of the site is open', async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([page(1, siteHost('other.atlassian.net'))] as never);
    await expect(siteApiOf(HOST, SERVICE)).resolves.toBeNull();
  });

  it('sends the call to the site’s page, and to the next one when a page does not answer', async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([page(1), page(2)] as never);
    const send = vi
      .spyOn(fakeBrowser.tabs, 'sendMessage')
      .mockRejectedValueOnce(new Error('Receiving end does not exist.'))
      .mockResolvedValueOnce(reply as never);
    const call = await siteApiOf(HOST, SERVICE);
    await expect(call?.({ method: 'GET', path: 'rest/plugins/1.0/' })).resolves.toEqual(ok(reply));
    expect(send.mock.calls.map(([tabId]) => tabId)).toEqual([1, 2]);
    expect(send).toHaveBeenLastCalledWith(2, {
      type: 'siteApi.call',
      host: HOST,
      method: 'GET',
      path: 'rest/plugins/1.0/',
    });
  });

  it('leaves out a page still loading, which has no overlay yet: none when it is the only one', async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ ...page(1), status: 'loading' }] as never);
    await expect(siteApiOf(HOST, SERVICE)).resolves.toBeNull();
  });

  it('waits once for the overlay of a page that has just loaded (regression: “did not answer” right after a load)', async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ ...page(1), status: 'complete' }] as never);
    const send = vi
      .spyOn(fakeBrowser.tabs, 'sendMessage')
      .mockRejectedValueOnce(new Error('Receiving end does not exist.'))
      .mockResolvedValueOnce(reply as never);
    send.mockClear();
    const call = await siteApiOf(HOST, SERVICE);
    await expect(call?.({ method: 'GET', path: 'rest/plugins/1.0/' })).resolves.toEqual(ok(reply));
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('says so in words when no page answers', async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([page(1)] as never);
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ not: 'an answer' } as never);
    const call = await siteApiOf(HOST, SERVICE);
    await expect(call?.({ method: 'GET', path: 'rest/plugins/1.0/' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'site_unreachable' },
    });
  });

  it('says so too when no page has an overlay listening, after waiting once', async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([page(1)] as never);
    const send = vi
      .spyOn(fakeBrowser.tabs, 'sendMessage')
      .mockRejectedValue(new Error('Receiving end does not exist.'));
    const call = await siteApiOf(HOST, SERVICE);
    const before = send.mock.calls.length;
    await expect(call?.({ method: 'GET', path: 'rest/plugins/1.0/' })).resolves.toMatchObject({
      error: { code: 'site_unreachable' },
    });
    expect(send.mock.calls.length - before).toBe(2);
  });
});

describe('apps and sites the service has never recorded', () => {
  const siteAnswers = (list: { pluginKey: string; token: string; state: string; valid: boolean }[], keys: string[]) => [
    answer(200, {
      plugins: keys.map((key) => ({ key, name: `Name of ${key}`, version: '1', enabled: true, userInstalled: true })),
      links: {},
    }),
    answer(200, { tokens: list }),
  ];
  function setup(site: SiteApiAnswer[], service: Awaited<ReturnType<SiteDriver['siteApps']>>) {
    const call: SiteApiCaller = vi.fn(async (request) =>
      ok((request.path.endsWith('license-tokens') ? site[1] : site[0]) as SiteApiAnswer),
    );
    const siteApps = vi.fn(async () => service);
    return { driver: siteApiDriver(call, { siteApps } as unknown as SiteDriver), siteApps };
  }
  const notFound = failWith('site_not_found', 'The Token Lens service does not know this site.');

  it('shows a site the service does not know as the site alone says it, with no “since when”', async () => {
    const { driver } = setup(
      siteAnswers(
        [{ pluginKey: 'com.vendor.app', token: VALUE, state: 'ACTIVE_TRIAL', valid: true }],
        ['com.vendor.app'],
      ),
      notFound,
    );
    const reply = await driver.siteApps(HOST);
    expect(reply.ok && reply.data.modified && reply.data.apps.items).toEqual([
      {
        appKey: 'com.vendor.app',
        name: 'Name of com.vendor.app',
        paymentModel: 'paid',
        installedAt: null,
        token: { id: '', last4: 'WXYZ', appliedAt: null, status: 'active' },
        license: { state: 'active-trial', changedAt: null },
        lic: 'active',
      },
    ]);
    const etag = reply.ok && reply.data.modified ? reply.data.apps.etag : '';
    expect(etag).toMatch(/^unknown-site\|site:/);
    expect(JSON.stringify(reply)).not.toContain(VALUE);
    // Unchanged on the site: not modified, and the service is not asked for a tag it never gave.
    const again = setup(
      siteAnswers(
        [{ pluginKey: 'com.vendor.app', token: VALUE, state: 'ACTIVE_TRIAL', valid: true }],
        ['com.vendor.app'],
      ),
      notFound,
    );
    await expect(again.driver.siteApps(HOST, etag)).resolves.toEqual(ok({ modified: false }));
    expect(again.siteApps).toHaveBeenCalledWith(HOST, null);
  });

  it('adds an app the site has but the service never recorded there, after the recorded ones', async () => {
    const { driver } = setup(
      siteAnswers([], [KEY, 'com.other.app']),
      ok({
        modified: true as const,
        apps: { items: [installed()], etag: '"s"' },
      }),
    );
    const reply = await driver.siteApps(HOST);
    const items = reply.ok && reply.data.modified ? reply.data.apps.items : [];
    expect(items.map((app) => [app.appKey, app.token, app.installedAt])).toEqual([
      [KEY, null, T],
      ['com.other.app', null, null],
    ]);
  });

  it('takes whether an unrecorded app is paid from the vendor’s listing of it, asked only then', async () => {
    const catalog = vi.fn(async () =>
      ok({
        items: [
          { key: 'com.vendor.free', paymentModel: 'free' as const },
          { key: KEY, paymentModel: 'paid' as const },
        ],
      }),
    );
    const site = siteAnswers(
      [{ pluginKey: 'com.vendor.free', token: VALUE, state: 'ACTIVE_SUBSCRIPTION', valid: true }],
      ['com.vendor.free', 'com.third.party'],
    );
    const call: SiteApiCaller = vi.fn(async (request) =>
      ok((request.path.endsWith('license-tokens') ? site[1] : site[0]) as SiteApiAnswer),
    );
    const driver = siteApiDriver(call, { siteApps: async () => notFound } as unknown as SiteDriver, catalog);
    const reply = await driver.siteApps(HOST);
    const items = reply.ok && reply.data.modified ? reply.data.apps.items : [];
    expect(items.map((app) => [app.appKey, app.paymentModel, app.license.state, app.lic])).toEqual([
      // Free: no license state, whatever the site's token resource says.
      ['com.vendor.free', 'free', 'unlicensed', 'none'],
      // Not one of the vendor's: the site does not say, so shown as a paid app.
      ['com.third.party', 'paid', 'unlicensed', 'none'],
    ]);
    expect(catalog).toHaveBeenCalledTimes(1);

    // Every app recorded by the service: the catalog is not asked.
    catalog.mockClear();
    const onlyRecorded = siteAnswers([], [KEY]);
    const recorded = siteApiDriver(
      vi.fn(async (request) =>
        ok((request.path.endsWith('license-tokens') ? onlyRecorded[1] : onlyRecorded[0]) as SiteApiAnswer),
      ),
      {
        siteApps: async () =>
          ok({ modified: true as const, apps: { items: [installed({ token: null })], etag: '"s"' } }),
      } as unknown as SiteDriver,
      catalog,
    );
    await expect(recorded.siteApps(HOST)).resolves.toMatchObject({ ok: true, data: { modified: true } });
    expect(catalog).not.toHaveBeenCalled();
  });

  it('passes on any other refusal of the service', async () => {
    const { driver } = setup(siteAnswers([], [KEY]), failWith('unauthorized', 'Sign in again.'));
    await expect(driver.siteApps(HOST)).resolves.toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });
});
