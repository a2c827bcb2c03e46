import { createRoute, z } from '@hono/zod-openapi';
import { CONTROL_CHARACTERS_REFUSED, NO_CONTROL_CHARACTERS } from '../../../domain/plain-text';
import { MeSchema, SessionSchema } from '../../../domain/session';
import { AUTH_PROBLEMS, problem, problemContent } from '../schemas';

export const SignInSchema = z.strictObject({
  email: z.email().max(320).regex(NO_CONTROL_CHARACTERS, CONTROL_CHARACTERS_REFUSED),
  password: z.string().min(1).max(1024),
});

export const signInRoute = createRoute({
  method: 'post',
  path: '/sessions',
  operationId: 'sessions.create',
  tags: ['Sessions'],
  summary: 'Sign in: exchange email and password for a session token (12 h)',
  // The one way in without a token.
  security: [],
  request: { body: { required: true, content: { 'application/json': { schema: SignInSchema } } } },
  responses: {
    201: { description: 'Signed in', content: { 'application/json': { schema: SessionSchema } } },
    401: { description: 'invalid_credentials', content: problemContent },
    421: AUTH_PROBLEMS[421],
    422: AUTH_PROBLEMS[422],
    429: problem(
      'rate_limited: too many failed sign-ins, too many being checked at once, or over the budget; see Retry-After',
    ),
  },
});

export const signOutRoute = createRoute({
  method: 'delete',
  path: '/sessions/current',
  operationId: 'sessions.delete',
  tags: ['Sessions'],
  summary: 'Sign out: the calling session token stops working at once',
  responses: { 204: { description: 'Signed out' }, 401: AUTH_PROBLEMS[401] },
});

export const meRoute = createRoute({
  method: 'get',
  path: '/me',
  operationId: 'me.read',
  tags: ['Sessions'],
  summary: 'Who am I: the account, its role and the calling token’s scopes [me.read]',
  responses: {
    200: { description: 'The caller', content: { 'application/json': { schema: MeSchema } } },
    401: AUTH_PROBLEMS[401],
    403: AUTH_PROBLEMS[403],
  },
});
