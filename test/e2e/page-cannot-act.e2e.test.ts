import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from './support/browser';
import { watchCspIssues } from './support/csp-issues';
import { openReferencePage } from './support/people';
import { OWNER } from './support/service-process';
import { badge, licenseSwitch, useSignedInBrowser } from './support/signed-in-browser';
import { freshSite } from './support/test-site';

/** What a hostile page's own script does: reach into the overlay's open shadow roots and act. */
function pageScriptActs(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const did: string[] = [];
    const roots = () =>
      [...document.querySelectorAll('token-lens-badge, token-lens-bar')].flatMap((host) =>
        host.shadowRoot ? [host.shadowRoot] : [],
      );
    const inRow = (appKey: string) =>
      document.querySelector(`div.upm-plugin[data-key="${appKey}"] token-lens-badge`)?.shadowRoot ?? null;
    const button = (root: ParentNode | null, text: string) =>
      [...(root?.querySelectorAll('button') ?? [])].filter((element) => element.textContent?.trim() === text);
    const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

    for (const clear of button(inRow('com.acme.reports'), 'Clear token')) {
      clear.click();
      did.push('clicked Clear token');
    }
    await settle();
    // Even if a confirmation were open, its button is clicked too, and a form submitted.
    for (const confirm of button(inRow('com.acme.reports'), 'Clear token')) {
      confirm.click();
      confirm.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      did.push('clicked the confirmation');
    }
    const radio = inRow('com.acme.timesheets')?.querySelector<HTMLInputElement>(
      'input[type="radio"][value="inactive-subscription"]',
    );
    if (radio) {
      radio.click();
      radio.focus();
      for (const key of [' ', 'Enter'])
        radio.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
      did.push('switched the license radio');
    }
    for (const root of roots()) {
      for (const install of button(root, 'Install from token URL')) {
        install.click();
        did.push('clicked Install from token URL');
      }
      for (const enable of button(root, 'Enable private listings')) enable.click();
      for (const form of root.querySelectorAll('form')) form.requestSubmit();
    }
    await settle();
    return did;
  });
}

describe('a page script cannot act through the overlay', () => {
  const setup = useSignedInBrowser();

  it('ignores a script’s clicks and keys on Clear token, its confirmation and the license switch; a person’s work', async () => {
    const { service, browser, api } = setup();
    const host = await freshSite(api, 'hostile');
    const page = await browser.context.newPage();
    await openReferencePage(page, service.url, host, OWNER);
    await expect.poll(() => badge(page, 'Acme Reports').textContent()).toContain('Active subscription');
    // The controls follow the badges (rows near the viewport, between frames): the script acts once they are there.
    await licenseSwitch(page, 'Acme Timesheets').waitFor();
    await licenseSwitch(page, 'Acme Reports').waitFor();
    await page.getByRole('button', { name: 'Install from token URL' }).waitFor();
    const pagesBefore = browser.context.pages().length;

    const did = await pageScriptActs(page);
    expect(did).toEqual(
      expect.arrayContaining(['clicked Clear token', 'switched the license radio', 'clicked Install from token URL']),
    );
    // A person's click right after: whatever the script's events had sent would have gone first.
    await licenseSwitch(page, 'Acme Reports').getByRole('radio', { name: 'Active trial', exact: true }).click();
    await expect.poll(() => badge(page, 'Acme Reports').textContent()).toContain('Active trial');

    const held = await api.siteApps(host);
    const reports = held.find((app) => app.appKey === 'com.acme.reports');
    const timesheets = held.find((app) => app.appKey === 'com.acme.timesheets');
    expect(reports?.token?.status).toBe('active');
    expect(timesheets?.license.state).toBe('active-trial');
    await expect(page.getByRole('alertdialog').count()).resolves.toBe(0);
    expect(browser.context.pages().length).toBe(pagesBefore);
    await expect(
      licenseSwitch(page, 'Acme Timesheets').getByRole('radio', { name: 'Active trial', exact: true }).isChecked(),
    ).resolves.toBe(true);

    // The same, done by a person with real clicks, works.
    const row = page.locator('div.upm-plugin[data-key="com.acme.reports"]');
    await row.getByRole('button', { name: 'Clear token' }).click();
    await row.getByRole('alertdialog').getByRole('button', { name: 'Clear token' }).click();
    await expect.poll(() => badge(page, 'Acme Reports').textContent()).toContain('no token');
    await licenseSwitch(page, 'Acme Timesheets').getByRole('radio', { name: 'Inactive subscription' }).click();
    await expect.poll(() => badge(page, 'Acme Timesheets').textContent()).toContain('Inactive subscription');
    const after = await api.siteApps(host);
    expect(after.find((app) => app.appKey === 'com.acme.reports')?.token).toBeNull();
    expect(after.find((app) => app.appKey === 'com.acme.timesheets')?.license.state).toBe('inactive-subscription');
    await screenshot(page, 'page-script-refused');
  });

  it('logs no CSP violation in the content script, the options and install pages; the worker runs zod jitless', async () => {
    const { service, browser, api } = setup();
    const host = await freshSite(api, 'csp');
    const page = await browser.context.newPage();
    const onPage = await watchCspIssues(browser.context, page, 'Manage apps page');
    await openReferencePage(page, service.url, host, OWNER);
    await expect.poll(() => badge(page, 'Acme Timesheets').textContent()).toContain('Active trial');

    const opened = browser.context.waitForEvent('page');
    await page.getByRole('button', { name: 'Install from token URL' }).click();
    const install = await opened;
    const inInstall = await watchCspIssues(browser.context, install, 'install window');
    await install.reload();
    await install.getByLabel('Token URL').fill('https://apps.acme.example/x.json?access-token=mat_nope');
    await install.getByRole('button', { name: 'Install', exact: true }).click();
    await install.getByRole('alert').waitFor();

    const options = await browser.context.newPage();
    const inOptions = await watchCspIssues(browser.context, options, 'options');
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByText(`Signed in as ${OWNER.email}`).waitFor();

    expect([...onPage(), ...inInstall(), ...inOptions()]).toEqual([]);
    // The worker started before anything here could watch it: it holds zod's configuration to show.
    const [worker] = browser.context.serviceWorkers();
    await expect(
      worker?.evaluate(
        () => (globalThis as { __zod_globalConfig?: { jitless?: boolean } }).__zod_globalConfig?.jitless,
      ),
    ).resolves.toBe(true);
  });
});
