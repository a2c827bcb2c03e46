import { z } from 'zod/mini';
import { AppKeySchema, ErrorValueSchema, safeInteger } from '../domain/mini-schemas';
import { TOKEN_PLACEMENTS } from '../domain/token-placement';
import type { AnswerCheck } from './ask-background';
import type { RequestType } from './protocol';
import { SiteViewReader as SiteView, SiteViewOrNullReader } from './view-message-readers';

/**
 * What the background answers the requests a Manage apps page's content script may make, in
 * zod/mini, and a site's view by a reader held equal to its schema (view-message-readers.ts): the
 * content script parses every answer with these (ask-background.ts), and carries no schema of
 * the extension pages' answers (extension-page-replies.ts).
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
  active: safeInteger(),
  limit: safeInteger(),
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
  'site.view': SiteView,
  'site.cachedView': SiteViewOrNullReader,
  'site.revalidate': SiteView,
  'site.settings': SiteSettingsSchema,
  'site.enablePrivateListings': SiteSettingsSchema,
  'site.setLicense': SiteView,
  'site.applyToken': SiteView,
  'site.createAndApplyToken': SiteView,
  'site.clearToken': SiteView,
  'site.installWithToken': SiteView,
  'site.openInstallPage': OpenedSchema,
  'site.openApplyPage': OpenedSchema,
  'site.appTokens': SiteAppTokensSchema,
  'site.installable': InstallableAppsSchema,
  'site.tokenless': TokenlessAppsSchema,
  'site.tokenUrl': TokenUrlSchema,
} satisfies Partial<Record<RequestType, AnswerCheck>>;

export type PageRequestType = keyof typeof PAGE_REPLY_SCHEMAS;
