import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background';
import type { Sender } from '../../lib/background/dispatcher';
import { REFRESH_ALARM } from '../../lib/background/refresh-alarm';
import { writeSettings } from '../../lib/background/settings';
import { FRESHNESS } from '../../lib/domain/freshness';

const SITE = 'acme-dev.atlassian.net';
const REFERENCE_PAGE = `http://127.0.0.1:4747/sites/${SITE}/plugins/servlet/upm`;

type Listener = (message: unknown, sender: Sender, sendResponse: (answer: unknown) => void) => unknown;

/** The options page, as the browser names it: this extension's id and a URL on its origin. */
const optionsPage = (): Sender => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') });
const contentScriptOn = (url: string): Sender => ({ id: fakeBrowser.runtime.id, url, tab: { id: 7, url } });

describe('the background entrypoint', () => {
  let listener: Listener;
  let tabSend: ReturnType<typeof vi.fn>;

  /**
   * Sends one message to the background's runtime listener, as the browser would: the listener
   * must keep the channel open (return true) and answer through sendResponse.
   */
  function ask(message: unknown, sender: Sender = optionsPage()): Promise<unknown> {
    return new Promise((resolve) => {
      const keptOpen = listener(message, sender, resolve);
      expect(keptOpen).toBe(true);
    });
  }

  beforeEach(() => {
    // The fake browser does not implement tabs.sendMessage; pushes to tabs land here.
    tabSend = vi.fn(async () => undefined);
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(tabSend as never);
    const addListener = vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener');
    background.main();
    expect(addListener).toHaveBeenCalledTimes(1);
    listener = addListener.mock.calls[0]?.[0] as Listener;
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('answers the options page’s session.status: signed out at the default service', async () => {
    await expect(ask({ type: 'session.status' })).resolves.toEqual({
      ok: true,
      data: {
        serviceUrl: 'http://127.0.0.1:4747',
        signedIn: false,
        via: null,
        email: null,
        role: null,
        expiresAt: null,
        persistent: false,
        notice: null,
      },
    });
  });

  it('refuses a message from another extension with forbidden_sender', async () => {
    const reply = await ask({ type: 'session.status' }, { id: 'another-extension', url: 'chrome-extension://x/' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
  });

  it('refuses an unknown message type with unknown_request', async () => {
    await expect(ask({ type: 'tokens.revealAll' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'unknown_request' },
    });
  });

  it('treats a page outside the extension’s own origin as a content script', async () => {
    // The dispatcher is given this extension's origin: a web page may not ask for the session.
    const reply = await ask({ type: 'session.status' }, contentScriptOn(REFERENCE_PAGE));
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden_request' } });
  });

  it('is reachable through runtime.sendMessage, whose fake sender has no id: forbidden_sender', async () => {
    await expect(fakeBrowser.runtime.sendMessage({ type: 'session.status' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
  });

  it('answers a Manage apps tab’s site.view, saying why there is no data, and starts the refresh alarm', async () => {
    const reply = await ask({ type: 'site.view', host: SITE }, contentScriptOn(REFERENCE_PAGE));
    expect(reply).toMatchObject({
      ok: true,
      data: { host: SITE, apps: [], fetchedAt: null, problem: { code: 'not_signed_in' } },
    });
    await expect(fakeBrowser.alarms.get(REFRESH_ALARM)).resolves.toMatchObject({
      periodInMinutes: FRESHNESS.refreshAlarmMinutes,
    });
  });

  it('counts only the configured service’s reference pages as Manage apps tabs', async () => {
    await writeSettings({ serviceUrl: 'http://127.0.0.1:9999' });
    const reply = await ask({ type: 'site.view', host: SITE }, contentScriptOn(REFERENCE_PAGE));
    expect(reply).toMatchObject({ ok: false, error: { code: 'foreign_site' } });
    await expect(fakeBrowser.alarms.get(REFRESH_ALARM)).resolves.toBeUndefined();
  });

  describe('the refresh alarm', () => {
    const fire = (name: string) =>
      fakeBrowser.alarms.onAlarm.trigger({
        name,
        scheduledTime: Date.now(),
        periodInMinutes: FRESHNESS.refreshAlarmMinutes,
        persistAcrossSessions: true,
      });

    beforeEach(async () => {
      await fakeBrowser.alarms.create(REFRESH_ALARM, { periodInMinutes: FRESHNESS.refreshAlarmMinutes });
    });

    it('clears itself when it fires with no Manage apps tab open', async () => {
      await fakeBrowser.tabs.create({ url: 'https://example.com/' });
      await fire(REFRESH_ALARM);
      // The listener starts the work without awaiting it.
      await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(REFRESH_ALARM)).toBeUndefined());
    });

    it('revalidates an open Manage apps tab’s site and pushes the new view to that tab', async () => {
      const tab = await fakeBrowser.tabs.create({ url: REFERENCE_PAGE });
      await fire(REFRESH_ALARM);
      await vi.waitFor(() =>
        expect(tabSend).toHaveBeenCalledWith(tab.id, {
          type: 'site.changed',
          view: expect.objectContaining({ host: SITE, problem: expect.objectContaining({ code: 'not_signed_in' }) }),
        }),
      );
      await expect(fakeBrowser.alarms.get(REFRESH_ALARM)).resolves.toBeDefined();
    });

    it('leaves other alarms’ firing alone', async () => {
      const query = vi.spyOn(fakeBrowser.tabs, 'query');
      await fire('someone-elses-alarm');
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(query).not.toHaveBeenCalled();
      await expect(fakeBrowser.alarms.get(REFRESH_ALARM)).resolves.toBeDefined();
    });
  });
});
