import { createRoute, z } from '@hono/zod-openapi';
import { CONTROL_CHARACTERS_REFUSED, NO_CONTROL_CHARACTERS } from '../../../domain/plain-text';
import { MeSchema, SessionSchema } from '../../../domain/session';
import { AUTH_PROBLEMS, problemContent } from '../schemas';

export const SignInSchema = z.strictObject({
  email: z.email().max(320).regex(NO_CONTROL_CHARACTERS, CONTROL_CHARACTERS_REFUSED),
  password: z.string().min(1).max(1024),
});

export const signInRoute = createRoute({
  method: 'post',
  path: '/sessions',
  tags: ['Sessions'],
  summary: 'Sign in: exchange email and password for a session token (12 h)',
  request: { body: { required: true, content: { 'application/json': { schema: SignInSchema } } } },
  responses: {
    201: { description: 'Signed in', content: { 'application/json': { schema: SessionSchema } } },
    401: { description: 'invalid_credentials', content: problemContent },
    422: AUTH_PROBLEMS[422],
  },
});

export const signOutRoute = createRoute({
  method: 'delete',
  path: '/sessions/current',
  tags: ['Sessions'],
  summary: 'Sign out: the calling session token stops working at once',
  responses: { 204: { description: 'Signed out' }, 401: AUTH_PROBLEMS[401] },
});

export const meRoute = createRoute({
  method: 'get',
  path: '/me',
  tags: ['Sessions'],
  summary: 'Who am I: the account, its role and the calling token’s scopes [me.read]',
  responses: {
    200: { description: 'The caller', content: { 'application/json': { schema: MeSchema } } },
    401: AUTH_PROBLEMS[401],
    403: AUTH_PROBLEMS[403],
  },
});
