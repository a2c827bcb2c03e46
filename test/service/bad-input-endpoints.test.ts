import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AuditListSchema, parsed } from './support/answers';
import { contractService, DEMO, expectProblem, unknownAccessTokenValue } from './support/contract';
import { BODY_ENDPOINTS } from './support/endpoints';

/**
 * Bad input on every endpoint family (SERVICE-API.md, Errors): 400 malformed_json, 413 payload_too_large,
 * 422 validation_failed with errors[].path, 404 with each resource's own code; never a 500.
 */

const endpointCases = BODY_ENDPOINTS.map((endpoint) => [`${endpoint.method} ${endpoint.path}`, endpoint] as const);

async function auditLength(service: Awaited<ReturnType<typeof contractService>>): Promise<number> {
  return (await parsed(await service.call('GET', '/audit?limit=500'), AuditListSchema)).items.length;
}

describe.each(endpointCases)('%s', (_name, endpoint) => {
  const send = async (body: string) => {
    const service = await contractService();
    const response = await service.request(endpoint.method, `/api/v1${endpoint.path}`, { token: service.owner, body });
    return { service, response };
  };

  it.each([
    ['an unterminated object', '{"a":'],
    ['a missing value', '{"a": }'],
    ['plain text', 'hello'],
  ])('answers malformed JSON (%s) with 400 malformed_json', async (_case, body) => {
    const { service, response } = await send(body);
    await expectProblem(response, 400, 'malformed_json');
    expect(await auditLength(service)).toBe(0);
  });

  it('answers a body over 64 KiB with 413 payload_too_large', async () => {
    const { service, response } = await send(JSON.stringify({ ...endpoint.valid, padding: 'x'.repeat(70 * 1024) }));
    await expectProblem(response, 413, 'payload_too_large');
    expect(await auditLength(service)).toBe(0);
  });

  it('answers an unknown field with 422 validation_failed, naming it in errors[]', async () => {
    const { service, response } = await send(JSON.stringify({ ...endpoint.valid, sneaky: true }));
    const problem = await expectProblem(response, 422, 'validation_failed');
    expect(problem.errors?.length).toBeGreaterThan(0);
    for (const error of problem.errors ?? []) {
      expect(typeof error.path).toBe('string');
      expect(error.message.length).toBeGreaterThan(0);
    }
    expect(problem.errors?.some((error) => error.path === 'sneaky' || error.message.includes('sneaky'))).toBe(true);
    expect(await auditLength(service)).toBe(0);
  });

  it('answers a wrong-typed field with 422 validation_failed whose errors[].path is the field', async () => {
    const { field, value } = endpoint.wrongType;
    const { service, response } = await send(JSON.stringify({ ...endpoint.valid, [field]: value }));
    const problem = await expectProblem(response, 422, 'validation_failed');
    expect(problem.errors?.map((error) => error.path)).toContain(field);
    expect(await auditLength(service)).toBe(0);
  });

  it.each([
    ['an array', '[]'],
    ['null', 'null'],
    ['a number', '7'],
  ])('answers %s instead of an object with 422 validation_failed', async (_case, body) => {
    const { response } = await send(body);
    await expectProblem(response, 422, 'validation_failed');
  });
});

const GOOD_UUID = '00000000-0000-4000-8000-000000000000';

const LICENSE = { state: 'active-trial' };
const APPLY = { token: 'mat_x' };
const VERSION = { version: '1.0.0', visibility: 'private', descriptorUrl: 'https://a.example/d.json' };

describe('bad path parameters answer 422 validation_failed naming the parameter', () => {
  it.each<[string, string, string, unknown]>([
    ['GET', '/apps/UPPER', 'appKey', undefined],
    ['GET', '/apps/a', 'appKey', undefined],
    ['GET', `/apps/${'a'.repeat(65)}`, 'appKey', undefined],
    ['GET', '/apps/-leading-dash', 'appKey', undefined],
    ['PATCH', '/apps/UPPER', 'appKey', { name: 'x' }],
    ['POST', '/apps/UPPER/versions', 'appKey', VERSION],
    ['GET', '/apps/UPPER/tokens', 'appKey', undefined],
    ['POST', '/apps/Com.Acme.Timesheets/tokens', 'appKey', {}],
    ['GET', `/apps/${DEMO.privateApp}/tokens/not-a-uuid`, 'id', undefined],
    ['GET', `/apps/${DEMO.privateApp}/tokens/12345`, 'id', undefined],
    ['DELETE', `/apps/${DEMO.privateApp}/tokens/not-a-uuid`, 'id', undefined],
    ['DELETE', `/apps/UPPER/tokens/${GOOD_UUID}`, 'appKey', undefined],
    ['GET', '/sites/UPPER.example', 'host', undefined],
    ['GET', '/sites/localhost', 'host', undefined],
    ['GET', '/sites/-bad-.example', 'host', undefined],
    ['GET', '/sites/under_score.example', 'host', undefined],
    ['GET', `/sites/${Array.from({ length: 5 }, () => 'a'.repeat(60)).join('.')}`, 'host', undefined],
    ['GET', `/sites/${'a'.repeat(64)}.example`, 'host', undefined],
    ['PATCH', '/sites/UPPER.example', 'host', { privateListingsEnabled: true }],
    ['GET', '/sites/UPPER.example/apps', 'host', undefined],
    ['POST', '/sites/UPPER.example/apps', 'host', { appKey: DEMO.freeApp }],
    ['DELETE', `/sites/${DEMO.siteA}/apps/UPPER`, 'appKey', undefined],
    ['DELETE', `/sites/bad_host.example/apps/${DEMO.privateApp}`, 'host', undefined],
    ['PUT', `/sites/${DEMO.siteA}/apps/UPPER/token`, 'appKey', APPLY],
    ['DELETE', `/sites/${DEMO.siteA}/apps/UPPER/token`, 'appKey', undefined],
    ['PUT', `/sites/UPPER.example/apps/${DEMO.privateApp}/license`, 'host', LICENSE],
    ['PUT', `/sites/${DEMO.siteA}/apps/Bad Key/license`, 'appKey', LICENSE],
  ])('%s %s (%s)', async (method, path, parameter, body) => {
    const service = await contractService();
    const problem = await expectProblem(await service.call(method, path, body), 422, 'validation_failed');
    expect(problem.errors?.map((error) => error.path)).toContain(parameter);
  });
});

describe('unknown resources answer 404 with their own code', () => {
  const unknownApp = 'com.unknown.app';
  const unknownSite = 'unknown.atlassian.net';
  it.each([
    ['GET', `/apps/${unknownApp}`, undefined, 'app_not_found'],
    ['PATCH', `/apps/${unknownApp}`, { name: 'x' }, 'app_not_found'],
    ['POST', `/apps/${unknownApp}/versions`, VERSION, 'app_not_found'],
    ['GET', `/apps/${unknownApp}/tokens`, undefined, 'app_not_found'],
    ['POST', `/apps/${unknownApp}/tokens`, {}, 'app_not_found'],
    ['GET', `/apps/${unknownApp}/tokens/${GOOD_UUID}`, undefined, 'app_not_found'],
    ['GET', `/apps/${DEMO.privateApp}/tokens/${randomUUID()}`, undefined, 'token_not_found'],
    ['DELETE', `/apps/${DEMO.privateApp}/tokens/${randomUUID()}`, undefined, 'token_not_found'],
    ['GET', `/sites/${unknownSite}`, undefined, 'site_not_found'],
    ['PATCH', `/sites/${unknownSite}`, { privateListingsEnabled: true }, 'site_not_found'],
    ['GET', `/sites/${unknownSite}/apps`, undefined, 'site_not_found'],
    ['POST', `/sites/${unknownSite}/apps`, { appKey: DEMO.freeApp }, 'site_not_found'],
    ['DELETE', `/sites/${unknownSite}/apps/${DEMO.freeApp}`, undefined, 'site_not_found'],
    ['PUT', `/sites/${unknownSite}/apps/${DEMO.freeApp}/license`, LICENSE, 'site_not_found'],
    ['POST', `/sites/${DEMO.siteA}/apps`, { appKey: unknownApp }, 'app_not_found'],
    ['DELETE', `/sites/${DEMO.siteB}/apps/${DEMO.freeApp}`, undefined, 'app_not_installed'],
    [
      'PUT',
      `/sites/${DEMO.siteB}/apps/${DEMO.freeApp}/token`,
      { token: unknownAccessTokenValue() },
      'app_not_installed',
    ],
    ['DELETE', `/sites/${DEMO.siteB}/apps/${DEMO.freeApp}/token`, undefined, 'app_not_installed'],
    ['PUT', `/sites/${DEMO.siteB}/apps/${DEMO.freeApp}/license`, LICENSE, 'app_not_installed'],
    [
      'PUT',
      `/sites/${DEMO.siteA}/apps/${DEMO.privateApp}/token`,
      { token: unknownAccessTokenValue() },
      'token_not_found',
    ],
    ['PUT', `/sites/${DEMO.siteA}/apps/${DEMO.privateApp}/token`, { token: 'not-a-token' }, 'token_not_found'],
    ['GET', '/nothing-here', undefined, 'not_found'],
    ['GET', `/apps/${DEMO.privateApp}/nothing`, undefined, 'not_found'],
  ])('%s %s → 404 %s', async (method, path, body, code) => {
    const service = await contractService();
    await expectProblem(await service.call(method, path, body), 404, code);
  });

  it('answers token_not_found for another app’s token id', async () => {
    const service = await contractService();
    const token = await service.createToken(DEMO.privateApp);
    const path = `/apps/${DEMO.publicWithPrivateVersion}/tokens/${token.id}`;
    await expectProblem(await service.call('GET', path), 404, 'token_not_found');
    await expectProblem(await service.call('DELETE', path), 404, 'token_not_found');
    expect((await service.getToken(DEMO.privateApp, token.id)).status).toBe('active');
  });
});
