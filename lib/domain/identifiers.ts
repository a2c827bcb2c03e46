import { z } from 'zod';

/** A Marketplace app key, as the contract gives it. */
export const AppKeySchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]{1,63}$/, 'An app key is 2–64 characters: lower-case letters, digits, dots and dashes.')
  .brand<'AppKey'>();
export type AppKey = z.infer<typeof AppKeySchema>;

const DNS_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** A site's host name: a lower-case DNS name of at most 253 characters with at least two labels. */
export const SiteHostSchema = z
  .string()
  .max(253, 'A site host is at most 253 characters.')
  .refine((host) => {
    const labels = host.split('.');
    return labels.length >= 2 && labels.every((label) => DNS_LABEL.test(label));
  }, 'A site host is a lower-case DNS name such as acme-dev.atlassian.net.')
  .brand<'SiteHost'>();
export type SiteHost = z.infer<typeof SiteHostSchema>;

/**
 * Keys and hosts read back from the service's own database: they were validated by these
 * schemas when they were written, so the store marks them without parsing each again.
 */
export const storedAppKey = (value: string): AppKey => value as AppKey;
export const storedSiteHost = (value: string): SiteHost => value as SiteHost;
