import { describe, expect, it } from 'vitest';
import { AccessTokenListSchema } from '../../lib/domain/access-token';
import { InstalledAppSchema, SiteAppsSchema } from '../../lib/domain/installed-app';
import { parsed } from './support/answers';
import {
  type AccessToken,
  type ContractService,
  contractService,
  DEMO,
  expectJson,
  expectProblem,
} from './support/contract';

/** SERVICE-API.md rules 1–4 and 10: the limit, private listings, binding, one app, one token per installed app. */

async function appliedTokenId(service: ContractService, host: string, appKey: string): Promise<string> {
  const installed = await service.siteApp(host, appKey);
  const id = installed?.token?.id;
  if (!id) throw new Error(`${appKey} on ${host} has no token in the demo data`);
  return id;
}

describe('rule 1: 50 active tokens per app', () => {
  it('refuses the 51st active token with 409 token_limit_reached, and the list shows 50 active', async () => {
    const service = await contractService();
    await service.createApp('com.test.limited', 'private');
    for (let n = 0; n < 50; n++) await service.createToken('com.test.limited');

    await expectProblem(await service.call('POST', '/apps/com.test.limited/tokens', {}), 409, 'token_limit_reached');
    const list = await expectJson(
      await service.call('GET', '/apps/com.test.limited/tokens'),
      200,
      AccessTokenListSchema,
    );
    expect(list).toMatchObject({ active: 50, limit: 50 });
    expect(list.items).toHaveLength(50);
  });

  it('does not count removed tokens: after removing one, another can be created', async () => {
    const service = await contractService();
    await service.createApp('com.test.limited', 'private');
    const tokens: AccessToken[] = [];
    for (let n = 0; n < 50; n++) tokens.push(await service.createToken('com.test.limited'));
    const first = tokens[0];
    if (!first) throw new Error('no token created');

    expect((await service.call('DELETE', `/apps/com.test.limited/tokens/${first.id}`)).status).toBe(204);
    const replacement = await service.createToken('com.test.limited');
    expect(replacement.status).toBe('active');
    await expectProblem(await service.call('POST', '/apps/com.test.limited/tokens', {}), 409, 'token_limit_reached');

    const list = await expectJson(
      await service.call('GET', '/apps/com.test.limited/tokens'),
      200,
      AccessTokenListSchema,
    );
    expect(list.active).toBe(50);
    expect(list.items).toHaveLength(51);
    expect(list.items.filter((token) => token.status === 'removed').map((token) => token.id)).toEqual([first.id]);
  });
});

describe('rule 2: tokens are for private listings', () => {
  it('refuses a token for a public app whose versions are all public: 409 private_listing_required', async () => {
    const service = await contractService();
    const { descriptorUrl } = await service.createApp('com.test.public', 'public');
    for (const version of ['1.0.0', '1.1.0']) {
      await expectJson(
        await service.call('POST', '/apps/com.test.public/versions', { version, visibility: 'public', descriptorUrl }),
        201,
      );
    }
    await expectProblem(
      await service.call('POST', '/apps/com.test.public/tokens', {}),
      409,
      'private_listing_required',
    );
    const list = await expectJson(
      await service.call('GET', '/apps/com.test.public/tokens'),
      200,
      AccessTokenListSchema,
    );
    expect(list.items).toEqual([]);
  });

  it('refuses a token for a public app with no versions at all', async () => {
    const service = await contractService();
    await service.createApp('com.test.bare', 'public');
    await expectProblem(await service.call('POST', '/apps/com.test.bare/tokens', {}), 409, 'private_listing_required');
  });

  it.each([
    ['a private listing', 'private' as const, undefined],
    ['a public listing with a private version', 'public' as const, 'private' as const],
  ])('creates a token for an app with %s', async (_case, visibility, versionVisibility) => {
    const service = await contractService();
    const { descriptorUrl } = await service.createApp('com.test.allowed', visibility);
    if (versionVisibility) {
      await expectJson(
        await service.call('POST', '/apps/com.test.allowed/versions', {
          version: '2.0.0-beta',
          visibility: versionVisibility,
          descriptorUrl,
        }),
        201,
      );
    }
    const token = await service.createToken('com.test.allowed');
    expect(token).toMatchObject({ appKey: 'com.test.allowed', status: 'active', site: null });
  });
});

describe('rule 3: a token is bound for ever to the first site it is applied to', () => {
  async function boundToSiteA() {
    const service = await contractService();
    const token = await service.createToken(DEMO.publicWithPrivateVersion);
    await expectJson(await service.applyToken(DEMO.siteA, DEMO.publicWithPrivateVersion, token.value), 200);
    return { service, token };
  }

  it('binds on first apply, and refuses another site with 409 token_bound_elsewhere', async () => {
    const { service, token } = await boundToSiteA();
    const bound = await service.getToken(DEMO.publicWithPrivateVersion, token.id);
    expect(bound.site?.host).toBe(DEMO.siteA);
    expect(Number.isNaN(Date.parse(bound.site?.boundAt ?? ''))).toBe(false);

    const before = await service.siteApp(DEMO.siteB, DEMO.publicWithPrivateVersion);
    await expectProblem(
      await service.applyToken(DEMO.siteB, DEMO.publicWithPrivateVersion, token.value),
      409,
      'token_bound_elsewhere',
    );
    expect(await service.siteApp(DEMO.siteB, DEMO.publicWithPrivateVersion)).toEqual(before);
    expect((await service.getToken(DEMO.publicWithPrivateVersion, token.id)).site).toEqual(bound.site);
  });

  it('still refuses another site after the token was cleared from the first', async () => {
    const { service, token } = await boundToSiteA();
    await expectJson(
      await service.call('DELETE', `/sites/${DEMO.siteA}/apps/${DEMO.publicWithPrivateVersion}/token`),
      200,
    );
    await expectProblem(
      await service.applyToken(DEMO.siteB, DEMO.publicWithPrivateVersion, token.value),
      409,
      'token_bound_elsewhere',
    );
    expect((await service.getToken(DEMO.publicWithPrivateVersion, token.id)).site?.host).toBe(DEMO.siteA);
  });

  it('still refuses another site after the app was uninstalled from the first', async () => {
    const { service, token } = await boundToSiteA();
    expect((await service.call('DELETE', `/sites/${DEMO.siteA}/apps/${DEMO.publicWithPrivateVersion}`)).status).toBe(
      204,
    );
    await expectProblem(
      await service.applyToken(DEMO.siteB, DEMO.publicWithPrivateVersion, token.value),
      409,
      'token_bound_elsewhere',
    );
    // Installing elsewhere from its token URL is refused too.
    await service.createSite('other.atlassian.net');
    const url = token.installUrls.public ?? '';
    await expectProblem(
      await service.call('POST', '/sites/other.atlassian.net/apps', { installUrl: url }),
      409,
      'token_bound_elsewhere',
    );
  });

  it('allows re-applying it on the same site, which changes nothing', async () => {
    const { service, token } = await boundToSiteA();
    const path = `/sites/${DEMO.siteA}/apps`;
    const before = await service.call('GET', path);
    const beforeBody = await parsed(before, SiteAppsSchema);
    const boundBefore = (await service.getToken(DEMO.publicWithPrivateVersion, token.id)).site;
    service.clock.advance(60_000);

    const again = await expectJson(
      await service.applyToken(DEMO.siteA, DEMO.publicWithPrivateVersion, token.value),
      200,
      InstalledAppSchema,
    );
    expect(again).toEqual(beforeBody.items.find((app) => app.appKey === DEMO.publicWithPrivateVersion));
    const after = await service.call('GET', path);
    expect(after.headers.get('ETag')).toBe(before.headers.get('ETag'));
    expect((await service.getToken(DEMO.publicWithPrivateVersion, token.id)).site).toEqual(boundBefore);
  });

  it('allows applying it again on its own site after it was cleared there', async () => {
    const { service, token } = await boundToSiteA();
    await expectJson(
      await service.call('DELETE', `/sites/${DEMO.siteA}/apps/${DEMO.publicWithPrivateVersion}/token`),
      200,
    );
    const again = await expectJson(
      await service.applyToken(DEMO.siteA, DEMO.publicWithPrivateVersion, token.value),
      200,
      InstalledAppSchema,
    );
    expect(again.token?.id).toBe(token.id);
    expect(again.license.state).toBe('active-subscription');
  });
});

describe('rule 4: a token belongs to one app', () => {
  it("refuses app A's token on app B with 422 token_app_mismatch, changing nothing", async () => {
    const service = await contractService();
    const token = await service.createToken(DEMO.privateApp);
    const before = await service.siteApp(DEMO.siteA, DEMO.publicWithPrivateVersion);
    await expectProblem(
      await service.applyToken(DEMO.siteA, DEMO.publicWithPrivateVersion, token.value),
      422,
      'token_app_mismatch',
    );
    expect(await service.siteApp(DEMO.siteA, DEMO.publicWithPrivateVersion)).toEqual(before);
    expect((await service.getToken(DEMO.privateApp, token.id)).site).toBeNull();
  });
});

describe('rule 10: one token per installed app', () => {
  it('replaces the first token with the second; the first stays active and bound to the site', async () => {
    const service = await contractService();
    const firstId = await appliedTokenId(service, DEMO.siteA, DEMO.publicWithPrivateVersion);
    const second = await service.createToken(DEMO.publicWithPrivateVersion);

    const applied = await expectJson(
      await service.applyToken(DEMO.siteA, DEMO.publicWithPrivateVersion, second.value),
      200,
      InstalledAppSchema,
    );
    expect(applied.token).toMatchObject({ id: second.id, last4: second.value.slice(-4), status: 'active' });
    const apps = await expectJson(await service.call('GET', `/sites/${DEMO.siteA}/apps`), 200, SiteAppsSchema);
    expect(apps.items.filter((app) => app.appKey === DEMO.publicWithPrivateVersion)).toHaveLength(1);

    const first = await service.getToken(DEMO.publicWithPrivateVersion, firstId);
    expect(first).toMatchObject({ status: 'active', site: { host: DEMO.siteA } });
    expect((await service.getToken(DEMO.publicWithPrivateVersion, second.id)).site?.host).toBe(DEMO.siteA);
    await expectProblem(
      await service.applyToken(DEMO.siteB, DEMO.publicWithPrivateVersion, first.value),
      409,
      'token_bound_elsewhere',
    );
  });

  it('lets the first token come back on its own site, replacing the second', async () => {
    const service = await contractService();
    const firstId = await appliedTokenId(service, DEMO.siteA, DEMO.publicWithPrivateVersion);
    const first = await service.getToken(DEMO.publicWithPrivateVersion, firstId);
    const second = await service.createToken(DEMO.publicWithPrivateVersion);
    await expectJson(await service.applyToken(DEMO.siteA, DEMO.publicWithPrivateVersion, second.value), 200);
    const back = await expectJson(
      await service.applyToken(DEMO.siteA, DEMO.publicWithPrivateVersion, first.value),
      200,
      InstalledAppSchema,
    );
    expect(back.token?.id).toBe(first.id);
    expect((await service.getToken(DEMO.publicWithPrivateVersion, second.id)).site?.host).toBe(DEMO.siteA);
  });
});
