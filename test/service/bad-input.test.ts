import { describe, expect, it } from 'vitest';
import { OpenApiDocumentSchema, parsed, problemOf } from './support/answers';
import { testService } from './support/test-service';

async function expectProblem(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('Content-Type')).toBe('application/problem+json');
  const problem = await problemOf(response);
  expect(problem).toMatchObject({ status, code });
  expect(problem.detail.length).toBeGreaterThan(0);
  expect(problem.type).toContain(code);
  return problem;
}

describe('bad input gets a problem+json 4xx, never a 500', () => {
  it('malformed JSON → 400 malformed_json', async () => {
    const service = await testService();
    await expectProblem(
      await service.request('POST', '/api/v1/sessions', { body: '{"email": "a@b.c",' }),
      400,
      'malformed_json',
    );
  });

  it('a body over 64 KiB → 413 payload_too_large', async () => {
    const service = await testService();
    const big = JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(70 * 1024) });
    await expectProblem(await service.request('POST', '/api/v1/sessions', { body: big }), 413, 'payload_too_large');
  });

  it('unknown fields → 422 validation_failed naming the field', async () => {
    const service = await testService();
    const response = await service.request('POST', '/api/v1/sessions', {
      body: { email: 'a@b.co', password: 'x', admin: true },
    });
    const problem = await expectProblem(response, 422, 'validation_failed');
    expect(problem.errors?.length).toBeGreaterThan(0);
  });

  it.each([
    ['a number for the email', { email: 42, password: 'x' }],
    ['a missing password', { email: 'a@b.co' }],
    ['an array body', [1, 2]],
    ['null', null],
  ])('wrong types (%s) → 422 validation_failed', async (_case, body) => {
    const service = await testService();
    await expectProblem(
      await service.request('POST', '/api/v1/sessions', { body: JSON.stringify(body) }),
      422,
      'validation_failed',
    );
  });

  it('a body that is not JSON → 415', async () => {
    const service = await testService();
    const response = await service.app.request('/api/v1/sessions', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: 'hello',
    });
    await expectProblem(response, 415, 'unsupported_media_type');
  });

  it('an unknown route → 404 not_found', async () => {
    const service = await testService();
    await expectProblem(await service.request('GET', '/api/v1/nothing-here'), 404, 'not_found');
  });

  it('the health check answers without signing in and reveals nothing', async () => {
    const service = await testService();
    const response = await service.request('GET', '/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('serves its OpenAPI 3.1 document, which names the routes', async () => {
    const service = await testService();
    const response = await service.request('GET', '/api/v1/openapi.json');
    expect(response.status).toBe(200);
    const document = await parsed(response, OpenApiDocumentSchema);
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/v1/sessions', '/api/v1/sites/{host}/apps']),
    );
  });
});
