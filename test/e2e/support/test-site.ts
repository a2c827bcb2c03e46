import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { openReferencePage } from './people';
import type { apiSession } from './service-api';
import { OWNER } from './service-process';
import { badge } from './signed-in-browser';

type Api = Awaited<ReturnType<typeof apiSession>>;
let sites = 0;

async function expectStatus(response: Promise<Response>, status: number, what: string): Promise<Response> {
  const answer = await response;
  if (answer.status !== status)
    throw new Error(`${what}: expected ${status}, got ${answer.status} ${await answer.text()}`);
  return answer;
}

/**
 * A site of its own for one test, set up through the API as a script would: private listings
 * enabled; Acme Timesheets installed from a token URL (Active trial), Acme Reports installed by
 * key with a token applied (Active subscription), and the free Acme Hello. No test sees another's.
 */
export async function freshSite(api: Api, name: string): Promise<string> {
  const host = `${name}-${++sites}.atlassian.net`;
  await expectStatus(api.call('POST', '/sites', { host }), 201, 'create site');
  await expectStatus(
    api.call('PATCH', `/sites/${host}`, { privateListingsEnabled: true }),
    200,
    'enable private listings',
  );

  const timesheetsToken = (await (
    await expectStatus(api.call('POST', '/apps/com.acme.timesheets/tokens', { note: `for ${name}` }), 201, 'token')
  ).json()) as { installUrls: { private: string } };
  await expectStatus(
    api.call('POST', `/sites/${host}/apps`, {
      installUrl: timesheetsToken.installUrls.private,
      licenseState: 'active-trial',
    }),
    201,
    'install Acme Timesheets',
  );

  await expectStatus(
    api.call('POST', `/sites/${host}/apps`, { appKey: 'com.acme.reports' }),
    201,
    'install Acme Reports',
  );
  const reportsToken = (await (
    await expectStatus(api.call('POST', '/apps/com.acme.reports/tokens', {}), 201, 'token')
  ).json()) as { value: string };
  await expectStatus(
    api.call('PUT', `/sites/${host}/apps/com.acme.reports/token`, { token: reportsToken.value }),
    200,
    'apply',
  );

  await expectStatus(api.call('POST', `/sites/${host}/apps`, { appKey: 'com.acme.hello' }), 201, 'install Acme Hello');
  return host;
}

/** A fresh site of the test's own, its reference page open in a new tab with the badges painted. */
export async function openFreshSite(
  context: BrowserContext,
  serviceUrl: string,
  api: Api,
  name: string,
): Promise<{ page: Page; host: string }> {
  const host = await freshSite(api, name);
  const page = await context.newPage();
  await openReferencePage(page, serviceUrl, host, OWNER);
  await expect.poll(() => badge(page, 'Acme Timesheets').textContent()).toContain('Active trial');
  return { page, host };
}
