import type { OpenAPIHono } from '@hono/zod-openapi';
import { authorize } from '../../auth/authorize';
import type { AppEnv, ServiceDeps } from '../../deps';
import { addUser, listUsers } from '../../operations/users-operations';
import { contextOf } from '../context-of';
import { createUserRoute, listUsersRoute } from './users.routes';

export function registerUserRoutes(api: OpenAPIHono<AppEnv>, deps: ServiceDeps): void {
  api.openapi({ ...listUsersRoute, middleware: [authorize(deps, 'users.manage')] }, (c) =>
    c.json({ items: listUsers(contextOf(c, deps)) }, 200),
  );
  api.openapi({ ...createUserRoute, middleware: [authorize(deps, 'users.manage')] }, async (c) =>
    c.json(await addUser(contextOf(c, deps), c.req.valid('json')), 201),
  );
}
