import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openReferencePage } from './support/people';
import { OWNER } from './support/service-process';
import { badge, useSignedInBrowser } from './support/signed-in-browser';
import { freshSite } from './support/test-site';

/** axe-core's findings on `page` (limited to `include` when given), as "rule: target" lines. */
async function violations(page: Page, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page: page as never });
  const results = await (include ? builder.include(include) : builder).analyze();
  return results.violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id}: ${node.target.join(' ')} — ${violation.help} ${JSON.stringify(node.any[0]?.data ?? '')}`,
    ),
  );
}

describe('accessibility (axe-core)', () => {
  const setup = useSignedInBrowser();

  it('finds no violation on the service’s sign-in page or its API reference (/docs), light and dark', async () => {
    const { browser, service } = setup();
    const page = await browser.context.newPage();
    const found: Record<string, string[]> = {};
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${service.url}/sign-in`);
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      found[`sign-in ${scheme}`] = await violations(page);
      await page.goto(`${service.url}/docs`);
      await page.locator('.opblock-summary-path').first().waitFor();
      found[`docs ${scheme}`] = await violations(page);
    }
    expect(found).toEqual({ 'sign-in light': [], 'docs light': [], 'sign-in dark': [], 'docs dark': [] });
  });

  it('finds no violation in the popup, the options page, or the overlay', async () => {
    const { browser, service, api } = setup();
    const host = await freshSite(api, 'axe');

    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?site=${host}`);
    await popup.getByRole('group', { name: 'Access token for Acme Timesheets' }).waitFor();
    const inPopup = await violations(popup);
    await popup.getByRole('button', { name: 'Tokens of Acme Timesheets' }).click();
    await popup.getByText(/\d+ \/ 50 used/).waitFor();
    const inTokens = await violations(popup);
    await popup.getByRole('tab', { name: 'Install from token URL' }).click();
    await popup.getByRole('textbox', { name: 'Token URL' }).waitFor();
    const inInstall = await violations(popup);
    await popup.emulateMedia({ colorScheme: 'dark' });
    await popup.getByRole('tab', { name: 'Apps' }).click();
    await popup.getByRole('group', { name: 'Access token for Acme Timesheets' }).waitFor();
    const inDarkPopup = await violations(popup);

    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByText(`Signed in as ${OWNER.email}`).waitFor();
    await options
      .getByRole('table', { name: 'Your tokens' })
      .or(options.getByText(/No personal access tokens yet/))
      .waitFor();
    const inOptions = await violations(options);
    await options.emulateMedia({ colorScheme: 'dark' });
    const inDarkOptions = await violations(options);

    // The overlay only: the reference page around it is not what is tested here.
    const page = await browser.context.newPage();
    await openReferencePage(page, service.url, host, OWNER);
    await expect.poll(() => badge(page, 'Acme Timesheets').textContent()).toContain('Active trial');
    const inOverlay = [...(await violations(page, 'token-lens-badge')), ...(await violations(page, 'token-lens-bar'))];
    await page.emulateMedia({ colorScheme: 'dark' });
    const inDarkOverlay = [
      ...(await violations(page, 'token-lens-badge')),
      ...(await violations(page, 'token-lens-bar')),
    ];

    expect({ inPopup, inTokens, inInstall, inDarkPopup, inOptions, inDarkOptions, inOverlay, inDarkOverlay }).toEqual({
      inPopup: [],
      inTokens: [],
      inInstall: [],
      inDarkPopup: [],
      inOptions: [],
      inDarkOptions: [],
      inOverlay: [],
      inDarkOverlay: [],
    });
  });
});
