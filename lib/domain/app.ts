import { z } from 'zod';
import { AppKeySchema } from './identifiers';
import { PaymentModelSchema } from './installed-app';
import { sameDescriptorUrl } from './token-url';

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

/** Rule 2: tokens are for private listings: the app is private, or has a private version. */
export function hasPrivateListing(app: {
  visibility: 'private' | 'public';
  versions: readonly { visibility: 'private' | 'public' }[];
}): boolean {
  return app.visibility === 'private' || app.versions.some((version) => version.visibility === 'private');
}

/**
 * Rule 2 as a person reads it: why an installed app can never have an access token (it is not
 * one of the vendor's listings, or has no private one), or null when it can.
 */
export function tokenlessReason(
  name: string,
  listing: { visibility: 'private' | 'public'; versions: readonly { visibility: 'private' | 'public' }[] } | undefined,
): string | null {
  if (!listing) return `${name} is not one of your listings: only its vendor's private listing has access tokens.`;
  if (!hasPrivateListing(listing))
    return `${name} has no private listing or private version, so it cannot have access tokens.`;
  return null;
}

/** Rule 11: a token URL's descriptor part is the app's own descriptor URL, or one of its versions'. */
export function describesApp(
  app: { descriptorUrl: string; versions: readonly { descriptorUrl: string }[] },
  descriptorUrl: string,
): boolean {
  return (
    sameDescriptorUrl(app.descriptorUrl, descriptorUrl) ||
    app.versions.some((version) => sameDescriptorUrl(version.descriptorUrl, descriptorUrl))
  );
}
