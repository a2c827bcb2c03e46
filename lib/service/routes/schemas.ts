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
  .openapi('Problem');

export const problemContent = { 'application/problem+json': { schema: ProblemResponseSchema } };

/** The problem answers every authenticated route may give. */
export const AUTH_PROBLEMS = {
  401: { description: 'Not signed in, or the token is unknown, expired or revoked', content: problemContent },
  403: { description: 'The role or the token scopes do not allow this method', content: problemContent },
  422: { description: 'The request does not match the schema', content: problemContent },
} as const;

export const SiteParamsSchema = z.object({ host: SiteHostSchema });
export const SiteAppParamsSchema = z.object({ host: SiteHostSchema, appKey: AppKeySchema });
