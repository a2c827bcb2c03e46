import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedTables, dataSnapshots } from './support/db-snapshot';
import { fuzzRoutes, isRefusal, runFuzz, shapeViolations } from './support/fuzz-harness';
import type { FuzzRequest } from './support/fuzz-model';
import { listeningService } from './support/listening-service';
import { type RawResponse, rawHttp } from './support/raw-http';

/**
 * Property-based fuzzing with fast-check (support/fuzz-model.ts, support/fuzz-harness.ts): a few
 * hundred requests, drawn with a fixed seed over every route — the /api/v1 routes of the OpenAPI
 * document, the reference pages and their forms, the product's REST routes on a site — as a real
 * user (signed in, by every way each route takes), as one whose role or scopes fall short, and with
 * no or a wrong credential. Every answer: never a 5xx nor a lost connection nor a logged fault, a
 * refusal in its path's form, and no data changed by a refusal or a read. `npm run bench` runs
 * 10,000 against a service process (test/bench/robustness.ts).
 */

const CASES = 400;
const SEED = 20_261_122;

type Listening = Awaited<ReturnType<typeof listeningService>>;
let service: Listening;
beforeAll(async () => {
  service = await listeningService();
});
afterAll(async () => {
  await service?.close();
});

describe('fuzzing every endpoint', () => {
  it(`answers ${CASES} drawn requests without a 5xx, in the contract’s forms, changing nothing it refuses`, async () => {
    const figure = await runFuzz(service, { cases: CASES, seed: SEED });
    // The failures in full (request, answer, what is wrong), when there are any.
    expect(figure.examples).toEqual([]);
    expect(figure).toMatchObject({
      cases: CASES,
      failures: 0,
      fiveXx: 0,
      noAnswer: 0,
      faultsLogged: 0,
      healthyAfter: true,
    });
    // It reached what it is meant to: every family of routes answered both successes and refusals,
    // for each sort of credential, and most answers had the data compared around them.
    for (const family of ['api', 'pages', 'site-api'] as const) {
      expect(figure.byFamily[family]['2xx'], family).toBeGreaterThan(0);
      expect(figure.byFamily[family]['4xx'], family).toBeGreaterThan(0);
    }
    for (const bucket of ['good', 'limited', 'bad'] as const)
      expect(figure.byCredential[bucket].cases).toBeGreaterThan(0);
    expect(figure.unchangedChecks).toBeGreaterThan(CASES / 2);
  });

  it('draws every route the service registers', async () => {
    const known = new Set((await fuzzRoutes(service.url)).map((route) => `${route.method} ${route.path}`));
    const registered = service
      .routes()
      .filter((route) => route.method !== 'ALL')
      .map((route) => `${route.method} ${route.path}`);
    expect(registered.filter((route) => !known.has(route))).toEqual([]);
    expect(registered.length).toBeGreaterThan(50);
  });
});

describe('the fuzzer’s own checks can fail', () => {
  const request: FuzzRequest = { method: 'POST', path: '/api/v1/sites', headers: {}, client: 'fuzz' };
  const answer = (status: number, type: string, body: string, setCookie: string[] = []): RawResponse => ({
    status,
    headers: { 'content-type': type, 'set-cookie': setCookie },
    body: Buffer.from(body),
  });
  const problem = (status: number) =>
    JSON.stringify({ type: 'https://token-lens.dev/problems/x', title: 'X', status, detail: 'x', code: 'x' });

  it('flags a 5xx, a refusal that is no problem, and a site API refusal in the wrong form', () => {
    expect(shapeViolations(request, '/api/v1/sites', answer(500, 'application/problem+json', problem(500)))).toContain(
      'answered 500',
    );
    expect(shapeViolations(request, '/api/v1/sites', answer(400, 'text/plain', 'Bad Request'))).toHaveLength(1);
    expect(
      shapeViolations(request, '/api/v1/sites', answer(409, 'application/problem+json', problem(400))),
    ).toHaveLength(1);
    const site = '/sites/a.example/rest/plugins/1.0/';
    expect(shapeViolations(request, site, answer(404, 'application/problem+json', problem(404)))).toHaveLength(1);
    expect(shapeViolations(request, site, answer(404, 'application/json', '{"subCode":"x","message":"y"}'))).toEqual(
      [],
    );
    expect(shapeViolations(request, '/api/v1/sites', answer(409, 'application/problem+json', problem(409)))).toEqual(
      [],
    );
  });

  it('tells a refused page form (303 with an error message) from a done one', () => {
    const form = { ...request, path: '/sites/a.example/plugins/servlet/upm/settings' };
    const flash = (kind: string) =>
      `tl_flash=${Buffer.from(JSON.stringify({ kind, text: 'x' })).toString('base64url')}; Path=/`;
    expect(isRefusal(form, form.path, answer(303, 'text/plain', '', [flash('error')]))).toBe(true);
    expect(isRefusal(form, form.path, answer(303, 'text/plain', '', [flash('done')]))).toBe(false);
    expect(isRefusal(form, form.path, answer(303, 'text/plain', ''))).toBe(true);
  });

  it('sees a write in the data, but not what a refusal writes by design (a failed sign-in’s audit entry)', async () => {
    const snapshots = dataSnapshots(service.dbPath);
    const http = rawHttp(service.url);
    try {
      const json = (method: string, path: string, body: unknown, token?: string) =>
        http.send({
          method,
          path,
          headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
          body: Buffer.from(JSON.stringify(body)),
        });
      const before = snapshots.digest();
      const version = snapshots.version();
      const failed = await json('POST', '/api/v1/sessions', { email: service.owner.email, password: 'wrong-password' });
      expect(failed.status).toBe(401);
      expect(snapshots.version()).not.toBe(version);
      expect(changedTables(before, snapshots.digest())).toEqual([]);

      const session = JSON.parse((await json('POST', '/api/v1/sessions', service.owner)).body.toString()).token;
      const signedIn = snapshots.digest();
      const created = await json('POST', '/api/v1/sites', { host: 'snapshot-check.atlassian.net' }, session);
      expect(created.status).toBe(201);
      expect(changedTables(signedIn, snapshots.digest())).toEqual(['audit', 'sites']);
    } finally {
      http.close();
      snapshots.close();
    }
  });
});
