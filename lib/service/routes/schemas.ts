import { z } from '@hono/zod-openapi';
import { AppKeySchema, SiteHostSchema } from '../../domain/identifiers';

/** Schemas shared by several routes; each resource's own live beside its routes. */
export const ProblemResponseSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });

export const problemContent = { 'application/problem+json': { schema: ProblemResponseSchema } };

export const problem = (description: string) => ({ description, content: problemContent });

/** The problem answers every authenticated route may give. */
export const AUTH_PROBLEMS = {
  401: problem('Not signed in, or the token is unknown, expired or revoked'),
  403: problem('The role or the token scopes do not allow this method'),
  421: problem('The Host is not the service’s own address (misdirected_request)'),
  422: problem('The request does not match the schema (validation_failed)'),
  503: problem('The database file was replaced or deleted under the running service (storage_unavailable)'),
} as const;

export const jsonBody = <S extends z.ZodType>(schema: S) => ({
  required: true,
  content: { 'application/json': { schema } },
});

export const jsonResponse = <S extends z.ZodType>(description: string, schema: S) => ({
  description,
  content: { 'application/json': { schema } },
});

export const HttpsUrlSchema = z.url({ protocol: /^https$/, error: 'Give an https URL.' }).max(2048);

export const SiteParamsSchema = z.object({ host: SiteHostSchema });
export const AppParamsSchema = z.object({ appKey: AppKeySchema });
export const SiteAppParamsSchema = z.object({ host: SiteHostSchema, appKey: AppKeySchema });
export const TokenParamsSchema = z.object({ appKey: AppKeySchema, id: z.uuid() });
