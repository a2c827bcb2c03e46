import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchChromiumWithExtension, screenshot } from './support/browser';

describe('a first install', () => {
  let browser: ExtensionBrowser | undefined;
  afterAll(async () => {
    await browser?.close();
  });

  it('opens the options page on its welcome, with the focus on Email', async () => {
    browser = await launchChromiumWithExtension();
    const isWelcome = (page: Page) => page.url().endsWith('/options.html?welcome=1');
    const welcome =
      browser.context.pages().find(isWelcome) ??
      (await browser.context.waitForEvent('page', { predicate: isWelcome, timeout: 10_000 }));
    const region = welcome.getByRole('region', { name: 'Welcome to Token Lens' });
    await expect(region.textContent()).resolves.toContain('never asks for your Atlassian password');
    await expect.poll(() => region.textContent()).toContain('The toolbar button (Alt+Shift+L)');
    await expect.poll(() => welcome.evaluate('document.activeElement?.id')).toBe('email');
    await screenshot(welcome, 'options-welcome');
  });
});
