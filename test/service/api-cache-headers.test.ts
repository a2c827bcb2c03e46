import { describe, expect, it } from 'vitest';
import { DEMO_SITES } from '../../lib/service/demo-data';
import { testService } from './support/test-service';

describe('Cache-Control on the API', () => {
  it('sends no-store on every /api/v1 answer: success, 304, refusals and unknown routes', async () => {
    const service = await testService();
    const token = await service.signIn();
    const siteApps = `/api/v1/sites/${DEMO_SITES[0]}/apps`;
    const first = await service.request('GET', siteApps, { token });
    const answers = [
      await service.request('POST', '/api/v1/sessions', {
        body: { email: 'owner@test.example', password: 'owner-password-1' },
      }),
      await service.request('GET', '/api/v1/me', { token }),
      first,
      await service.request('GET', siteApps, { token, headers: { 'If-None-Match': first.headers.get('ETag') ?? '' } }),
      await service.request('GET', '/api/v1/apps'),
      await service.request('POST', '/api/v1/apps', { token, body: { key: 'x' } }),
      await service.request('POST', '/api/v1/apps', { token, body: '{not json' }),
      await service.request('GET', '/api/v1/no-such-route', { token }),
      await service.request('GET', '/api/v1/openapi.json'),
      // Refused before any route runs: the body limit.
      await service.request('POST', '/api/v1/sessions', {
        body: JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(70 * 1024) }),
      }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([201, 200, 200, 304, 401, 422, 400, 404, 200, 413]);
    for (const answer of answers) expect(answer.headers.get('Cache-Control')).toBe('no-store');
  });
});
