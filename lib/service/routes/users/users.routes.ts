import { createRoute, z } from '@hono/zod-openapi';
import { CONTROL_CHARACTERS_REFUSED, NO_CONTROL_CHARACTERS } from '../../../domain/plain-text';
import { RoleSchema } from '../../../domain/role';
import { AUTH_PROBLEMS, jsonBody, jsonResponse, problem } from '../schemas';

export const UserSchema = z
  .object({ id: z.string(), email: z.string(), role: RoleSchema, createdAt: z.string() })
  .meta({ id: 'User' });

const NewUserSchema = z.strictObject({
  email: z.email().max(320).regex(NO_CONTROL_CHARACTERS, CONTROL_CHARACTERS_REFUSED),
  password: z.string().min(12, 'A password has at least 12 characters.').max(1024),
  role: RoleSchema,
});

export const listUsersRoute = createRoute({
  method: 'get',
  path: '/users',
  operationId: 'users.list',
  tags: ['Users'],
  summary: 'List the vendor’s users [users.manage, owner only]',
  responses: { 200: jsonResponse('The users', z.object({ items: z.array(UserSchema) })), ...AUTH_PROBLEMS },
});

export const createUserRoute = createRoute({
  method: 'post',
  path: '/users',
  operationId: 'users.create',
  tags: ['Users'],
  summary: 'Add a user of the vendor [users.manage, owner only]',
  request: { body: jsonBody(NewUserSchema) },
  responses: { 201: jsonResponse('Created', UserSchema), 409: problem('email_taken'), ...AUTH_PROBLEMS },
});
