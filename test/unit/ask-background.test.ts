import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SiteView } from '../../lib/domain/site-view';
import { askBackground, onBackgroundPush } from '../../lib/messaging/ask-background';
import { askBackground as askFromExtensionPage } from '../../lib/messaging/extension-page-ask';
import type { Push } from '../../lib/messaging/protocol';
import { appKey, siteHost } from '../support/identifiers';

const HOST = siteHost('acme-dev.atlassian.net');
const T = '2026-11-01T09:00:00.000Z';
const view: SiteView = {
  host: HOST,
  apps: [
    {
      appKey: appKey('com.acme.timesheets'),
      name: 'Acme Timesheets',
      paymentModel: 'paid',
      installedAt: T,
      token: { id: 'tok-1', last4: 'WXYZ', appliedAt: null, status: 'active' },
      license: { state: 'active-trial', changedAt: T },
      lic: 'active',
    },
  ],
  fetchedAt: T,
  problem: null,
};

describe('askBackground', () => {
  const answer = (reply: unknown) =>
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async () => reply) as never);

  it('sends the request and gives the background’s data', async () => {
    const send = answer({ ok: true, data: view });
    await expect(askBackground({ type: 'site.view', host: HOST })).resolves.toEqual({ ok: true, data: view });
    expect(send).toHaveBeenCalledWith({ type: 'site.view', host: HOST });
  });

  it('passes an error on with its code and sentence only', async () => {
    answer({
      ok: false,
      error: { code: 'foreign_site', message: 'A page may only ask about the site it shows.', at: 1 },
    });
    await expect(askBackground({ type: 'site.view', host: HOST })).resolves.toEqual({
      ok: false,
      error: { code: 'foreign_site', message: 'A page may only ask about the site it shows.' },
    });
  });

  it.each([
    ['no answer', undefined],
    ['not an envelope', 'site.view'],
    ['success without its flag', { data: view }],
    ['a failure without an error', { ok: false }],
    ['a failure whose error has no sentence', { ok: false, error: { code: 'x' } }],
  ])('takes %s for an unreachable background', async (_case, reply) => {
    answer(reply);
    const got = await askBackground({ type: 'site.view', host: HOST });
    expect(got).toMatchObject({ ok: false, error: { code: 'extension_unavailable' } });
  });

  it.each([
    ['a view of no site', { ...view, host: 'not a host' }],
    [
      'a view with a whole token value',
      { ...view, apps: [{ ...view.apps[0], token: { ...view.apps[0]?.token, last4: 'mat_0123' } }] },
    ],
    ['the answer of another request', { host: HOST, privateListingsEnabled: true }],
    ['nothing', undefined],
  ])('takes %s for an unreachable background, as it is not the request’s answer', async (_case, data) => {
    answer({ ok: true, data });
    const got = await askBackground({ type: 'site.view', host: HOST });
    expect(got).toMatchObject({ ok: false, error: { code: 'extension_unavailable' } });
  });

  it('gives the parsed data: what the protocol does not name is left out', async () => {
    answer({ ok: true, data: { ...view, cachedBy: 'someone' } });
    await expect(askBackground({ type: 'site.view', host: HOST })).resolves.toEqual({ ok: true, data: view });
  });

  it('asks only what a page may ask: the rest is for extension pages, with their answers’ schemas', async () => {
    // @ts-expect-error A content script may not ask for the session: the background would refuse it too.
    const forbidden = () => askBackground({ type: 'session.status' });
    expect(forbidden).toBeTypeOf('function');
    const status = {
      serviceUrl: 'http://127.0.0.1:4747',
      signedIn: true,
      via: 'session',
      email: 'ada@acme.test',
      role: 'owner',
      expiresAt: T,
      persistent: false,
      notice: null,
    };
    answer({ ok: true, data: status });
    await expect(askFromExtensionPage({ type: 'session.status' })).resolves.toEqual({ ok: true, data: status });
    answer({ ok: true, data: { ...status, signedIn: 'perhaps' } });
    const got = await askFromExtensionPage({ type: 'session.status' });
    expect(got).toMatchObject({ ok: false, error: { code: 'extension_unavailable' } });
    // An extension page asks what a page may ask, too, and parses it the same way.
    answer({ ok: true, data: { ...view, host: 'not a host' } });
    const page = await askFromExtensionPage({ type: 'site.view', host: HOST });
    expect(page).toMatchObject({ ok: false, error: { code: 'extension_unavailable' } });
  });

  it('takes a message that could not be sent for an unreachable background', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(new Error('Extension context invalidated.'));
    const got = await askBackground({ type: 'site.view', host: HOST });
    expect(got).toMatchObject({ ok: false, error: { code: 'extension_unavailable' } });
  });
});

describe('onBackgroundPush', () => {
  let heard: Push[];
  let controller: AbortController;

  beforeEach(() => {
    heard = [];
    controller = new AbortController();
    onBackgroundPush((push) => heard.push(push), controller.signal);
  });

  const deliver = (message: unknown) =>
    fakeBrowser.runtime.onMessage.trigger(message, { id: fakeBrowser.runtime.id }, () => undefined);

  it('hears a site’s new view and a change of session', async () => {
    await deliver({ type: 'site.changed', view });
    await deliver({ type: 'session.changed' });
    expect(heard).toEqual([{ type: 'site.changed', view }, { type: 'session.changed' }]);
  });

  it.each([
    ['a request another page sent', { type: 'site.view', host: HOST }],
    ['an unknown push', { type: 'site.removed', host: HOST }],
    ['a push with a field too many', { type: 'session.changed', host: HOST }],
    ['a view of no site', { type: 'site.changed', view: { ...view, host: 'not a host' } }],
    [
      'a view with an app of no license state',
      {
        type: 'site.changed',
        view: { ...view, apps: [{ ...view.apps[0], license: { state: 'expired', changedAt: T } }] },
      },
    ],
    [
      'a view with a whole token value',
      {
        type: 'site.changed',
        view: {
          ...view,
          apps: [{ ...view.apps[0], token: { id: 'tok-1', last4: 'mat_0123456789', appliedAt: T, status: 'active' } }],
        },
      },
    ],
    ['a view without its apps', { type: 'site.changed', view: { host: HOST, fetchedAt: T, problem: null } }],
    ['nothing', undefined],
  ])('ignores %s', async (_case, message) => {
    await deliver(message);
    expect(heard).toEqual([]);
  });

  it('stops listening when its signal aborts', async () => {
    controller.abort();
    await deliver({ type: 'session.changed' });
    expect(heard).toEqual([]);
  });
});
