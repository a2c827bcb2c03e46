import { describe, expect, it } from 'vitest';
import { AuditListSchema, parsed } from './support/answers';
import { type ContractService, contractService, DEMO, expectJson, expectProblem } from './support/contract';

/** GET /audit: who changed what, newest first, with site=, app= and limit= filters. */

async function audit(service: ContractService, query = '') {
  return (await expectJson(await service.call('GET', `/audit${query}`), 200, AuditListSchema)).items;
}

/** A few writes by two people, oldest first, and what each should leave in the audit. */
async function someWrites() {
  const service = await contractService();
  const ownerEmail = 'owner@test.example';
  const developer = await service.userToken('developer');
  const token = await service.createToken(DEMO.privateApp, developer.token);
  await expectJson(
    await service.call('PUT', `/sites/${DEMO.siteA}/apps/${DEMO.privateApp}/license`, { state: 'inactive-trial' }),
    200,
  );
  await expectJson(await service.applyToken(DEMO.siteB, DEMO.privateApp, token.value, undefined, developer.token), 200);
  await expectJson(await service.call('POST', '/sites', { host: 'new.atlassian.net' }), 201);
  const expected = [
    { actor: ownerEmail, site: 'new.atlassian.net', app: null, action: /site/i },
    { actor: developer.email, site: DEMO.siteB, app: DEMO.privateApp, action: /token/i },
    { actor: ownerEmail, site: DEMO.siteA, app: DEMO.privateApp, action: /licen/i },
    { actor: developer.email, site: null, app: DEMO.privateApp, action: /token/i },
    { actor: ownerEmail, site: null, app: null, action: /user/i },
  ];
  return { service, developer, expected };
}

describe('GET /audit', () => {
  it('lists every write, newest first, with the actor’s email, the action, the site and the app', async () => {
    const { service, expected } = await someWrites();
    const items = await audit(service);
    expect(items).toHaveLength(expected.length);
    items.forEach((entry, index) => {
      const want = expected[index];
      expect(entry).toMatchObject({ actor: want?.actor, site: want?.site, app: want?.app });
      expect(entry.action).toMatch(want?.action ?? /./);
      expect(Number.isNaN(Date.parse(entry.at))).toBe(false);
    });
    const seqs = items.map((entry) => entry.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(new Set(items.map((entry) => entry.action)).size).toBe(items.length);
  });

  it('starts empty and records nothing for reads', async () => {
    const service = await contractService();
    expect(await audit(service)).toEqual([]);
    await service.call('GET', '/apps');
    await service.call('GET', `/sites/${DEMO.siteA}/apps`);
    await service.call('GET', `/apps/${DEMO.privateApp}/tokens`);
    expect(await audit(service)).toEqual([]);
  });

  it('records nothing for a refused write', async () => {
    const service = await contractService();
    await expectProblem(
      await service.call('PUT', `/sites/${DEMO.siteB}/apps/${DEMO.privateApp}/license`, { state: 'active-trial' }),
      409,
      'license_requires_token',
    );
    await expectProblem(
      await service.call('POST', `/sites/${DEMO.siteA}/apps`, { appKey: DEMO.freeApp }),
      409,
      'app_already_installed',
    );
    expect(await audit(service)).toEqual([]);
  });

  it('records the unlicensing of every site when a token is removed at the Marketplace', async () => {
    const service = await contractService();
    const tokenId = (await service.siteApp(DEMO.siteA, DEMO.privateApp))?.token?.id ?? '';
    expect((await service.call('DELETE', `/apps/${DEMO.privateApp}/tokens/${tokenId}`)).status).toBe(204);
    const items = await audit(service, `?site=${DEMO.siteA}`);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((entry) => entry.app === DEMO.privateApp && entry.actor === 'owner@test.example')).toBe(true);
  });

  it('filters by site=', async () => {
    const { service, expected } = await someWrites();
    const items = await audit(service, `?site=${DEMO.siteA}`);
    expect(items.map(({ actor, site, app }) => ({ actor, site, app }))).toEqual(
      expected.filter((entry) => entry.site === DEMO.siteA).map(({ actor, site, app }) => ({ actor, site, app })),
    );
  });

  it('filters by app=', async () => {
    const { service } = await someWrites();
    const items = await audit(service, `?app=${DEMO.privateApp}`);
    expect(items).toHaveLength(3);
    expect(items.every((entry) => entry.app === DEMO.privateApp)).toBe(true);
    expect(await audit(service, `?app=${DEMO.freeApp}`)).toEqual([]);
  });

  it('filters by site= and app= together', async () => {
    const { service, developer } = await someWrites();
    const items = await audit(service, `?site=${DEMO.siteB}&app=${DEMO.privateApp}`);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ actor: developer.email, site: DEMO.siteB, app: DEMO.privateApp });
  });

  it.each([1, 2, 4, 5, 500])('answers at most limit=%i entries, the newest', async (limit) => {
    const { service } = await someWrites();
    const all = await audit(service);
    expect(await audit(service, `?limit=${limit}`)).toEqual(all.slice(0, limit));
  });

  it('answers at most 50 entries by default', async () => {
    const service = await contractService();
    await service.createApp('com.test.many', 'private');
    for (let n = 0; n < 50; n++) await service.createToken('com.test.many');
    const items = await audit(service);
    expect(items).toHaveLength(50);
    expect(items.at(-1)?.action).toMatch(/token/i);
  });

  it.each([
    ['limit=0', '?limit=0'],
    ['limit=9999', '?limit=9999'],
    ['limit=-1', '?limit=-1'],
    ['limit=1.5', '?limit=1.5'],
    ['limit=ten', '?limit=ten'],
    ['site=UPPER.example', '?site=UPPER.example'],
    ['app=UPPER', '?app=UPPER'],
  ])('refuses %s with 422 validation_failed', async (_case, query) => {
    const service = await contractService();
    const problem = await expectProblem(await service.call('GET', `/audit${query}`), 422, 'validation_failed');
    expect(problem.errors?.length).toBeGreaterThan(0);
  });

  it('pages back in time with before=<seq>: newest first, no entry twice, none left out', async () => {
    const service = await contractService();
    for (let index = 0; index < 7; index++)
      await service.call('POST', `/apps/${DEMO.privateApp}/tokens`, { note: `n${index}` });
    const seen: number[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await parsed(
        await service.call('GET', `/audit?limit=3${before === undefined ? '' : `&before=${before}`}`),
        AuditListSchema,
      );
      if (page.items.length === 0) break;
      seen.push(...page.items.map((item) => item.seq));
      before = page.items.at(-1)?.seq;
    }
    const all = await parsed(await service.call('GET', '/audit?limit=500'), AuditListSchema);
    expect(seen).toEqual(all.items.map((item) => item.seq));
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
  });
});
