import { describe, expect, it } from 'vitest';
import { AccessTokenListSchema } from '../../lib/domain/access-token';
import { InstalledAppSchema } from '../../lib/domain/installed-app';
import { SiteSchema } from '../../lib/domain/site';
import { contractService, DEMO, expectJson, expectProblem, privateUrlOf } from './support/contract';

/** SERVICE-API.md rules 5–9: private listings, token-only installs, removal at the Marketplace, clearing, licenses. */

const NEW_SITE = 'fresh.atlassian.net';

describe('rule 5: private listings must be enabled on the site', () => {
  it('refuses installing from a token URL with 409 private_listings_disabled until they are enabled', async () => {
    const service = await contractService();
    await service.createSite(NEW_SITE, false);
    const token = await service.createToken(DEMO.privateApp);

    await expectProblem(
      await service.call('POST', `/sites/${NEW_SITE}/apps`, { installUrl: privateUrlOf(token) }),
      409,
      'private_listings_disabled',
    );
    expect(await service.siteApp(NEW_SITE, DEMO.privateApp)).toBeUndefined();
    expect((await service.getToken(DEMO.privateApp, token.id)).site).toBeNull();

    const site = await expectJson(
      await service.call('PATCH', `/sites/${NEW_SITE}`, { privateListingsEnabled: true }),
      200,
      SiteSchema,
    );
    expect(site.privateListingsEnabled).toBe(true);
    const installed = await service.installByUrl(NEW_SITE, privateUrlOf(token));
    expect(installed.token?.id).toBe(token.id);
  });

  it('refuses applying a token with 409 private_listings_disabled until they are enabled', async () => {
    const service = await contractService();
    await service.createSite(NEW_SITE, false);
    await service.installByKey(NEW_SITE, DEMO.publicWithPrivateVersion);
    const token = await service.createToken(DEMO.publicWithPrivateVersion);

    await expectProblem(
      await service.applyToken(NEW_SITE, DEMO.publicWithPrivateVersion, token.value),
      409,
      'private_listings_disabled',
    );
    expect((await service.getToken(DEMO.publicWithPrivateVersion, token.id)).site).toBeNull();

    await expectJson(await service.call('PATCH', `/sites/${NEW_SITE}`, { privateListingsEnabled: true }), 200);
    const applied = await expectJson(
      await service.applyToken(NEW_SITE, DEMO.publicWithPrivateVersion, token.value),
      200,
      InstalledAppSchema,
    );
    expect(applied.token?.id).toBe(token.id);
  });

  it('starts a new site with private listings disabled', async () => {
    const service = await contractService();
    const site = await expectJson(await service.call('POST', '/sites', { host: NEW_SITE }), 201, SiteSchema);
    expect(site).toMatchObject({ host: NEW_SITE, privateListingsEnabled: false });
  });
});

describe('rule 6: a private app can only be installed with a token', () => {
  it('refuses installing a private app by key with 409 token_required', async () => {
    const service = await contractService();
    await service.createSite(NEW_SITE);
    await expectProblem(
      await service.call('POST', `/sites/${NEW_SITE}/apps`, { appKey: DEMO.privateApp }),
      409,
      'token_required',
    );
    expect(await service.siteApp(NEW_SITE, DEMO.privateApp)).toBeUndefined();
  });

  it.each([
    ['a public app with a private version', DEMO.publicWithPrivateVersion, 'paid'],
    ['a free public app', DEMO.freeApp, 'free'],
  ])('installs %s by key, unlicensed and without a token', async (_case, appKey, paymentModel) => {
    const service = await contractService();
    await service.createSite(NEW_SITE, false);
    const installed = await service.installByKey(NEW_SITE, appKey);
    expect(installed).toMatchObject({
      appKey,
      paymentModel,
      token: null,
      license: { state: 'unlicensed' },
      lic: 'none',
    });
  });
});

describe('rule 7: removing a token at the Marketplace', () => {
  async function installedWithToken() {
    const service = await contractService();
    await service.createSite(NEW_SITE);
    const token = await service.createToken(DEMO.privateApp);
    await service.installByUrl(NEW_SITE, privateUrlOf(token), 'active-trial');
    expect((await service.call('DELETE', `/apps/${DEMO.privateApp}/tokens/${token.id}`)).status).toBe(204);
    return { service, token };
  }

  it('marks the token removed and no longer counts it', async () => {
    const { service, token } = await installedWithToken();
    const removed = await service.getToken(DEMO.privateApp, token.id);
    expect(removed.status).toBe('removed');
    expect(Number.isNaN(Date.parse(removed.removedAt ?? ''))).toBe(false);
    expect(removed.site?.host).toBe(NEW_SITE);
    const list = await expectJson(
      await service.call('GET', `/apps/${DEMO.privateApp}/tokens`),
      200,
      AccessTokenListSchema,
    );
    // The demo data holds one active token of this app (on acme-dev).
    expect(list.active).toBe(1);
  });

  it('shows the app unlicensed (lic none) on the site where the token was applied', async () => {
    const { service, token } = await installedWithToken();
    expect(await service.siteApp(NEW_SITE, DEMO.privateApp)).toMatchObject({
      token: { id: token.id, status: 'removed' },
      license: { state: 'unlicensed' },
      lic: 'none',
    });
  });

  it('unlicenses the demo site that used a removed demo token', async () => {
    const service = await contractService();
    const demoTokenId = (await service.siteApp(DEMO.siteA, DEMO.privateApp))?.token?.id ?? '';
    expect((await service.call('DELETE', `/apps/${DEMO.privateApp}/tokens/${demoTokenId}`)).status).toBe(204);
    expect(await service.siteApp(DEMO.siteA, DEMO.privateApp)).toMatchObject({
      license: { state: 'unlicensed' },
      lic: 'none',
    });
  });

  it.each(['active-trial', 'active-subscription', 'unlicensed'] as const)(
    'refuses setting the license state (%s) with 409 license_requires_token',
    async (state) => {
      const { service } = await installedWithToken();
      await expectProblem(
        await service.call('PUT', `/sites/${NEW_SITE}/apps/${DEMO.privateApp}/license`, { state }),
        409,
        'license_requires_token',
      );
    },
  );

  it('refuses applying the removed token again with 410 token_removed', async () => {
    const { service, token } = await installedWithToken();
    await expectProblem(await service.applyToken(NEW_SITE, DEMO.privateApp, token.value), 410, 'token_removed');
  });

  it('lets the license state change again once another token is applied', async () => {
    const { service } = await installedWithToken();
    const another = await service.createToken(DEMO.privateApp);
    await expectJson(await service.applyToken(NEW_SITE, DEMO.privateApp, another.value), 200);
    const changed = await expectJson(
      await service.call('PUT', `/sites/${NEW_SITE}/apps/${DEMO.privateApp}/license`, { state: 'inactive-trial' }),
      200,
      InstalledAppSchema,
    );
    expect(changed.license.state).toBe('inactive-trial');
  });
});

describe('rule 8: clearing the token on a site', () => {
  it('leaves the app installed and unlicensed; the token stays active and bound to that site', async () => {
    const service = await contractService();
    const tokenId = (await service.siteApp(DEMO.siteA, DEMO.privateApp))?.token?.id ?? '';
    const cleared = await expectJson(
      await service.call('DELETE', `/sites/${DEMO.siteA}/apps/${DEMO.privateApp}/token`),
      200,
      InstalledAppSchema,
    );
    expect(cleared).toMatchObject({
      appKey: DEMO.privateApp,
      token: null,
      license: { state: 'unlicensed' },
      lic: 'none',
    });
    expect(await service.siteApp(DEMO.siteA, DEMO.privateApp)).toEqual(cleared);

    const token = await service.getToken(DEMO.privateApp, tokenId);
    expect(token).toMatchObject({ status: 'active', removedAt: null, site: { host: DEMO.siteA } });
    await expectProblem(
      await service.applyToken(DEMO.siteB, DEMO.privateApp, token.value),
      409,
      'token_bound_elsewhere',
    );
    await expectProblem(
      await service.call('PUT', `/sites/${DEMO.siteA}/apps/${DEMO.privateApp}/license`, { state: 'active-trial' }),
      409,
      'license_requires_token',
    );
  });
});

describe('rule 9: license states need a token', () => {
  it('refuses a license state on an app with no token: 409 license_requires_token', async () => {
    const service = await contractService();
    const before = await service.siteApp(DEMO.siteB, DEMO.privateApp);
    expect(before?.token).toBeNull();
    await expectProblem(
      await service.call('PUT', `/sites/${DEMO.siteB}/apps/${DEMO.privateApp}/license`, { state: 'active-trial' }),
      409,
      'license_requires_token',
    );
    expect(await service.siteApp(DEMO.siteB, DEMO.privateApp)).toEqual(before);
  });

  it.each(['active-trial', 'unlicensed'] as const)(
    'refuses a license state (%s) on a free app: 409 license_not_applicable',
    async (state) => {
      const service = await contractService();
      await expectProblem(
        await service.call('PUT', `/sites/${DEMO.siteA}/apps/${DEMO.freeApp}/license`, { state }),
        409,
        'license_not_applicable',
      );
    },
  );

  it('keeps a free private app unlicensed with its token, and refuses a named state with license_not_applicable', async () => {
    const service = await contractService();
    await service.createApp('com.test.free-private', 'private', 'free');
    await service.createSite(NEW_SITE);
    const first = await service.createToken('com.test.free-private');
    await expectProblem(
      await service.call('POST', `/sites/${NEW_SITE}/apps`, {
        installUrl: privateUrlOf(first),
        licenseState: 'active-trial',
      }),
      409,
      'license_not_applicable',
    );
    const installed = await service.installByUrl(NEW_SITE, privateUrlOf(first));
    expect(installed).toMatchObject({
      paymentModel: 'free',
      token: { id: first.id },
      license: { state: 'unlicensed' },
    });
    const second = await service.createToken('com.test.free-private');
    await expectProblem(
      await service.applyToken(NEW_SITE, 'com.test.free-private', second.value, 'active-subscription'),
      409,
      'license_not_applicable',
    );
  });

  it('starts a paid app at active-subscription when a token is applied', async () => {
    const service = await contractService();
    const token = await service.createToken(DEMO.privateApp);
    const applied = await expectJson(
      await service.applyToken(DEMO.siteB, DEMO.privateApp, token.value),
      200,
      InstalledAppSchema,
    );
    expect(applied).toMatchObject({ license: { state: 'active-subscription' }, lic: 'active' });
  });

  it.each(['active-trial', 'inactive-subscription'] as const)(
    'starts a paid app at the state the request names (%s)',
    async (state) => {
      const service = await contractService();
      const token = await service.createToken(DEMO.privateApp);
      const applied = await expectJson(
        await service.applyToken(DEMO.siteB, DEMO.privateApp, token.value, state),
        200,
        InstalledAppSchema,
      );
      expect(applied.license.state).toBe(state);
    },
  );

  it('lets a license state be set once a token is applied', async () => {
    const service = await contractService();
    const changed = await expectJson(
      await service.call('PUT', `/sites/${DEMO.siteA}/apps/${DEMO.privateApp}/license`, { state: 'inactive-trial' }),
      200,
      InstalledAppSchema,
    );
    expect(changed).toMatchObject({ license: { state: 'inactive-trial' }, lic: 'none' });
  });
});
