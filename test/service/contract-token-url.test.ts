import { describe, expect, it } from 'vitest';
import {
  type AccessToken,
  contractService,
  DEMO,
  expectJson,
  expectProblem,
  privateUrlOf,
  unknownAccessTokenValue,
} from './support/contract';

/** SERVICE-API.md rule 11: installing from a token URL, licensed and bound in one step. */

const NEW_SITE = 'fresh.atlassian.net';

describe('rule 11: installing from a token URL', () => {
  it.each([
    ['installUrls.private of a private app', DEMO.privateApp, 'private'],
    ['installUrls.private of a public app with a private version', DEMO.publicWithPrivateVersion, 'private'],
    ['installUrls.public of a public app with a private version', DEMO.publicWithPrivateVersion, 'public'],
  ] as const)('installs and licenses in one step from %s, binding the token', async (_case, appKey, which) => {
    const service = await contractService();
    await service.createSite(NEW_SITE);
    const token = await service.createToken(appKey);
    const url = token.installUrls[which];
    expect(url).toBeDefined();

    const installed = await service.installByUrl(NEW_SITE, url ?? '');
    expect(installed).toMatchObject({
      appKey,
      token: { id: token.id, last4: token.value.slice(-4), status: 'active' },
      license: { state: 'active-subscription' },
      lic: 'active',
    });
    expect(await service.siteApp(NEW_SITE, appKey)).toEqual(installed);
    expect((await service.getToken(appKey, token.id)).site?.host).toBe(NEW_SITE);
  });

  it('accepts a version’s descriptor URL as well as the app’s own', async () => {
    const service = await contractService();
    const { descriptorUrl } = await service.createApp('com.test.versioned', 'public');
    const versionUrl = 'https://apps.test.example/versioned/2.0.0-beta/atlassian-connect.json';
    await expectJson(
      await service.call('POST', '/apps/com.test.versioned/versions', {
        version: '2.0.0-beta',
        visibility: 'private',
        descriptorUrl: versionUrl,
      }),
      201,
    );
    await service.createSite('one.atlassian.net');
    await service.createSite('two.atlassian.net');
    const first = await service.createToken('com.test.versioned');
    const second = await service.createToken('com.test.versioned');
    expect(privateUrlOf(first).startsWith(`${versionUrl}?`)).toBe(true);

    expect((await service.installByUrl('one.atlassian.net', privateUrlOf(first))).token?.id).toBe(first.id);
    const own = `${descriptorUrl}?access-token=${second.value}`;
    expect((await service.installByUrl('two.atlassian.net', own)).token?.id).toBe(second.id);
  });

  it('installs again on the token’s own site from the same token URL after an uninstall', async () => {
    const service = await contractService();
    await service.createSite(NEW_SITE);
    const token = await service.createToken(DEMO.privateApp);
    await service.installByUrl(NEW_SITE, privateUrlOf(token));
    expect((await service.call('DELETE', `/sites/${NEW_SITE}/apps/${DEMO.privateApp}`)).status).toBe(204);
    const again = await service.installByUrl(NEW_SITE, privateUrlOf(token));
    expect(again).toMatchObject({ token: { id: token.id }, license: { state: 'active-subscription' } });
  });

  it('takes a license state with the token URL', async () => {
    const service = await contractService();
    await service.createSite(NEW_SITE);
    const token = await service.createToken(DEMO.privateApp);
    const installed = await service.installByUrl(NEW_SITE, privateUrlOf(token), 'active-trial');
    expect(installed.license.state).toBe('active-trial');
  });

  it.each([
    ['another host', 'https://evil.example/timesheets/atlassian-connect.json'],
    ['another app’s descriptor', 'https://apps.acme.example/reports/atlassian-connect.json'],
    ['another path', 'https://apps.acme.example/timesheets/other.json'],
  ])('refuses a descriptor of %s with 422 descriptor_mismatch', async (_case, descriptor) => {
    const service = await contractService();
    await service.createSite(NEW_SITE);
    const token = await service.createToken(DEMO.privateApp);
    const installUrl = `${descriptor}?access-token=${token.value}`;
    await expectProblem(
      await service.call('POST', `/sites/${NEW_SITE}/apps`, { installUrl }),
      422,
      'descriptor_mismatch',
    );
    expect((await service.getToken(DEMO.privateApp, token.id)).site).toBeNull();
  });

  it.each([
    ['a well-formed token no one created', () => unknownAccessTokenValue()],
    ['a token with a broken checksum', () => `${unknownAccessTokenValue().slice(0, -1)}!`],
    ['a value that is not a token', () => 'hello'],
  ])('refuses %s with 404 token_not_found', async (_case, value) => {
    const service = await contractService();
    await service.createSite(NEW_SITE);
    const installUrl = `https://apps.acme.example/timesheets/atlassian-connect.json?access-token=${encodeURIComponent(value())}`;
    await expectProblem(await service.call('POST', `/sites/${NEW_SITE}/apps`, { installUrl }), 404, 'token_not_found');
  });

  it('refuses an app already installed on the site with 409 app_already_installed, leaving the token unbound', async () => {
    const service = await contractService();
    const token: AccessToken = await service.createToken(DEMO.privateApp);
    const before = await service.siteApp(DEMO.siteA, DEMO.privateApp);
    await expectProblem(
      await service.call('POST', `/sites/${DEMO.siteA}/apps`, { installUrl: privateUrlOf(token) }),
      409,
      'app_already_installed',
    );
    expect(await service.siteApp(DEMO.siteA, DEMO.privateApp)).toEqual(before);
    expect((await service.getToken(DEMO.privateApp, token.id)).site).toBeNull();
  });

  it('refuses installing by key an app already installed with 409 app_already_installed', async () => {
    const service = await contractService();
    await expectProblem(
      await service.call('POST', `/sites/${DEMO.siteA}/apps`, { appKey: DEMO.freeApp }),
      409,
      'app_already_installed',
    );
  });
});
