import { describe, expect, it } from 'vitest';
import { PersonalTokenWithValueSchema } from '../../lib/domain/personal-token';
import { DEMO_SITES } from '../../lib/service/demo-data';
import { contractService, expectJson, expectProblem } from './support/contract';
import { OWNER, testService } from './support/test-service';

/**
 * `GET /api/v1/sites/{host}/apps` is answered by its own synchronous handler in front of the app
 * (lib/service/app.ts), not through the app's middleware chain. It must still pass every check
 * the chain applies to the other routes, in the same order and with the same answers.
 */

const SITE = DEMO_SITES[0];
const path = `/api/v1/sites/${SITE}/apps`;

describe('the polled site-apps answer passes the same front door as every route', () => {
  it('carries Cache-Control: no-store and the RateLimit headers, on 200, 304 and refusals alike', async () => {
    const service = await testService();
    const token = await service.signIn();
    const ok = await service.request('GET', path, { token });
    const notModified = await service.request('GET', path, {
      token,
      headers: { 'If-None-Match': ok.headers.get('ETag') ?? '' },
    });
    const refused = await service.request('GET', path);
    expect([ok.status, notModified.status, refused.status]).toEqual([200, 304, 401]);
    for (const answer of [ok, notModified, refused]) {
      expect(answer.headers.get('Cache-Control')).toBe('no-store');
      expect(answer.headers.get('RateLimit-Limit')).toBe('1000000');
      expect(answer.headers.get('RateLimit-Remaining')).not.toBeNull();
      expect(answer.headers.get('RateLimit-Reset')).not.toBeNull();
    }
    expect(ok.headers.get('Content-Type')).toBe('application/json');
  });

  it('refuses a Host that is not ours with 421 misdirected_request, before authenticating', async () => {
    const service = await testService();
    const token = await service.signIn();
    const answer = await service.request('GET', path, { token, headers: { Host: 'evil.example:4747' } });
    await expectProblem(answer, 421, 'misdirected_request');
    expect(answer.headers.get('Cache-Control')).toBe('no-store');
  });

  it('counts against the token’s budget, and answers 429 rate_limited over it', async () => {
    const service = await testService({ rateLimit: 2 });
    const token = await service.signIn();
    expect((await service.request('GET', path, { token })).status).toBe(200);
    expect((await service.request('GET', '/api/v1/me', { token })).status).toBe(200);
    const over = await service.request('GET', path, { token });
    await expectProblem(over, 429, 'rate_limited');
    expect(over.headers.get('Retry-After')).not.toBeNull();
    expect(over.headers.get('RateLimit-Remaining')).toBe('0');
  });

  it('answers 403 insufficient_scope to a personal token without siteApps.list', async () => {
    const service = await contractService();
    const narrow = await expectJson(
      await service.call('POST', '/personal-tokens', {
        description: 'me only',
        expiresAt: new Date(service.clock.now().getTime() + 86_400_000).toISOString().slice(0, 10),
        scopes: ['me.read'],
        password: OWNER.password,
      }),
      201,
      PersonalTokenWithValueSchema,
    );
    await expectProblem(await service.request('GET', path, { token: narrow.value }), 403, 'insufficient_scope');
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const service = await testService();
    const token = await service.signIn();
    const get = await service.request('GET', path, { token });
    const head = await service.request('HEAD', path, { token });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect(head.headers.get('ETag')).toBe(get.headers.get('ETag'));
    expect(head.headers.get('Cache-Control')).toBe('no-store');
  });

  it('leaves every other route to the app: a neighbour path still answers as before', async () => {
    const service = await testService();
    const token = await service.signIn();
    await expectProblem(await service.request('GET', `${path}/extra`, { token }), 404, 'not_found');
    await expectProblem(await service.request('DELETE', path, { token }), 404, 'not_found');
    expect((await service.request('GET', `/api/v1/sites/${SITE}`, { token })).status).toBe(200);
  });
});
