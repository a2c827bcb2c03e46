import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createDispatcher, type Handlers, type Sender } from '../../lib/background/dispatcher';
import type { SiteHost } from '../../lib/domain/identifiers';
import type { SiteView } from '../../lib/domain/site-view';
import { siteHost } from '../support/identifiers';

const EXTENSION = { id: 'token-lens-id', origin: 'chrome-extension://token-lens-id' };
const SITE_A = siteHost('acme-dev.atlassian.net');
const SITE_B = siteHost('acme-staging.atlassian.net');

const viewOf = (host: SiteHost): SiteView => ({ host, apps: [], fetchedAt: null, problem: null });

/** Handlers these tests do not look into: each answers a neutral value. */
// Their data are never looked at: `never` stands for any request's answer.
const otherHandler = () => vi.fn(async () => ({ ok: true as const, data: {} as never }));

function fakeHandlers() {
  return {
    'site.settings': otherHandler(),
    'site.enablePrivateListings': otherHandler(),
    'site.setLicense': otherHandler(),
    'site.applyToken': otherHandler(),
    'site.createAndApplyToken': otherHandler(),
    'site.clearToken': otherHandler(),
    'site.installFromUrl': otherHandler(),
    'site.installWithToken': otherHandler(),
    'site.openInstallPage': otherHandler(),
    'site.openApplyPage': otherHandler(),
    'site.applyTokenValue': otherHandler(),
    'site.describeTokenUrl': otherHandler(),
    'site.appTokens': otherHandler(),
    'site.installable': otherHandler(),
    'site.tokenless': otherHandler(),
    'site.tokenUrl': otherHandler(),
    'app.tokens': otherHandler(),
    'app.cachedTokens': otherHandler(),
    'app.tokenUrl': otherHandler(),
    'app.createToken': otherHandler(),
    'app.removeToken': otherHandler(),
    'popup.context': otherHandler(),
    'popup.rememberSite': otherHandler(),
    'sites.list': otherHandler(),
    'audit.list': otherHandler(),
    'cache.sites': otherHandler(),
    'cache.clear': otherHandler(),
    'site.view': vi.fn(async ({ host }: { host: SiteHost }) => ({ ok: true as const, data: viewOf(host) })),
    'site.revalidate': vi.fn(async ({ host }: { host: SiteHost }) => ({ ok: true as const, data: viewOf(host) })),
    'site.cachedView': vi.fn(async ({ host }: { host: SiteHost }) => ({ ok: true as const, data: viewOf(host) })),
    'session.status': vi.fn(async () => ({ ok: true as const, data: { signedIn: false } as never })),
    'session.signIn': vi.fn(async () => ({ ok: true as const, data: { signedIn: true } as never })),
    'session.signInWithToken': otherHandler(),
    'apiMethods.list': otherHandler(),
    'personalTokens.list': otherHandler(),
    'personalTokens.create': otherHandler(),
    'personalTokens.update': otherHandler(),
    'personalTokens.regenerate': otherHandler(),
    'personalTokens.copy': otherHandler(),
    'personalTokens.remove': otherHandler(),
    'session.signOut': vi.fn(async () => ({ ok: true as const, data: { signedIn: false } as never })),
    'settings.setServiceUrl': vi.fn(async () => ({ ok: true as const, data: { signedIn: false } as never })),
    'settings.testConnection': vi.fn(async () => ({ ok: true as const, data: { ok: true as const, version: 'v1' } })),
  } satisfies Handlers;
}

/** A content script on site A's reference Manage apps page. */
const contentScriptOn = (pageUrl: string): Sender => ({ id: EXTENSION.id, url: pageUrl, tab: { id: 7, url: pageUrl } });
const REFERENCE_PAGE_A = `http://127.0.0.1:4747/sites/${SITE_A}/plugins/servlet/upm`;
const PRODUCT_PAGE_A = `https://${SITE_A}/plugins/servlet/upm/manage/user-installed`;
const OPTIONS_PAGE: Sender = { id: EXTENSION.id, url: `${EXTENSION.origin}/options.html` };
const POPUP_PAGE: Sender = {
  id: EXTENSION.id,
  url: `${EXTENSION.origin}/popup.html`,
  tab: { id: 3, url: 'https://example.com/' },
};

const SIGN_IN = { type: 'session.signIn', email: 'owner@acme.example', password: 'secret', staySignedIn: false };

describe('createDispatcher', () => {
  let handlers: ReturnType<typeof fakeHandlers>;
  let dispatch: ReturnType<typeof createDispatcher>;

  const noHandlerCalled = () => {
    for (const handler of Object.values(handlers)) expect(handler).not.toHaveBeenCalled();
  };

  beforeEach(() => {
    handlers = fakeHandlers();
    dispatch = createDispatcher(handlers, EXTENSION);
  });

  describe('refuses', () => {
    it.each([
      ['another extension', { id: 'someone-else', url: `chrome-extension://someone-else/page.html` }],
      ['a sender with no id (a web page)', { url: REFERENCE_PAGE_A, tab: { id: 1, url: REFERENCE_PAGE_A } }],
      [
        'another extension that claims our origin as its URL',
        { id: 'someone-else', url: `${EXTENSION.origin}/x.html` },
      ],
    ])('%s: forbidden_sender', async (_case, sender: Sender) => {
      const reply = await dispatch({ type: 'session.status' }, sender);
      expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
      noHandlerCalled();
    });

    it.each([
      ['an unknown type', { type: 'tokens.reveal', host: SITE_A }],
      ['a type of the wrong case', { type: 'Session.Status' }],
      ['an extra field', { type: 'session.status', debug: true }],
      ['an extra field on a site request', { type: 'site.view', host: SITE_A, all: true }],
      ['a missing field', { type: 'site.view' }],
      ['a field of the wrong type', { type: 'session.signIn', email: 'a@b.c', password: 'x', staySignedIn: 'yes' }],
      ['an empty email', { ...SIGN_IN, email: '   ' }],
      ['a host that is not a site', { type: 'site.view', host: 'ACME.atlassian.net' }],
      ['no type', { host: SITE_A }],
      ['a string', 'site.view'],
      ['null', null],
      ['undefined', undefined],
      ['an array', [{ type: 'session.status' }]],
    ])('%s: unknown_request', async (_case, message: unknown) => {
      const reply = await dispatch(message, OPTIONS_PAGE);
      expect(reply).toMatchObject({ ok: false, error: { code: 'unknown_request' } });
      noHandlerCalled();
    });

    it('refuses a content script that would install from a token URL: that URL is typed only in extension pages', async () => {
      const reply = await dispatch(
        { type: 'site.installFromUrl', host: SITE_A, installUrl: 'https://x.example/d.json?access-token=mat_x' },
        contentScriptOn(REFERENCE_PAGE_A),
      );
      expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden_request' } });
      noHandlerCalled();
    });

    it('refuses a content script that would apply a token’s value: a value is typed only in extension pages', async () => {
      const reply = await dispatch(
        { type: 'site.applyTokenValue', host: SITE_A, appKey: 'com.acme.timesheets', token: 'mat_x' },
        contentScriptOn(REFERENCE_PAGE_A),
      );
      expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden_request' } });
      noHandlerCalled();
      const fromPopup = await dispatch(
        { type: 'site.applyTokenValue', host: SITE_A, appKey: 'com.acme.timesheets', token: 'mat_x' },
        POPUP_PAGE,
      );
      expect(fromPopup).toMatchObject({ ok: true });
    });

    it('lets a content script open the paste-a-token window for an app of its own site', async () => {
      const request = { type: 'site.openApplyPage', host: SITE_A, appKey: 'com.acme.timesheets' };
      await expect(dispatch(request, contentScriptOn(REFERENCE_PAGE_A))).resolves.toMatchObject({ ok: true });
      expect(handlers['site.openApplyPage']).toHaveBeenCalledWith(request);
      await expect(dispatch({ ...request, host: SITE_B }, contentScriptOn(REFERENCE_PAGE_A))).resolves.toMatchObject({
        ok: false,
        error: { code: 'foreign_site' },
      });
    });

    it('lets a content script open the install window for its own site only', async () => {
      const own = await dispatch({ type: 'site.openInstallPage', host: SITE_A }, contentScriptOn(REFERENCE_PAGE_A));
      expect(own).toMatchObject({ ok: true });
      expect(handlers['site.openInstallPage']).toHaveBeenCalledWith({ type: 'site.openInstallPage', host: SITE_A });
    });

    it('a foreign sender before even reading the message', async () => {
      const reply = await dispatch('garbage', { id: 'someone-else' });
      expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    });

    it.each([
      ['site.view', REFERENCE_PAGE_A],
      ['site.cachedView', REFERENCE_PAGE_A],
      ['site.revalidate', REFERENCE_PAGE_A],
      ['site.view', PRODUCT_PAGE_A],
      ['site.openInstallPage', REFERENCE_PAGE_A],
    ] as const)('a content script asking %s about another site (page %s): foreign_site', async (type, page) => {
      const reply = await dispatch({ type, host: SITE_B }, contentScriptOn(page));
      expect(reply).toMatchObject({ ok: false, error: { code: 'foreign_site' } });
      noHandlerCalled();
    });

    it('a content script whose tab is not a Manage apps page: foreign_site', async () => {
      const page = 'https://example.com/sites/acme-dev.atlassian.net/plugins/servlet/upm';
      const reply = await dispatch({ type: 'site.view', host: SITE_A }, contentScriptOn(page));
      expect(reply).toMatchObject({ ok: false, error: { code: 'foreign_site' } });
      noHandlerCalled();
    });

    it('a content script with no tab: foreign_site', async () => {
      const reply = await dispatch({ type: 'site.view', host: SITE_A }, { id: EXTENSION.id, url: REFERENCE_PAGE_A });
      expect(reply).toMatchObject({ ok: false, error: { code: 'foreign_site' } });
      noHandlerCalled();
    });

    it('a frame whose own URL names site B, inside site A’s tab: foreign_site (the tab decides)', async () => {
      const sender: Sender = {
        id: EXTENSION.id,
        url: `http://127.0.0.1:4747/sites/${SITE_B}/plugins/servlet/upm`,
        tab: { id: 7, url: REFERENCE_PAGE_A },
      };
      const reply = await dispatch({ type: 'site.view', host: SITE_B }, sender);
      expect(reply).toMatchObject({ ok: false, error: { code: 'foreign_site' } });
      noHandlerCalled();
    });

    it.each([
      ['session.signIn', SIGN_IN],
      ['session.signOut', { type: 'session.signOut' }],
      ['session.status', { type: 'session.status' }],
      ['settings.setServiceUrl', { type: 'settings.setServiceUrl', serviceUrl: 'http://evil.example' }],
      ['settings.testConnection', { type: 'settings.testConnection', serviceUrl: 'http://evil.example' }],
    ])('a content script asking %s: forbidden_request', async (_type, message) => {
      const reply = await dispatch(message, contentScriptOn(REFERENCE_PAGE_A));
      expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden_request' } });
      noHandlerCalled();
    });

    it('a page whose URL only starts like the extension’s origin is a content script, not an extension page', async () => {
      const sender: Sender = { id: EXTENSION.id, url: 'https://evil.example/?chrome-extension://token-lens-id' };
      const reply = await dispatch(SIGN_IN, sender);
      expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden_request' } });
      noHandlerCalled();
    });

    it('every refusal carries a sentence a person can read', async () => {
      const replies = await Promise.all([
        dispatch({ type: 'session.status' }, { id: 'x' }),
        dispatch({ type: 'nope' }, OPTIONS_PAGE),
        dispatch(SIGN_IN, contentScriptOn(REFERENCE_PAGE_A)),
        dispatch({ type: 'site.view', host: SITE_B }, contentScriptOn(REFERENCE_PAGE_A)),
      ]);
      for (const reply of replies) {
        expect(reply.ok).toBe(false);
        if (!reply.ok) expect(reply.error.message.length).toBeGreaterThan(10);
      }
    });
  });

  describe('accepts', () => {
    it.each([
      ['site.view', REFERENCE_PAGE_A],
      ['site.cachedView', REFERENCE_PAGE_A],
      ['site.revalidate', REFERENCE_PAGE_A],
      ['site.view', PRODUCT_PAGE_A],
      ['site.view', `https://${SITE_A}/wiki/plugins/servlet/upm`],
    ] as const)('a content script asking %s about its own site (page %s)', async (type, page) => {
      const reply = await dispatch({ type, host: SITE_A }, contentScriptOn(page));
      expect(reply).toEqual({ ok: true, data: viewOf(SITE_A) });
      expect(handlers[type]).toHaveBeenCalledTimes(1);
      expect(handlers[type]).toHaveBeenCalledWith({ type, host: SITE_A });
    });

    it.each([
      ['site.view', { type: 'site.view', host: SITE_B }],
      ['site.revalidate', { type: 'site.revalidate', host: SITE_A }],
      ['session.status', { type: 'session.status' }],
      ['session.signIn', SIGN_IN],
      ['session.signOut', { type: 'session.signOut' }],
      ['settings.setServiceUrl', { type: 'settings.setServiceUrl', serviceUrl: 'http://127.0.0.1:9999' }],
      ['settings.testConnection', { type: 'settings.testConnection', serviceUrl: 'http://127.0.0.1:9999' }],
    ] as const)('an extension page asking %s, about any site', async (type, message) => {
      const reply = await dispatch(message, OPTIONS_PAGE);
      expect(reply.ok).toBe(true);
      expect(handlers[type]).toHaveBeenCalledTimes(1);
      expect(handlers[type]).toHaveBeenCalledWith(message);
      for (const [name, handler] of Object.entries(handlers)) {
        if (name !== type) expect(handler).not.toHaveBeenCalled();
      }
    });

    it('a popup whose active tab is another page still counts as an extension page', async () => {
      const reply = await dispatch({ type: 'site.view', host: SITE_B }, POPUP_PAGE);
      expect(reply).toEqual({ ok: true, data: viewOf(SITE_B) });
    });

    it('passes the parsed request, with the email trimmed', async () => {
      await dispatch({ ...SIGN_IN, email: '  owner@acme.example ' }, OPTIONS_PAGE);
      expect(handlers['session.signIn']).toHaveBeenCalledWith(SIGN_IN);
    });

    it('answers a handler’s own refusal unchanged', async () => {
      handlers['session.signIn'].mockResolvedValueOnce({
        ok: false,
        error: { code: 'invalid_credentials', message: 'The email or password is not right.' },
      } as never);
      const reply = await dispatch(SIGN_IN, OPTIONS_PAGE);
      expect(reply).toEqual({
        ok: false,
        error: { code: 'invalid_credentials', message: 'The email or password is not right.' },
      });
    });

    it('turns a handler that throws into an internal error value, never a rejection', async () => {
      const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      handlers['site.view'].mockRejectedValueOnce(new Error('IndexedDB exploded'));
      const reply = await dispatch({ type: 'site.view', host: SITE_A }, contentScriptOn(REFERENCE_PAGE_A));
      expect(reply).toMatchObject({ ok: false, error: { code: 'internal' } });
      if (!reply.ok) expect(reply.error.message).not.toContain('IndexedDB exploded');
      expect(consoleError).toHaveBeenCalled();
      consoleError.mockRestore();
    });
  });
});

describe('reference pages of another local server', () => {
  it('refuses a page at /sites/{host}/plugins/servlet/upm that the configured service does not serve', async () => {
    const handlers = fakeHandlers();
    const dispatch = createDispatcher(handlers, EXTENSION, async () => 'http://127.0.0.1:4747');
    const elsewhere = `http://127.0.0.1:9999/sites/${SITE_A}/plugins/servlet/upm`;
    const reply = await dispatch({ type: 'site.view', host: SITE_A }, contentScriptOn(elsewhere));
    expect(reply).toMatchObject({ ok: false, error: { code: 'foreign_site' } });
    expect(handlers['site.view']).not.toHaveBeenCalled();
    const served = await dispatch({ type: 'site.view', host: SITE_A }, contentScriptOn(REFERENCE_PAGE_A));
    expect(served.ok).toBe(true);
  });
});
