import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { injectOverlayOnLoad, OVERLAY_FILE, overlaySiteOf } from '../../lib/background/overlay-injection';
import { HANDOFF_SLOT, handoffArgs, leaveSnapshot, RUNNING, takeHandoff } from '../../lib/messaging/overlay-handoff';

const SERVICE = 'http://127.0.0.1:4747';
const SITE = 'acme-dev.atlassian.net';
const REFERENCE_PAGE = `${SERVICE}/sites/${SITE}/plugins/servlet/upm`;
const APP = {
  appKey: 'com.acme.hello',
  name: 'Acme Hello',
  paymentModel: 'free',
  installedAt: null,
  token: null,
  license: { state: 'unlicensed', changedAt: null },
  lic: 'none',
};
const SNAPSHOT = { ok: true, data: { host: SITE, apps: [APP], fetchedAt: null, problem: null } };

describe('injecting the overlay once a Manage apps page has loaded', () => {
  let executeScript: ReturnType<typeof vi.fn>;
  const cachedAnswer = vi.fn(async () => SNAPSHOT);

  beforeEach(() => {
    fakeBrowser.reset();
    executeScript = vi.fn(async () => [{ frameId: 0, result: undefined }]);
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockImplementation(executeScript as never);
    cachedAnswer.mockClear();
    injectOverlayOnLoad({ cachedAnswer, serviceOrigin: async () => SERVICE });
  });
  afterEach(() => vi.restoreAllMocks());

  /** A tab that reached `status` at `url`, as the browser reports it. */
  async function load(url: string, status: 'loading' | 'complete' = 'complete', tabId = 7) {
    await fakeBrowser.tabs.onUpdated.trigger(tabId, { status }, { id: tabId, url } as never);
    await vi.waitFor(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }

  it('hands a page of the service the site’s snapshot, then injects the overlay into that tab', async () => {
    await load(REFERENCE_PAGE);
    expect(cachedAnswer).toHaveBeenCalledWith(SITE);
    expect(executeScript.mock.calls).toEqual([
      [{ target: { tabId: 7 }, func: leaveSnapshot, args: [HANDOFF_SLOT, RUNNING, SITE, JSON.stringify(SNAPSHOT)] }],
      [{ target: { tabId: 7 }, files: [OVERLAY_FILE] }],
    ]);
  });

  it('injects the product’s own page too (Jira’s and Confluence’s)', async () => {
    await load(`https://${SITE}/plugins/servlet/upm?source=side_nav_manage_addons`, 'complete', 8);
    await load(`https://${SITE}/wiki/plugins/servlet/upm`, 'complete', 9);
    const files = executeScript.mock.calls.filter(([injection]) => 'files' in injection);
    expect(files.map(([injection]) => injection.target.tabId)).toEqual([8, 9]);
  });

  it('gives a look-alike page on another local origin no snapshot: its overlay asks, and is refused', async () => {
    await load(`http://127.0.0.1:9999/sites/${SITE}/plugins/servlet/upm`);
    expect(cachedAnswer).not.toHaveBeenCalled();
    expect(executeScript.mock.calls).toEqual([[{ target: { tabId: 7 }, files: [OVERLAY_FILE] }]]);
  });

  it('leaves every other page alone, and a page still loading', async () => {
    await load(`https://${SITE}/jira/your-work`);
    await load(`${SERVICE}/sign-in`);
    await load('https://example.com/plugins/servlet/upm');
    await load(REFERENCE_PAGE, 'loading');
    expect(executeScript).not.toHaveBeenCalled();
  });

  it('shrugs off a tab that closed before the injection', async () => {
    executeScript.mockRejectedValue(new Error('No tab with id: 7'));
    await load(REFERENCE_PAGE);
    expect(executeScript).toHaveBeenCalledTimes(1);
  });

  it('names the site by the content script’s own match patterns', () => {
    expect(overlaySiteOf(REFERENCE_PAGE)).toBe(SITE);
    expect(overlaySiteOf(`http://localhost:4747/sites/${SITE}/plugins/servlet/upm/manage`)).toBe(SITE);
    expect(overlaySiteOf(`https://${SITE}/plugins/servlet/upm`)).toBe(SITE);
    expect(overlaySiteOf(`http://tokens.example:4747/sites/${SITE}/plugins/servlet/upm`)).toBeNull();
    expect(overlaySiteOf(`http://${SITE}/plugins/servlet/upm`)).toBeNull();
    expect(overlaySiteOf(undefined)).toBeNull();
  });
});

describe('the snapshot handed to the overlay', () => {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>)[HANDOFF_SLOT];
  });

  it('arrives whole, its nulls included (regression: Chrome leaves null properties out of executeScript arguments)', async () => {
    const args = handoffArgs(SITE, SNAPSHOT);
    // Chrome's arguments as they arrive: a null-valued property of an object would be gone; text is not touched.
    expect(args.every((arg) => typeof arg === 'string')).toBe(true);
    leaveSnapshot(...args);
    const taken = takeHandoff(SITE);
    await expect(taken.alreadyRunning ? undefined : taken.answer).resolves.toEqual(SNAPSHOT);
  });

  it('is taken once, by an overlay of the same site; after that the page counts as running', async () => {
    leaveSnapshot(...handoffArgs(SITE, SNAPSHOT));
    const first = takeHandoff(SITE);
    expect(first.alreadyRunning).toBe(false);
    await expect(first.alreadyRunning ? undefined : first.answer).resolves.toEqual(SNAPSHOT);
    expect(takeHandoff(SITE)).toEqual({ alreadyRunning: true });
  });

  it('is not handed to an overlay of another site', () => {
    leaveSnapshot(...handoffArgs(SITE, SNAPSHOT));
    expect(takeHandoff('other.atlassian.net')).toEqual({ alreadyRunning: false, answer: undefined });
  });

  it('is not left on a page the overlay already runs on (a second load, a page back from the cache)', () => {
    expect(takeHandoff(SITE)).toEqual({ alreadyRunning: false, answer: undefined });
    leaveSnapshot(...handoffArgs(SITE, SNAPSHOT));
    expect((globalThis as Record<string, unknown>)[HANDOFF_SLOT]).toBe(RUNNING);
    expect(takeHandoff(SITE)).toEqual({ alreadyRunning: true });
  });
});
