import { describe, expect, it } from 'vitest';
import { screenshot } from './support/browser';
import { openReferencePage } from './support/people';
import { OWNER } from './support/service-process';
import { badge, useSignedInBrowser } from './support/signed-in-browser';
import { freshSite } from './support/test-site';

describe('personal access tokens in the options page', () => {
  const setup = useSignedInBrowser();

  it('generates a token shown once, signs the extension in with it, and signs it out when it is regenerated', async () => {
    const { browser, service, api } = setup();
    const host = await freshSite(api, 'pat');
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByText(`Signed in as ${OWNER.email}`).waitFor();

    // Generate: description, a preset, the password; the value is shown once.
    await options.getByRole('button', { name: 'Generate', exact: true }).click();
    const form = options.getByRole('form', { name: 'Generate a personal access token' });
    await form.getByLabel('Description').fill('Extension e2e');
    await form.getByLabel('Preset').selectOption('full-access');
    await form.getByLabel('Your password').fill(OWNER.password);
    await form.getByRole('button', { name: 'Generate token' }).click();
    const shown = options.getByRole('dialog', { name: 'Your new token' });
    const value = (await shown.getByLabel('Token value').textContent())?.trim() ?? '';
    expect(value).toMatch(/^tlp_[0-9A-Za-z]{38}$/);
    await shown.getByRole('button', { name: 'Copy', exact: true }).click();
    await shown.getByRole('status').filter({ hasText: 'Copied.' }).waitFor();
    await screenshot(options, 'options-token-shown-once');
    await shown.getByRole('button', { name: 'Done' }).click();
    await expect(options.getByText(value).count()).resolves.toBe(0);
    await options.getByRole('row', { name: /Extension e2e/ }).waitFor();

    // Sign the extension in with the token instead of the password.
    await options.getByRole('button', { name: 'Sign out' }).click();
    await options.getByRole('button', { name: 'Sign in' }).waitFor();
    await options.getByLabel('Personal access token').fill(value);
    await options.getByRole('button', { name: 'Sign in' }).click();
    await options.getByText('with a personal access token').waitFor();

    const page = await browser.context.newPage();
    await openReferencePage(page, service.url, host, OWNER);
    await expect.poll(() => badge(page, 'Acme Timesheets').textContent()).toContain('Active trial');

    // Regenerate it: the value the extension holds stops working at once.
    await options.bringToFront();
    await options.getByRole('checkbox', { name: 'Select Extension e2e' }).check();
    await options.getByRole('button', { name: 'Regenerate' }).click();
    const confirm = options.getByRole('form', { name: 'Regenerate “Extension e2e”' });
    await confirm.getByLabel('Your password').fill(OWNER.password);
    await confirm.getByRole('button', { name: 'Regenerate' }).click();
    // The new value is shown once — though the extension, which held the old one, is signed out.
    const renewed = options.getByRole('dialog', { name: 'Your new token' });
    const newValue = (await renewed.getByLabel('Token value').textContent())?.trim() ?? '';
    expect(newValue).toMatch(/^tlp_/);
    expect(newValue).not.toBe(value);
    const notice = options.locator('[data-code="signed_out"]');
    await notice.waitFor({ timeout: 10_000 });
    await expect(notice.textContent()).resolves.toContain('no longer accepts the personal access token');
    await screenshot(options, 'options-signed-out-after-regenerate');
    // The overlay says so too: its data is stale, with the reason.
    await page.bringToFront();
    await expect.poll(() => badge(page, 'Acme Timesheets').textContent(), { timeout: 10_000 }).toContain('stale');

    // Signed in again with the new value, everything works again.
    await options.bringToFront();
    await renewed.getByRole('button', { name: 'Done' }).click();
    await options.getByLabel('Personal access token').fill(newValue);
    await options.getByRole('button', { name: 'Sign in' }).click();
    await options.getByText('with a personal access token').waitFor();
  });
});
