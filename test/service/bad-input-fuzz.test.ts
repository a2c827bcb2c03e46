import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ProblemSchema } from '../../lib/domain/problem';
import { type ContractService, contractService } from './support/contract';
import { BODY_ENDPOINTS, ODD_BODIES } from './support/endpoints';

/**
 * A small table-driven fuzz: every odd body goes to every endpoint that takes a body. Each answer is
 * a 4xx application/problem+json with a stable code, never a 500, and nothing is written.
 * One service is shared by the whole table on purpose: no body is valid, so none may change it.
 */

let service: ContractService;
beforeAll(async () => {
  service = await contractService();
});

interface Outcome {
  endpoint: string;
  status: number;
  contentType: string | null;
  code: unknown;
}

async function answersFor(body: string): Promise<Outcome[]> {
  return Promise.all(
    BODY_ENDPOINTS.map(async ({ method, path }) => {
      const response = await service.request(method, `/api/v1${path}`, { token: service.owner, body });
      const text = await response.text();
      let code: unknown;
      try {
        // A body that is not a problem gives no code, but zod's account of what is wrong with it.
        const problem = ProblemSchema.safeParse(JSON.parse(text));
        code = problem.success ? problem.data.code : { notAProblem: z.prettifyError(problem.error) };
      } catch {
        code = `unparsable body: ${text.slice(0, 80)}`;
      }
      return {
        endpoint: `${method} ${path}`,
        status: response.status,
        contentType: response.headers.get('Content-Type'),
        code,
      };
    }),
  );
}

const snapshot = async () => ({
  audit: await (await service.call('GET', '/audit?limit=500')).text(),
  apps: await (await service.call('GET', '/apps')).text(),
  sites: await (await service.call('GET', '/sites')).text(),
  users: await (await service.call('GET', '/users')).text(),
});

describe('odd bodies on every endpoint that takes one', () => {
  it.each(ODD_BODIES)('%s → 4xx problem+json, never a 500, nothing written', async (_case, body) => {
    const before = await snapshot();
    const outcomes = await answersFor(body);
    const wrong = outcomes.filter(
      (outcome) =>
        outcome.status < 400 ||
        outcome.status >= 500 ||
        outcome.contentType !== 'application/problem+json' ||
        typeof outcome.code !== 'string',
    );
    expect(wrong).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('has at least 30 odd bodies and covers every endpoint', () => {
    expect(ODD_BODIES.length).toBeGreaterThanOrEqual(30);
    expect(BODY_ENDPOINTS).toHaveLength(16);
  });
});

describe('odd query strings and headers on reads', () => {
  it.each([
    ['a repeated filter', '/audit?site=a.example&site=b.example'],
    ['an empty limit', '/audit?limit='],
    ['a huge limit', `/audit?limit=${'9'.repeat(400)}`],
    ['a unicode filter', '/audit?app=%F0%9F%94%91'],
    ['a broken percent escape in a path', '/apps/%E0%A4%A'],
    ['an encoded slash in a path', '/apps/com.acme%2Ftimesheets'],
    ['a NUL in a path', '/sites/a%00.example'],
  ])('%s → 4xx problem+json', async (_case, path) => {
    const response = await service.call('GET', path);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
  });

  it.each([
    ['an empty bearer', { Authorization: 'Bearer ' }],
    ['a bearer with spaces', { Authorization: 'Bearer a b c' }],
    ['another scheme', { Authorization: 'Basic b3duZXI6cGFzc3dvcmQ=' }],
    ['an access token as bearer', { Authorization: 'Bearer mat_0000000000000000000000000000000000000A' }],
    ['a 10,000-character bearer', { Authorization: `Bearer tls_${'a'.repeat(10_000)}` }],
  ])('%s → 401 problem+json', async (_case, headers) => {
    const response = await service.request('GET', '/api/v1/apps', { headers });
    expect(response.status).toBe(401);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
  });
});
