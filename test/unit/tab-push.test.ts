import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { pushToSite } from '../../lib/background/tab-push';
import type { Push } from '../../lib/messaging/protocol';
import { siteHost } from '../support/identifiers';

const SITE_A = siteHost('acme-dev.atlassian.net');
const SITE_B = siteHost('acme-staging.atlassian.net');
const SERVICE = 'http://127.0.0.1:4747';
const push: Push = { type: 'site.changed', view: { host: SITE_A, apps: [], fetchedAt: null, problem: null } };

describe('pushToSite', () => {
  let tabSend: ReturnType<typeof vi.fn>;
  let runtimeSend: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    tabSend = vi.fn(async () => undefined);
    runtimeSend = vi.fn(async () => undefined);
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(tabSend as never);
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(runtimeSend as never);
  });

  async function openTab(url: string): Promise<number> {
    const tab = await fakeBrowser.tabs.create({ url });
    if (tab.id === undefined) throw new Error('the fake browser gave a tab without id');
    return tab.id;
  }

  it('sends the push to every tab showing the site’s Manage apps page, and to extension pages', async () => {
    const reference = await openTab(`http://127.0.0.1:4747/sites/${SITE_A}/plugins/servlet/upm`);
    const product = await openTab(`https://${SITE_A}/plugins/servlet/upm`);
    await openTab(`http://127.0.0.1:4747/sites/${SITE_B}/plugins/servlet/upm`);
    await openTab(`https://${SITE_A}/jira/your-work`);
    await openTab('https://example.com/');

    await pushToSite(SITE_A, push, SERVICE);

    expect(tabSend.mock.calls.map(([tabId]) => tabId).sort()).toEqual([reference, product].sort());
    for (const call of tabSend.mock.calls) expect(call[1]).toEqual(push);
    expect(runtimeSend).toHaveBeenCalledWith(push);
  });

  it('sends nothing to a look-alike reference page on another local origin', async () => {
    // Any local process can serve /sites/{host}/plugins/servlet/upm; only the service's own pages count.
    await openTab(`http://127.0.0.1:9999/sites/${SITE_A}/plugins/servlet/upm`);
    await openTab(`http://localhost:4747/sites/${SITE_A}/plugins/servlet/upm`);
    const own = await openTab(`${SERVICE}/sites/${SITE_A}/plugins/servlet/upm`);

    await pushToSite(SITE_A, push, SERVICE);

    expect(tabSend.mock.calls.map(([tabId]) => tabId)).toEqual([own]);
  });

  it('does not fail when a tab or the extension pages cannot be reached', async () => {
    await openTab(`https://${SITE_A}/plugins/servlet/upm`);
    tabSend.mockRejectedValue(new Error('Could not establish connection. Receiving end does not exist.'));
    runtimeSend.mockRejectedValue(new Error('Could not establish connection. Receiving end does not exist.'));
    await expect(pushToSite(SITE_A, push, SERVICE)).resolves.toBeUndefined();
  });

  it('still reaches the site’s tabs when another tab has a URL with a malformed escape', async () => {
    // Any open tab on loopback can have such a URL; it must not stop pushes to every site.
    await openTab('http://127.0.0.1:4747/sites/%E0%A4%A/plugins/servlet/upm');
    const tab = await openTab(`https://${SITE_A}/plugins/servlet/upm`);
    await expect(pushToSite(SITE_A, push, SERVICE)).resolves.toBeUndefined();
    expect(tabSend).toHaveBeenCalledWith(tab, push);
  });
});
