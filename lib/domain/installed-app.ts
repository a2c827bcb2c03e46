import { z } from 'zod';
import { AppKeySchema } from './identifiers';
import { LicenseStateSchema } from './license-state';

export const PaymentModelSchema = z.enum(['free', 'paid']);
export type PaymentModel = z.infer<typeof PaymentModelSchema>;

export const TokenStatusSchema = z.enum(['active', 'removed']);
export type TokenStatus = z.infer<typeof TokenStatusSchema>;

/** The token on an installed app, masked: only its last four characters ever leave the service here. */
export const AppliedTokenSchema = z.object({
  id: z.string(),
  last4: z.string().length(4),
  appliedAt: z.iso.datetime(),
  status: TokenStatusSchema,
});

export const InstalledAppSchema = z
  .object({
    appKey: AppKeySchema,
    name: z.string(),
    paymentModel: PaymentModelSchema,
    installedAt: z.iso.datetime(),
    token: AppliedTokenSchema.nullable(),
    license: z.object({
      state: LicenseStateSchema,
      changedAt: z.iso.datetime(),
    }),
    lic: z.enum(['active', 'none']),
  })
  .meta({ id: 'InstalledApp' });
export type InstalledApp = z.infer<typeof InstalledAppSchema>;

/** `GET /api/v1/sites/{host}/apps`. */
export const SiteAppsSchema = z
  .object({
    items: z.array(InstalledAppSchema),
    etag: z.string(),
  })
  .meta({ id: 'SiteApps' });
export type SiteApps = z.infer<typeof SiteAppsSchema>;
