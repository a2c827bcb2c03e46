import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { ApiMethodsSchema, ScopePresetSchema } from '../../../domain/personal-token';
import { API_METHOD_DESCRIPTIONS, API_METHODS, SCOPE_PRESETS } from '../../auth/api-methods';
import type { AppEnv } from '../../deps';
import { AUTH_PROBLEMS, jsonResponse, problem } from '../schemas';

const apiMethodsRoute = createRoute({
  method: 'get',
  path: '/api-methods',
  operationId: 'apiMethods.list',
  tags: ['Personal access tokens'],
  summary: 'The API methods a token can be scoped to, and the named presets',
  // Describes the API and shows no data: answered without a token.
  security: [],
  responses: {
    200: jsonResponse('Methods and presets', ApiMethodsSchema),
    421: AUTH_PROBLEMS[421],
    429: problem('rate_limited: over the per-minute budget of the calling address; see Retry-After'),
  },
});

export function registerApiMethodRoutes(api: OpenAPIHono<AppEnv>): void {
  api.openapi(apiMethodsRoute, (c) =>
    c.json(
      {
        methods: API_METHODS.map((id) => ({ id, description: API_METHOD_DESCRIPTIONS[id] })),
        presets: ScopePresetSchema.options.map((name) => ({ name, methods: [...SCOPE_PRESETS[name]] })),
      },
      200,
    ),
  );
}
