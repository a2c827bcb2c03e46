import { describe, expect, it } from 'vitest';
import { MeSchema, SessionSchema } from '../../lib/domain/session';
import { isWellFormedToken } from '../../lib/domain/token-format';
import { SESSION_LIFETIME_MS } from '../../lib/service/auth/sessions';
import { parsed, problemOf } from './support/answers';
import { OWNER, testService } from './support/test-service';

describe('sessions', () => {
  it('signs in with email and password and answers a tls_ token valid 12 hours', async () => {
    const service = await testService();
    const response = await service.request('POST', '/api/v1/sessions', { body: OWNER });
    expect(response.status).toBe(201);
    const session = await parsed(response, SessionSchema);
    expect(isWellFormedToken('session', session.token)).toBe(true);
    expect(Date.parse(session.expiresAt) - service.clock.now().getTime()).toBe(SESSION_LIFETIME_MS);
  });

  it('stores only a hash of the session token', async () => {
    const service = await testService();
    const token = await service.signIn();
    const stored = service.store.sessions.findByHash(token);
    expect(stored).toBeUndefined();
  });

  it.each([
    ['a wrong password', { email: OWNER.email, password: 'not-the-password' }],
    ['an unknown email', { email: 'nobody@test.example', password: OWNER.password }],
  ])('refuses %s with the same 401 invalid_credentials', async (_case, body) => {
    const service = await testService();
    const response = await service.request('POST', '/api/v1/sessions', { body });
    expect(response.status).toBe(401);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    const problem = await problemOf(response);
    expect(problem).toMatchObject({ code: 'invalid_credentials', detail: 'The email or password is not right.' });
  });

  it('tells who is signed in', async () => {
    const service = await testService();
    const token = await service.signIn();
    const response = await service.request('GET', '/api/v1/me', { token });
    expect(response.status).toBe(200);
    const me = await parsed(response, MeSchema);
    expect(me.email).toBe(OWNER.email);
    expect(me.role).toBe('owner');
    expect(me.scopes).toContain('users.manage');
  });

  it('ends a session on sign-out: the token stops working at once', async () => {
    const service = await testService();
    const token = await service.signIn();
    expect((await service.request('DELETE', '/api/v1/sessions/current', { token })).status).toBe(204);
    const after = await service.request('GET', '/api/v1/me', { token });
    expect(after.status).toBe(401);
    expect(after.headers.get('WWW-Authenticate')).toBe('Bearer');
  });

  it('refuses a session after 12 hours', async () => {
    const service = await testService();
    const token = await service.signIn();
    service.clock.advance(SESSION_LIFETIME_MS + 1);
    const response = await service.request('GET', '/api/v1/me', { token });
    expect(response.status).toBe(401);
    expect((await problemOf(response)).code).toBe('unauthorized');
  });

  it('accepts the token as the session query parameter too', async () => {
    const service = await testService();
    const token = await service.signIn();
    const response = await service.request('GET', `/api/v1/me?session=${token}`);
    expect(response.status).toBe(200);
  });

  it.each([
    ['no token at all', undefined],
    ['a token with a broken checksum', 'tls_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa000000'],
    ['a well-formed but unknown token', 'tls_00000000000000000000000000000000' + 'x'],
  ])('answers 401 unauthorized for %s', async (_case, token) => {
    const service = await testService();
    const response = await service.request('GET', '/api/v1/me', token ? { token } : {});
    expect(response.status).toBe(401);
    expect(response.headers.get('WWW-Authenticate')).toBe('Bearer');
    expect((await problemOf(response)).code).toBe('unauthorized');
  });
});
