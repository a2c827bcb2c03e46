import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { showSignInState, showSiteFreshness } from '../../lib/background/toolbar-badge';
import { siteHost } from '../support/identifiers';

const SERVICE = 'http://127.0.0.1:4747';
const HOST = siteHost('acme-dev.atlassian.net');

describe('the toolbar button', () => {
  it('shows “!” and says so in its title while signed out, nothing once signed in', async () => {
    await showSignInState(false);
    await expect(fakeBrowser.action.getBadgeText({})).resolves.toBe('!');
    await expect(fakeBrowser.action.getTitle({})).resolves.toContain('signed out');
    await showSignInState(true);
    await expect(fakeBrowser.action.getBadgeText({})).resolves.toBe('');
  });

  it('marks the tabs of a site whose data are stale, with the reason, and clears it when fresh', async () => {
    const page = await fakeBrowser.tabs.create({ url: `${SERVICE}/sites/${HOST}/plugins/servlet/upm` });
    const other = await fakeBrowser.tabs.create({ url: 'https://example.com/' });
    const problem = { code: 'service_unreachable', message: 'The Token Lens service cannot be reached.' };
    await showSiteFreshness({ host: HOST, apps: [], fetchedAt: null, problem }, SERVICE);
    await expect(fakeBrowser.action.getBadgeText({ tabId: page.id })).resolves.toBe('old');
    await expect(fakeBrowser.action.getTitle({ tabId: page.id })).resolves.toContain('cannot be reached');
    await expect(fakeBrowser.action.getBadgeText({ tabId: other.id })).resolves.toBe('');
    await showSiteFreshness({ host: HOST, apps: [], fetchedAt: null, problem: null }, SERVICE);
    await expect(fakeBrowser.action.getBadgeText({ tabId: page.id })).resolves.toBe('');
  });
});
