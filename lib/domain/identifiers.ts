import { z } from 'zod';
import {
  APP_KEY_PATTERN,
  APP_KEY_RULE,
  hasSiteHostLabels,
  SITE_HOST_MAX_LENGTH,
  SITE_HOST_RULE,
  SITE_HOST_TOO_LONG,
} from './identifier-rules';

/** A Marketplace app key, as the contract gives it. */
export const AppKeySchema = z.string().regex(APP_KEY_PATTERN, APP_KEY_RULE).brand<'AppKey'>();
export type AppKey = z.infer<typeof AppKeySchema>;

/** A site's host name: a lower-case DNS name of at most 253 characters with at least two labels. */
export const SiteHostSchema = z
  .string()
  .max(SITE_HOST_MAX_LENGTH, SITE_HOST_TOO_LONG)
  .refine(hasSiteHostLabels, SITE_HOST_RULE)
  .brand<'SiteHost'>();
export type SiteHost = z.infer<typeof SiteHostSchema>;

/**
 * Keys and hosts read back from the service's own database: they were validated by these
 * schemas when they were written, so the store marks them without parsing each again.
 */
export const storedAppKey = (value: string): AppKey => value as AppKey;
export const storedSiteHost = (value: string): SiteHost => value as SiteHost;
