import { z } from 'zod/mini';
import {
  APP_KEY_PATTERN,
  APP_KEY_RULE,
  hasSiteHostLabels,
  SITE_HOST_MAX_LENGTH,
  SITE_HOST_RULE,
  SITE_HOST_TOO_LONG,
} from './identifier-rules';
import { LICENSE_STATES } from './license-state-names';

/**
 * The shared schemas a view parses with, in zod/mini: the same rules as their zod twins
 * (`identifiers.ts`, `license-state.ts`, `reply.ts`, `site-view.ts`) and the same inferred
 * types, at a fraction of the bytes a content script would carry with zod itself. The
 * background and the service keep the zod ones. test/unit/mini-schemas.test.ts holds each pair
 * to the same answers and the same types.
 */

export const AppKeySchema = z.string().check(z.regex(APP_KEY_PATTERN, APP_KEY_RULE)).brand<'AppKey'>();

export const SiteHostSchema = z
  .string()
  .check(z.maxLength(SITE_HOST_MAX_LENGTH, SITE_HOST_TOO_LONG), z.refine(hasSiteHostLabels, SITE_HOST_RULE))
  .brand<'SiteHost'>();

export const LicenseStateSchema = z.enum(LICENSE_STATES);

export const ErrorValueSchema = z.object({ code: z.string(), message: z.string() });

const datetimeOrNull = () => z.nullable(z.iso.datetime());

/** `site-view.ts`'s SiteApp: the service's InstalledApp with what only the service records made nullable. */
export const SiteAppSchema = z.object({
  appKey: AppKeySchema,
  name: z.string(),
  paymentModel: z.enum(['free', 'paid']),
  installedAt: datetimeOrNull(),
  token: z.nullable(
    z.object({
      id: z.string(),
      last4: z.string().check(z.length(4)),
      appliedAt: datetimeOrNull(),
      status: z.enum(['active', 'removed']),
    }),
  ),
  license: z.object({ state: LicenseStateSchema, changedAt: datetimeOrNull() }),
  lic: z.enum(['active', 'none']),
});

export const SiteViewSchema = z.object({
  host: SiteHostSchema,
  apps: z.array(SiteAppSchema),
  fetchedAt: datetimeOrNull(),
  problem: z.nullable(ErrorValueSchema),
});
