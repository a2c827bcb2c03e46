import { createRoute, z } from '@hono/zod-openapi';
import { AccessTokenListSchema, AccessTokenSchema } from '../../../domain/access-token';
import { CONTROL_CHARACTERS_REFUSED, NO_CONTROL_CHARACTERS } from '../../../domain/plain-text';
import { AppParamsSchema, AUTH_PROBLEMS, jsonResponse, problem, TokenParamsSchema } from '../schemas';

const NewTokenSchema = z.strictObject({
  note: z.string().max(500).regex(NO_CONTROL_CHARACTERS, CONTROL_CHARACTERS_REFUSED).optional(),
});

const tags = ['Access tokens'];

export const listTokensRoute = createRoute({
  method: 'get',
  path: '/apps/{appKey}/tokens',
  operationId: 'tokens.list',
  tags,
  summary: 'List an app’s access tokens, with the active count and the limit [tokens.list]',
  request: { params: AppParamsSchema },
  responses: {
    200: jsonResponse('The tokens', AccessTokenListSchema),
    404: problem('app_not_found'),
    ...AUTH_PROBLEMS,
  },
});

export const createTokenRoute = createRoute({
  method: 'post',
  path: '/apps/{appKey}/tokens',
  operationId: 'tokens.create',
  tags,
  summary: 'Create an access token (rules 1, 2) [tokens.create]',
  request: {
    params: AppParamsSchema,
    body: { required: false, content: { 'application/json': { schema: NewTokenSchema } } },
  },
  responses: {
    201: jsonResponse('Created', AccessTokenSchema),
    404: problem('app_not_found'),
    409: problem('token_limit_reached, private_listing_required'),
    ...AUTH_PROBLEMS,
  },
});

export const getTokenRoute = createRoute({
  method: 'get',
  path: '/apps/{appKey}/tokens/{id}',
  operationId: 'tokens.read',
  tags,
  summary: 'Read one access token [tokens.read]',
  request: { params: TokenParamsSchema },
  responses: {
    200: jsonResponse('The token', AccessTokenSchema),
    404: problem('app_not_found, token_not_found'),
    ...AUTH_PROBLEMS,
  },
});

export const removeTokenRoute = createRoute({
  method: 'delete',
  path: '/apps/{appKey}/tokens/{id}',
  operationId: 'tokens.delete',
  tags,
  summary: 'Remove a token at the Marketplace: sites using it become unlicensed (rule 7) [tokens.delete]',
  request: { params: TokenParamsSchema },
  responses: { 204: { description: 'Removed' }, 404: problem('app_not_found, token_not_found'), ...AUTH_PROBLEMS },
});
