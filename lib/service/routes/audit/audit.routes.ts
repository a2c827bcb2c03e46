import { createRoute, z } from '@hono/zod-openapi';
import { AppKeySchema, SiteHostSchema } from '../../../domain/identifiers';
import { AUTH_PROBLEMS, jsonResponse } from '../schemas';

export const AuditEntrySchema = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    actor: z.string(),
    action: z.string(),
    site: z.string().nullable(),
    app: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEntry' });

export const listAuditRoute = createRoute({
  method: 'get',
  path: '/audit',
  tags: ['Audit'],
  summary: 'Who changed what, newest first [audit.read]',
  request: {
    query: z.strictObject({
      site: SiteHostSchema.optional(),
      app: AppKeySchema.optional(),
      limit: z.coerce.number().int().min(1).max(500).default(50),
    }),
  },
  responses: { 200: jsonResponse('The entries', z.object({ items: z.array(AuditEntrySchema) })), ...AUTH_PROBLEMS },
});
