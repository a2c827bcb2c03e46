import type { OpenAPIHono } from '@hono/zod-openapi';
import { authorize } from '../../auth/authorize';
import type { AppEnv, ServiceDeps } from '../../deps';
import { createToken, getToken, listTokens, removeToken } from '../../operations/access-tokens-operations';
import { contextOf } from '../context-of';
import { createTokenRoute, getTokenRoute, listTokensRoute, removeTokenRoute } from './access-tokens.routes';

export function registerAccessTokenRoutes(api: OpenAPIHono<AppEnv>, deps: ServiceDeps): void {
  api.openapi({ ...listTokensRoute, middleware: [authorize(deps, 'tokens.list')] }, (c) =>
    c.json(listTokens(contextOf(c, deps), c.req.valid('param').appKey), 200),
  );
  api.openapi({ ...createTokenRoute, middleware: [authorize(deps, 'tokens.create')] }, (c) => {
    const body = c.req.valid('json') as { note?: string } | undefined;
    return c.json(createToken(contextOf(c, deps), c.req.valid('param').appKey, body?.note ?? ''), 201);
  });
  api.openapi({ ...getTokenRoute, middleware: [authorize(deps, 'tokens.read')] }, (c) => {
    const { appKey, id } = c.req.valid('param');
    return c.json(getToken(contextOf(c, deps), appKey, id), 200);
  });
  api.openapi({ ...removeTokenRoute, middleware: [authorize(deps, 'tokens.delete')] }, (c) => {
    const { appKey, id } = c.req.valid('param');
    removeToken(contextOf(c, deps), appKey, id);
    return c.body(null, 204);
  });
}
