import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openWelcomeOnFirstInstall, WELCOME_PATH } from '../../lib/background/first-run';

describe('the first install', () => {
  let create: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    fakeBrowser.reset();
    create = vi.fn(async () => ({ id: 1 }));
    vi.spyOn(fakeBrowser.tabs, 'create').mockImplementation(create as never);
    openWelcomeOnFirstInstall();
  });

  it('opens the options page on its welcome', async () => {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    expect(create).toHaveBeenCalledWith({
      url: fakeBrowser.runtime.getURL('/options.html?welcome=1' as '/options.html'),
    });
    expect(WELCOME_PATH).toBe('/options.html?welcome=1');
  });

  it('opens nothing on an update or a browser update', async () => {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.0.9' });
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'chrome_update' });
    expect(create).not.toHaveBeenCalled();
  });
});
