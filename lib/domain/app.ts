import { z } from 'zod';
import { AppKeySchema } from './identifiers';
import { PaymentModelSchema } from './installed-app';

export const VisibilitySchema = z.enum(['private', 'public']);

export const AppVersionSchema = z
  .object({ version: z.string(), visibility: VisibilitySchema, descriptorUrl: z.string(), createdAt: z.string() })
  .meta({ id: 'AppVersion' });

/** A vendor's Marketplace listing (`GET /apps/{appKey}`). */
export const AppSchema = z
  .object({
    key: AppKeySchema,
    name: z.string(),
    paymentModel: PaymentModelSchema,
    visibility: VisibilitySchema,
    descriptorUrl: z.string(),
    createdAt: z.string(),
    versions: z.array(AppVersionSchema),
    activeTokens: z.number().int(),
    tokenLimit: z.number().int(),
  })
  .meta({ id: 'App' });
export type App = z.infer<typeof AppSchema>;

export const AppListSchema = z.object({ items: z.array(AppSchema) });
