import { createRoute, z } from '@hono/zod-openapi';
import {
  PersonalTokenListSchema,
  PersonalTokenSchema,
  PersonalTokenWithValueSchema,
  ScopePresetSchema,
} from '../../../domain/personal-token';
import { CONTROL_CHARACTERS_REFUSED, NO_CONTROL_CHARACTERS } from '../../../domain/plain-text';
import { API_METHODS } from '../../auth/api-methods';
import { AUTH_PROBLEMS, jsonBody, jsonResponse, problem } from '../schemas';

const DescriptionSchema = z
  .string()
  .trim()
  .min(1, 'Describe what the token is for.')
  .max(200)
  .regex(NO_CONTROL_CHARACTERS, CONTROL_CHARACTERS_REFUSED);
const ExpirySchema = z.iso.date({ error: 'Give the expiry as a date, yyyy-mm-dd.' });
/** A preset's name, or a custom list of API method ids. */
const ScopesSchema = z.union([
  ScopePresetSchema,
  z
    .array(z.enum(API_METHODS, { error: 'Not an API method id: GET /api/v1/api-methods lists them.' }))
    .min(1, 'Give at least one API method.')
    .max(API_METHODS.length),
]);
const PasswordSchema = z.string().min(1, 'Confirm with your password.').max(1024);

const NewPersonalTokenSchema = z.strictObject({
  description: DescriptionSchema,
  expiresAt: ExpirySchema,
  scopes: ScopesSchema,
  password: PasswordSchema,
});
const PersonalTokenChangesSchema = z.strictObject({
  description: DescriptionSchema.optional(),
  expiresAt: ExpirySchema.optional(),
  scopes: ScopesSchema.optional(),
  password: PasswordSchema,
});
const ConfirmationSchema = z.strictObject({ password: PasswordSchema });
const CopySchema = z.strictObject({ password: PasswordSchema, description: DescriptionSchema.optional() });
const RemovalSchema = z.strictObject({
  ids: z.array(z.uuid()).min(1, 'Name at least one token.').max(100),
  password: PasswordSchema,
});
export const PersonalTokenParamsSchema = z.object({ id: z.uuid() });

const tags = ['Personal access tokens'];
const MANAGE = '[personalTokens.manage; every change needs the password]';
const CHANGE_PROBLEMS = {
  403: problem('password_confirmation_failed, insufficient_scope'),
  404: problem('personal_token_not_found'),
  429: problem('rate_limited: too many failed password confirmations'),
};

export const listPersonalTokensRoute = createRoute({
  method: 'get',
  path: '/personal-tokens',
  operationId: 'personalTokens.list',
  tags,
  summary: 'List your personal access tokens, never with their values [personalTokens.manage]',
  responses: { 200: jsonResponse('Your tokens', PersonalTokenListSchema), ...AUTH_PROBLEMS },
});

export const createPersonalTokenRoute = createRoute({
  method: 'post',
  path: '/personal-tokens',
  operationId: 'personalTokens.create',
  tags,
  summary: `Generate a personal access token; its value is in this answer only ${MANAGE}`,
  request: { body: jsonBody(NewPersonalTokenSchema) },
  responses: { 201: jsonResponse('Generated', PersonalTokenWithValueSchema), ...AUTH_PROBLEMS, ...CHANGE_PROBLEMS },
});

export const updatePersonalTokenRoute = createRoute({
  method: 'patch',
  path: '/personal-tokens/{id}',
  operationId: 'personalTokens.update',
  tags,
  summary: `Change a token's description, expiry or scopes ${MANAGE}`,
  request: { params: PersonalTokenParamsSchema, body: jsonBody(PersonalTokenChangesSchema) },
  responses: { 200: jsonResponse('Changed', PersonalTokenSchema), ...AUTH_PROBLEMS, ...CHANGE_PROBLEMS },
});

export const regeneratePersonalTokenRoute = createRoute({
  method: 'post',
  path: '/personal-tokens/{id}/regenerate',
  operationId: 'personalTokens.regenerate',
  tags,
  summary: `A new value for a token; the old one stops working at once ${MANAGE}`,
  request: { params: PersonalTokenParamsSchema, body: jsonBody(ConfirmationSchema) },
  responses: { 200: jsonResponse('Regenerated', PersonalTokenWithValueSchema), ...AUTH_PROBLEMS, ...CHANGE_PROBLEMS },
});

export const copyPersonalTokenRoute = createRoute({
  method: 'post',
  path: '/personal-tokens/{id}/copy',
  operationId: 'personalTokens.copy',
  tags,
  summary: `A new token with the same settings ${MANAGE}`,
  request: { params: PersonalTokenParamsSchema, body: jsonBody(CopySchema) },
  responses: { 201: jsonResponse('Copied', PersonalTokenWithValueSchema), ...AUTH_PROBLEMS, ...CHANGE_PROBLEMS },
});

export const removePersonalTokensRoute = createRoute({
  method: 'post',
  path: '/personal-tokens/remove',
  operationId: 'personalTokens.remove',
  tags,
  summary: `Remove several tokens at once ${MANAGE}`,
  request: { body: jsonBody(RemovalSchema) },
  responses: {
    200: jsonResponse('Removed', z.object({ removed: z.array(z.string()) })),
    ...AUTH_PROBLEMS,
    ...CHANGE_PROBLEMS,
  },
});
