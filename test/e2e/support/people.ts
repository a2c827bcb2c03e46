import type { BrowserContext, Page } from 'playwright-core';

export interface Credentials {
  email: string;
  password: string;
}

/** What a person does once: open Token Lens's options, point it at the service, and sign in. */
export async function signInThroughOptions(
  context: BrowserContext,
  extensionId: string,
  serviceUrl: string,
  who: Credentials,
  options: { staySignedIn?: boolean } = {},
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.getByLabel('Service URL').fill(serviceUrl);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  if (options.staySignedIn) await page.getByLabel('Stay signed in').check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText(`Signed in as ${who.email}`).waitFor();
  return page;
}

/** Opens a reference Manage apps page, signing in on the service's own form when it asks. */
export async function openReferencePage(page: Page, serviceUrl: string, host: string, who: Credentials): Promise<void> {
  await page.goto(`${serviceUrl}/sites/${host}/plugins/servlet/upm`);
  if (new URL(page.url()).pathname === '/sign-in') {
    await page.getByLabel('Email').fill(who.email);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`**/sites/${host}/plugins/servlet/upm`);
  }
  await page.locator('#upm-manage-plugins-user-installed').waitFor();
}
