import { z } from 'zod/mini';
import { AppKeySchema, ErrorValueSchema, SiteViewSchema } from '../domain/mini-schemas';
import { TOKEN_PLACEMENTS } from '../domain/token-placement';
import type { RequestType } from './protocol';

/**
 * What the background answers the requests a Manage apps page's content script may make, in
 * zod/mini: the content script parses every answer with these (ask-background.ts), and carries
 * no schema of the extension pages' answers (extension-page-replies.ts).
 */

export const TokenPlacementSchema = z.enum(TOKEN_PLACEMENTS);

export const SiteSettingsSchema = z.object({ host: z.string(), privateListingsEnabled: z.boolean() });
export type SiteSettings = z.infer<typeof SiteSettingsSchema>;

/** An app's tokens as one site's page may see them: no other site is ever named. */
export const SiteAppTokensSchema = z.object({
  appKey: z.string(),
  tokens: z.array(
    z.object({
      id: z.string(),
      last4: z.string(),
      note: z.string(),
      createdAt: z.string(),
      placement: TokenPlacementSchema,
    }),
  ),
  active: z.int(),
  limit: z.int(),
  fetchedAt: z.string(),
  problem: z.nullable(ErrorValueSchema),
});
export type SiteAppTokens = z.infer<typeof SiteAppTokensSchema>;

/** The installed apps that can never have an access token, each with the reason in words. */
export const TokenlessAppsSchema = z.object({ apps: z.array(z.object({ appKey: AppKeySchema, reason: z.string() })) });
export type TokenlessApps = z.infer<typeof TokenlessAppsSchema>;

export const InstallableAppsSchema = z.object({ apps: z.array(z.object({ appKey: AppKeySchema, name: z.string() })) });
export type InstallableApps = z.infer<typeof InstallableAppsSchema>;

export const TokenUrlSchema = z.object({ url: z.string() });

export const OpenedSchema = z.object({ opened: z.literal(true) });

/** The answer of each request a page may make (the background's dispatcher refuses every other from a page). */
export const PAGE_REPLY_SCHEMAS = {
  'site.view': SiteViewSchema,
  'site.cachedView': z.nullable(SiteViewSchema),
  'site.revalidate': SiteViewSchema,
  'site.settings': SiteSettingsSchema,
  'site.enablePrivateListings': SiteSettingsSchema,
  'site.setLicense': SiteViewSchema,
  'site.applyToken': SiteViewSchema,
  'site.createAndApplyToken': SiteViewSchema,
  'site.clearToken': SiteViewSchema,
  'site.installWithToken': SiteViewSchema,
  'site.openInstallPage': OpenedSchema,
  'site.openApplyPage': OpenedSchema,
  'site.appTokens': SiteAppTokensSchema,
  'site.installable': InstallableAppsSchema,
  'site.tokenless': TokenlessAppsSchema,
  'site.tokenUrl': TokenUrlSchema,
} satisfies Partial<Record<RequestType, z.ZodMiniType>>;

export type PageRequestType = keyof typeof PAGE_REPLY_SCHEMAS;
