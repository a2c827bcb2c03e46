import { z } from 'zod';
import { SiteHostSchema } from './identifiers';
import { InstalledAppSchema } from './installed-app';
import { ErrorValueSchema } from './reply';

/**
 * What a view knows of one site: the apps as last fetched, when that was, and — when the
 * service could not be reached or refused — why, so the view can mark the data stale.
 */
export const SiteViewSchema = z.object({
  host: SiteHostSchema,
  apps: z.array(InstalledAppSchema),
  fetchedAt: z.iso.datetime().nullable(),
  problem: ErrorValueSchema.nullable(),
});
export type SiteView = z.infer<typeof SiteViewSchema>;
