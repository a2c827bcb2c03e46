import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PersonalTokenWithValueSchema } from '../../lib/domain/personal-token';
import { MeSchema } from '../../lib/domain/session';
import { parseConfig } from '../../lib/service/config';
import { startService } from '../../lib/service/server';
import { AuditListSchema, parsed } from './support/answers';
import { contractService, expectJson, expectProblem } from './support/contract';
import { OWNER, silentLogger, testService } from './support/test-service';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

async function withPersonalToken() {
  const service = await contractService();
  const expiresAt = new Date(service.clock.now().getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
  const answer = await service.call('POST', '/personal-tokens', {
    description: 'script',
    expiresAt,
    scopes: 'full-access',
    password: OWNER.password,
  });
  const token = await expectJson(answer, 201, PersonalTokenWithValueSchema);
  return { service, token };
}

describe('using a personal access token', () => {
  it('goes where a password would: HTTP Basic with the email and the token', async () => {
    const { service, token } = await withPersonalToken();
    const answer = await service.request('GET', '/api/v1/me', {
      headers: { Authorization: basic(OWNER.email, token.value) },
    });
    expect(await expectJson(answer, 200, MeSchema)).toMatchObject({ email: OWNER.email, via: 'personal-token' });
  });

  it('refuses the account password over HTTP Basic, and a token with another email', async () => {
    const { service, token } = await withPersonalToken();
    const password = await service.request('GET', '/api/v1/me', {
      headers: { Authorization: basic(OWNER.email, OWNER.password) },
    });
    const problem = await expectProblem(password, 401, 'unauthorized');
    expect(problem.detail).toContain('never the account password');
    await expectProblem(
      await service.request('GET', '/api/v1/me', {
        headers: { Authorization: basic('someone@test.example', token.value) },
      }),
      401,
      'unauthorized',
    );
  });

  it('is taken from the session query parameter too (seed 002)', async () => {
    const { service, token } = await withPersonalToken();
    await expectJson(await service.request('GET', `/api/v1/me?session=${token.value}`), 200, MeSchema);
  });

  it('answers 401 with WWW-Authenticate for an unknown or malformed token', async () => {
    const service = await testService();
    for (const authorization of ['Bearer tlp_0000000000000000000000000000000000000A', 'Bearer nonsense', 'Basic %%%']) {
      const answer = await service.request('GET', '/api/v1/me', { headers: { Authorization: authorization } });
      await expectProblem(answer, 401, 'unauthorized');
      expect(answer.headers.get('WWW-Authenticate')).toBe('Bearer');
    }
  });
});

describe('the rate limit', () => {
  it('says on every answer where the token stands, refuses with 429 over the budget, and never slows another token', async () => {
    const service = await testService({ rateLimit: 3 });
    const first = await service.signIn();
    const second = await service.signIn();
    const answers = [];
    for (let index = 0; index < 4; index++) answers.push(await service.request('GET', '/api/v1/me', { token: first }));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429]);
    expect(answers.map((answer) => answer.headers.get('RateLimit-Remaining'))).toEqual(['2', '1', '0', '0']);
    for (const answer of answers) {
      expect(answer.headers.get('RateLimit-Limit')).toBe('3');
      expect(Number(answer.headers.get('RateLimit-Reset'))).toBeGreaterThan(0);
    }
    const refused = answers[3];
    if (!refused) throw new Error('no fourth answer');
    expect((await expectProblem(refused, 429, 'rate_limited')).detail).toContain('3 requests');
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);

    await expectJson(await service.request('GET', '/api/v1/me', { token: second }), 200);
    // A new minute, a new budget.
    service.clock.advance(60_000);
    await expectJson(await service.request('GET', '/api/v1/me', { token: first }), 200);
  });
});

describe('sign-in throttling', () => {
  const wrong = (email: string) => ({ email, password: 'not-the-password' });

  it('locks an email out after a few failures, a right password included, with a growing Retry-After', async () => {
    const service = await testService();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++)
      statuses.push((await service.request('POST', '/api/v1/sessions', { body: wrong(OWNER.email) })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const locked = await service.request('POST', '/api/v1/sessions', { body: OWNER });
    await expectProblem(locked, 429, 'rate_limited');
    expect(Number(locked.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1);

    // Waited out: one more failure locks it for longer.
    service.clock.advance(2_000);
    await expectProblem(
      await service.request('POST', '/api/v1/sessions', { body: wrong(OWNER.email) }),
      401,
      'invalid_credentials',
    );
    const longer = await service.request('POST', '/api/v1/sessions', { body: OWNER });
    expect(Number(longer.headers.get('Retry-After'))).toBeGreaterThan(Number(locked.headers.get('Retry-After')));
    service.clock.advance(10_000);
    expect((await service.request('POST', '/api/v1/sessions', { body: OWNER })).status).toBe(201);
  });

  it('does not lock out another email, and answers an unknown email exactly as a known one', async () => {
    const service = await testService();
    const lock = async (email: string) => {
      for (let attempt = 0; attempt < 5; attempt++)
        await service.request('POST', '/api/v1/sessions', { body: wrong(email) });
      return service.request('POST', '/api/v1/sessions', { body: wrong(email) });
    };
    const known = await lock(OWNER.email);
    const unknown = await lock('nobody@test.example');
    expect([known.status, unknown.status]).toEqual([429, 429]);
    const [knownBody, unknownBody] = [await known.json(), await unknown.json()];
    expect(knownBody).toEqual(unknownBody);
    expect(known.headers.get('Retry-After')).toBe(unknown.headers.get('Retry-After'));

    const other = await contractService();
    const { email } = await other.userToken('tester');
    for (let attempt = 0; attempt < 5; attempt++)
      await other.request('POST', '/api/v1/sessions', { body: wrong(OWNER.email) });
    expect(
      (await other.request('POST', '/api/v1/sessions', { body: { email, password: 'password-of-tester-1' } })).status,
    ).toBe(201);
  });

  it('counts failed HTTP Basic attempts and the page form alike, and writes failures to the audit log', async () => {
    const service = await testService();
    for (let attempt = 0; attempt < 3; attempt++)
      await service.request('GET', '/api/v1/me', { headers: { Authorization: basic(OWNER.email, 'tlp_guess') } });
    for (let attempt = 0; attempt < 2; attempt++) {
      await service.app.request('/sign-in', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost' },
        body: new URLSearchParams(wrong(OWNER.email)).toString(),
      });
    }
    await expectProblem(await service.request('POST', '/api/v1/sessions', { body: OWNER }), 429, 'rate_limited');
    service.clock.advance(60_000);
    const owner = await service.signIn();
    const audit = await parsed(
      await service.request('GET', '/api/v1/audit?limit=50', { token: owner }),
      AuditListSchema,
    );
    const failures = audit.items.filter((item) => item.action === 'session.signInFailed');
    expect(failures.map((item) => [item.actor, item.detail.by])).toEqual([
      ...Array.from({ length: 2 }, () => [OWNER.email, 'password']),
      ...Array.from({ length: 3 }, () => [OWNER.email, 'basic']),
    ]);
  });
});

describe('personal access tokens at rest', () => {
  it('leave no token value in the database file, only its hash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'token-lens-pat-'));
    const path = join(dir, 'db.sqlite');
    try {
      const service = await startService(
        { ...parseConfig(['--port', '0', '--db', path], {}), ownerEmail: OWNER.email, ownerPassword: OWNER.password },
        silentLogger,
      );
      const signIn = await fetch(`${service.url}/api/v1/sessions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(OWNER),
      });
      const { token: session } = (await signIn.json()) as { token: string };
      const values: string[] = [];
      for (let index = 0; index < 3; index++) {
        const created = await fetch(`${service.url}/api/v1/personal-tokens`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session}` },
          body: JSON.stringify({
            description: `job ${index}`,
            expiresAt: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
            scopes: 'ci',
            password: OWNER.password,
          }),
        });
        values.push(PersonalTokenWithValueSchema.parse(await created.json()).value);
      }
      await service.close();
      const bytes = readFileSync(path).toString('latin1');
      for (const value of values) expect(bytes).not.toContain(value);
      expect(bytes).not.toContain(session);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
