import { createRoute, z } from '@hono/zod-openapi';
import { AuditListSchema } from '../../../domain/audit';
import { AppKeySchema, SiteHostSchema } from '../../../domain/identifiers';
import { AUTH_PROBLEMS, jsonResponse } from '../schemas';

export const listAuditRoute = createRoute({
  method: 'get',
  path: '/audit',
  operationId: 'audit.read',
  tags: ['Audit'],
  summary: 'Who changed what, newest first [audit.read]',
  request: {
    query: z.strictObject({
      site: SiteHostSchema.optional(),
      app: AppKeySchema.optional(),
      limit: z.coerce.number().int().min(1).max(500).default(50),
      /** Paging: only entries older than this one (its `seq`). */
      before: z.coerce.number().int().min(1).optional(),
    }),
  },
  responses: { 200: jsonResponse('The entries', AuditListSchema), ...AUTH_PROBLEMS },
});
