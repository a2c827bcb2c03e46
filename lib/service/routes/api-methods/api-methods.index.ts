import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { API_METHODS, SCOPE_PRESETS } from '../../auth/api-methods';
import type { AppEnv } from '../../deps';
import { jsonResponse } from '../schemas';

const apiMethodsRoute = createRoute({
  method: 'get',
  path: '/api-methods',
  tags: ['Personal access tokens'],
  summary: 'The API methods a token can be scoped to, and the named presets',
  responses: {
    200: jsonResponse(
      'Methods and presets',
      z.object({
        methods: z.array(z.object({ id: z.string() })),
        presets: z.array(z.object({ name: z.string(), methods: z.array(z.string()) })),
      }),
    ),
  },
});

export function registerApiMethodRoutes(api: OpenAPIHono<AppEnv>): void {
  api.openapi(apiMethodsRoute, (c) =>
    c.json(
      {
        methods: API_METHODS.map((id) => ({ id })),
        presets: Object.entries(SCOPE_PRESETS).map(([name, methods]) => ({ name, methods: [...methods] })),
      },
      200,
    ),
  );
}
