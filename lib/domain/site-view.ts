import { z } from 'zod';
import { SiteHostSchema } from './identifiers';
import { AppliedTokenSchema, InstalledAppSchema } from './installed-app';
import { LicenseStateSchema } from './license-state';
import { ErrorValueSchema } from './reply';

/**
 * One app of a site as the extension shows it: the service's `InstalledApp`, except that what
 * only the service records (since when, and the service's token id) may be unknown — for an app
 * read from a site's own API that the service has never seen there.
 */
export const SiteAppSchema = InstalledAppSchema.extend({
  installedAt: z.iso.datetime().nullable(),
  token: AppliedTokenSchema.extend({ appliedAt: z.iso.datetime().nullable() }).nullable(),
  license: z.object({ state: LicenseStateSchema, changedAt: z.iso.datetime().nullable() }),
});
export type SiteApp = z.infer<typeof SiteAppSchema>;

/**
 * What a view knows of one site: the apps as last fetched, when that was, and — when the
 * service could not be reached or refused — why, so the view can mark the data stale.
 */
export const SiteViewSchema = z.object({
  host: SiteHostSchema,
  apps: z.array(SiteAppSchema),
  fetchedAt: z.iso.datetime().nullable(),
  problem: ErrorValueSchema.nullable(),
});
export type SiteView = z.infer<typeof SiteViewSchema>;
