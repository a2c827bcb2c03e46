import { z } from 'zod';

/** An emulated site (`GET /sites/{host}`). */
export const SiteSchema = z
  .object({ host: z.string(), privateListingsEnabled: z.boolean(), createdAt: z.iso.datetime() })
  .meta({ id: 'Site' });
export type Site = z.infer<typeof SiteSchema>;

/** `GET /sites`. */
export const SiteListSchema = z.object({ items: z.array(SiteSchema) }).meta({ id: 'SiteList' });
