import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type ExtensionBrowser, launchChromiumWithExtension } from './browser';
import { signInThroughOptions } from './people';
import { apiSession } from './service-api';
import { OWNER, removeTempDb, type ServiceProcess, startServiceProcess } from './service-process';

export interface SignedInBrowser {
  service: ServiceProcess;
  browser: ExtensionBrowser;
  api: Awaited<ReturnType<typeof apiSession>>;
}

/**
 * For a test file: a fresh service of its own, an API session as a script would hold, and a
 * Chromium with the built extension signed in through its options page, as a person does once.
 * Call it at the top of a `describe`; what it returns is ready inside the tests.
 */
export function useSignedInBrowser(): () => SignedInBrowser {
  let ready: SignedInBrowser | undefined;
  beforeAll(async () => {
    const service = await startServiceProcess();
    const api = await apiSession(service.url, OWNER);
    const browser = await launchChromiumWithExtension();
    await (await signInThroughOptions(browser.context, browser.extensionId, service.url, OWNER)).close();
    ready = { service, browser, api };
  });
  afterAll(async () => {
    await ready?.browser.close();
    await ready?.service.stop();
    if (ready) removeTempDb(ready.service.dbPath);
  });
  return () => {
    if (!ready) throw new Error('the signed-in browser is not ready: call useSignedInBrowser() inside describe');
    return ready;
  };
}

/** The overlay's controls, found by the names a person finds them by (EXTENSION.md). */
export const badge = (page: Page, appName: string) => page.getByRole('group', { name: `Access token for ${appName}` });
export const licenseSwitch = (page: Page, appName: string) =>
  page.getByRole('radiogroup', { name: `License state for ${appName}` });
