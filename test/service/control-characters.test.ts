import { describe, expect, it } from 'vitest';
import { AccessTokenSchema } from '../../lib/domain/access-token';
import { CONTROL_CHARACTERS_REFUSED } from '../../lib/domain/plain-text';

const TIMESHEETS = 'com.acme.timesheets';

import { parsed, validationProblemOf } from './support/answers';
import { testService } from './support/test-service';

const CONTROL_CHARACTERS = ['\u0000', '\t', '\n', '\r', '\u001b', '\u007f'];

/** Each endpoint that takes typed text, the field, and a body holding `text` in it. */
const FIELDS: [string, string, string, (text: string) => Record<string, unknown>][] = [
  [
    'POST',
    '/api/v1/apps',
    'name',
    (text) => ({
      key: 'com.test.controls',
      name: `Time${text}sheets`,
      paymentModel: 'paid',
      visibility: 'private',
      descriptorUrl: 'https://apps.test.example/controls/atlassian-connect.json',
    }),
  ],
  ['PATCH', `/api/v1/apps/${TIMESHEETS}`, 'name', (text) => ({ name: `Re${text}named` })],
  ['POST', `/api/v1/apps/${TIMESHEETS}/tokens`, 'note', (text) => ({ note: `for QA${text}run` })],
  [
    'POST',
    '/api/v1/users',
    'email',
    (text) => ({ email: `qa${text}@test.example`, password: 'long-enough-password', role: 'tester' }),
  ],
  ['POST', '/api/v1/sessions', 'email', (text) => ({ email: `owner${text}@test.example`, password: 'whatever-it-is' })],
];

describe('control characters in typed text', () => {
  it.each(
    FIELDS.flatMap(([method, path, field, body]) =>
      CONTROL_CHARACTERS.map((character) => [method, path, field, JSON.stringify(character), body(character)] as const),
    ),
  )('%s %s refuses %s holding %s with 422 naming the field', async (method, path, field, _shown, body) => {
    const service = await testService();
    const token = await service.signIn();
    const response = await service.request(method, path, { token, body });
    expect(response.status).toBe(422);
    const problem = await validationProblemOf(response);
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors).toContainEqual({ path: field, message: expect.any(String) });
    if (field !== 'email') expect(problem.errors).toContainEqual({ path: field, message: CONTROL_CHARACTERS_REFUSED });
  });

  it('stores nothing of a refused request', async () => {
    const service = await testService();
    const token = await service.signIn();
    const before = await (await service.request('GET', `/api/v1/apps/${TIMESHEETS}/tokens`, { token })).json();
    await service.request('POST', `/api/v1/apps/${TIMESHEETS}/tokens`, { token, body: { note: 'a\u0000b' } });
    const after = await (await service.request('GET', `/api/v1/apps/${TIMESHEETS}/tokens`, { token })).json();
    expect(after).toEqual(before);
  });

  it('keeps letters of every script, emoji and spaces', async () => {
    const service = await testService();
    const token = await service.signIn();
    const note = 'Überprüfung für QA — テスト 🧪';
    const response = await service.request('POST', `/api/v1/apps/${TIMESHEETS}/tokens`, { token, body: { note } });
    expect(response.status).toBe(201);
    expect((await parsed(response, AccessTokenSchema)).note).toBe(note);
  });
});
