import { z } from 'zod';

/** One line of the audit log: who changed what, when (`GET /api/v1/audit`, newest first). */
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
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditListSchema = z.object({ items: z.array(AuditEntrySchema) }).meta({ id: 'AuditList' });
