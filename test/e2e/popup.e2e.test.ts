import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from './support/browser';
import { openReferencePage } from './support/people';
import { OWNER } from './support/service-process';
import { badge, useSignedInBrowser } from './support/signed-in-browser';
import { freshSite } from './support/test-site';

describe('the popup', () => {
  const setup = useSignedInBrowser();

  async function openPopup(host: string, more = ''): Promise<Page> {
    const { browser } = setup();
    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 440, height: 560 });
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?site=${host}${more}`);
    return popup;
  }

  it('lists the site’s apps, every token of an app, creates and removes one, and the page follows', async () => {
    const { browser, service, api } = setup();
    const host = await freshSite(api, 'popup');
    const page = await browser.context.newPage();
    await openReferencePage(page, service.url, host, OWNER);
    await expect.poll(() => badge(page, 'Acme Reports').textContent()).toContain('Active subscription');

    const popup = await openPopup(host);
    await popup.getByRole('group', { name: 'Access token for Acme Timesheets' }).waitFor();
    await screenshot(popup, 'popup-light');
    await popup.emulateMedia({ colorScheme: 'dark' });
    await screenshot(popup, 'popup-dark');
    await popup.emulateMedia({ colorScheme: 'light' });

    // The same one-click license switch as the overlay.
    await popup
      .getByRole('radiogroup', { name: 'License state for Acme Timesheets' })
      .getByRole('radio', { name: 'Inactive trial' })
      .click();
    await expect
      .poll(() => badge(page, 'Acme Timesheets').textContent(), { timeout: 5000 })
      .toContain('Inactive trial');

    // Every token of an app: n / 50, create one.
    await popup.getByRole('button', { name: 'Tokens of Acme Reports' }).click();
    const used = popup.getByText(/\d+ \/ 50 used/);
    const before = Number((await used.textContent())?.split(' ')[0]);
    await popup.getByLabel('Note').fill('made in the popup');
    await popup.getByRole('button', { name: 'Create token' }).click();
    await expect.poll(async () => Number((await used.textContent())?.split(' ')[0])).toBe(before + 1);

    // Search and filter.
    await popup.getByRole('searchbox', { name: 'Search tokens' }).fill('made in the popup');
    const list = popup.getByRole('list', { name: 'Tokens of Acme Reports' });
    await expect(list.getByRole('listitem').count()).resolves.toBe(1);
    await popup.getByRole('searchbox', { name: 'Search tokens' }).fill('');
    await popup.getByRole('checkbox', { name: 'Bound here' }).check();
    const bound = list.getByRole('listitem');
    await expect(bound.count()).resolves.toBe(1);

    // Copy its URL, then remove the token bound here: the site's badge turns unlicensed.
    await bound.getByRole('button', { name: 'Copy token URL' }).click();
    await popup.getByRole('status').filter({ hasText: 'copied' }).waitFor();
    await bound.getByRole('button', { name: 'Remove token' }).click();
    const confirm = bound.getByRole('alertdialog');
    await expect(confirm.textContent()).resolves.toContain(`${host} becomes unlicensed`);
    await confirm.getByRole('button', { name: 'Remove token' }).click();
    await popup.getByRole('status').filter({ hasText: 'removed at the Marketplace' }).waitFor();
    await expect.poll(() => badge(page, 'Acme Reports').textContent(), { timeout: 5000 }).toContain('Unlicensed');

    // The switch made above is in the site's history.
    await popup.getByRole('tab', { name: 'History' }).click();
    await popup
      .getByRole('list', { name: 'Changes, newest first' })
      .getByText('switched the license state to Inactive trial')
      .waitFor();
    await screenshot(popup, 'popup-history');
  });

  it('copies a token URL to the clipboard, pastes it into Install from token URL, and installs and licenses the app', async () => {
    const { api } = setup();
    const host = await freshSite(api, 'popup-install');
    await api.call('POST', '/apps', {
      key: 'com.acme.popup',
      name: 'Acme Popup',
      paymentModel: 'paid',
      visibility: 'private',
      descriptorUrl: 'https://apps.acme.example/popup/atlassian-connect.json',
    });
    const token = (await (await api.call('POST', '/apps/com.acme.popup/tokens', {})).json()) as {
      installUrls: { private: string };
    };
    // Opened on the app itself (as the overlay's links open it): its one token, unbound.
    const popup = await openPopup(host, '&app=com.acme.popup');
    const list = popup.getByRole('list', { name: 'Tokens of Acme Popup' });
    await expect.poll(() => list.getByRole('listitem').count()).toBe(1);
    await list.getByRole('button', { name: 'Copy token URL' }).click();
    await popup.getByRole('status').filter({ hasText: 'copied' }).waitFor();

    // Pasted as a person pastes: the browser's clipboard holds the full URL the service has.
    await popup.getByRole('tab', { name: 'Install from token URL' }).click();
    const field = popup.getByLabel('Token URL');
    await field.focus();
    await popup.keyboard.press('ControlOrMeta+V');
    await expect(field.inputValue()).resolves.toBe(token.installUrls.private);
    await popup.getByRole('button', { name: 'Install', exact: true }).click();
    await expect(popup.getByRole('status').textContent()).resolves.toContain('Installed Acme Popup');
    const held = (await api.siteApps(host)).find((app) => app.appKey === 'com.acme.popup');
    expect(held?.license.state).toBe('active-subscription');
  });
});
