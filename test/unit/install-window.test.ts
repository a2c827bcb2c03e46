import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  applyPagePath,
  installPagePath,
  openApplyWindow,
  openInstallWindow,
} from '../../lib/background/install-window';

const HOST = 'acme-dev.atlassian.net';

describe('the install window', () => {
  let create: ReturnType<typeof vi.fn>;
  let update: ReturnType<typeof vi.fn>;
  let query: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    create = vi.fn(async () => ({ id: 9 }));
    update = vi.fn(async () => ({ id: 4 }));
    query = vi.fn(async () => []);
    vi.spyOn(fakeBrowser.windows, 'create').mockImplementation(create as never);
    vi.spyOn(fakeBrowser.windows, 'update').mockImplementation(update as never);
    vi.spyOn(fakeBrowser.tabs, 'query').mockImplementation(query as never);
  });

  it('opens the popup on Install from token URL for the site, as a small window', async () => {
    await openInstallWindow(HOST);
    const url = fakeBrowser.runtime.getURL(installPagePath(HOST) as '/popup.html');
    expect(url).toContain(`/popup.html?site=${HOST}&view=install`);
    expect(create).toHaveBeenCalledWith(expect.objectContaining({ url, type: 'popup', focused: true }));
  });

  it('brings forward a window already open for the same site instead of opening another', async () => {
    query.mockResolvedValue([{ id: 3, windowId: 4 }]);
    await openInstallWindow(HOST);
    expect(update).toHaveBeenCalledWith(4, { focused: true });
    expect(create).not.toHaveBeenCalled();
  });

  it('names the site in the query string, escaped', () => {
    expect(installPagePath('a-b.atlassian.net')).toBe('/popup.html?site=a-b.atlassian.net&view=install');
    expect(installPagePath('x&y')).toBe('/popup.html?site=x%26y&view=install');
  });
});

describe('the paste-a-token window', () => {
  it('opens the popup on Paste a token for one app of the site, as a small window', async () => {
    const create = vi.fn(async () => ({ id: 9 }));
    vi.spyOn(fakeBrowser.windows, 'create').mockImplementation(create as never);
    vi.spyOn(fakeBrowser.tabs, 'query').mockImplementation((async () => []) as never);
    await openApplyWindow(HOST, 'com.acme.timesheets');
    const url = fakeBrowser.runtime.getURL(applyPagePath(HOST, 'com.acme.timesheets') as '/popup.html');
    expect(url).toContain(`/popup.html?site=${HOST}&app=com.acme.timesheets&view=apply`);
    expect(create).toHaveBeenCalledWith(expect.objectContaining({ url, type: 'popup', focused: true }));
  });
});
