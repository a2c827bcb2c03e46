import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { authorize } from '../../auth/authorize';
import { clientAddress } from '../../auth/client-address';
import type { AppEnv, ServiceDeps } from '../../deps';
import {
  copyPersonalToken,
  createPersonalToken,
  listPersonalTokens,
  type PersonalTokenContext,
  regeneratePersonalToken,
  removePersonalTokens,
  updatePersonalToken,
} from '../../operations/personal-tokens-operations';
import { contextOf } from '../context-of';
import {
  copyPersonalTokenRoute,
  createPersonalTokenRoute,
  listPersonalTokensRoute,
  regeneratePersonalTokenRoute,
  removePersonalTokensRoute,
  updatePersonalTokenRoute,
} from './personal-tokens.routes';

export function registerPersonalTokenRoutes(api: OpenAPIHono<AppEnv>, deps: ServiceDeps): void {
  const manage = { middleware: [authorize(deps, 'personalTokens.manage')] };
  const ctx = (c: Context<AppEnv>): PersonalTokenContext => ({ ...contextOf(c, deps), client: clientAddress(c) });

  api.openapi({ ...listPersonalTokensRoute, ...manage }, (c) =>
    c.json({ items: listPersonalTokens(contextOf(c, deps)) }, 200),
  );
  api.openapi({ ...createPersonalTokenRoute, ...manage }, async (c) =>
    c.json(await createPersonalToken(ctx(c), c.req.valid('json')), 201),
  );
  api.openapi({ ...updatePersonalTokenRoute, ...manage }, async (c) =>
    c.json(await updatePersonalToken(ctx(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  api.openapi({ ...regeneratePersonalTokenRoute, ...manage }, async (c) =>
    c.json(await regeneratePersonalToken(ctx(c), c.req.valid('param').id, c.req.valid('json').password), 200),
  );
  api.openapi({ ...copyPersonalTokenRoute, ...manage }, async (c) =>
    c.json(await copyPersonalToken(ctx(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );
  api.openapi({ ...removePersonalTokensRoute, ...manage }, async (c) =>
    c.json(await removePersonalTokens(ctx(c), c.req.valid('json')), 200),
  );
}
