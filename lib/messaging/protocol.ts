import { z } from 'zod';
import { AppKeySchema, SiteHostSchema } from '../domain/identifiers';
import { LicenseStateSchema } from '../domain/license-state';
import { NewPersonalTokenSchema, PersonalTokenChangesSchema } from '../domain/personal-token';
import type { REPLY_SCHEMAS } from './extension-page-replies';

/**
 * Every request a view may send to the background. Anything that does not parse against this
 * union — an unknown type, a missing or extra field — is refused before any handler runs.
 */
const site = { host: SiteHostSchema };
const siteApp = { host: SiteHostSchema, appKey: AppKeySchema };
const TokenIdSchema = z.string().min(1).max(100);

export const RequestSchema = z.discriminatedUnion('type', [
  /** The site's apps, from the cache at once; a content script may only name its own tab's site. */
  z.strictObject({ type: z.literal('site.view'), ...site }),
  /**
   * The site's apps as cached, at once, or null when none are; it starts no revalidation. A Manage
   * apps page asks it while still loading (before its overlay can relay the site's own API).
   */
  z.strictObject({ type: z.literal('site.cachedView'), ...site }),
  /** Ask the background to revalidate the site now (a visible Manage apps tab does this every 2 s). */
  z.strictObject({ type: z.literal('site.revalidate'), ...site }),
  /** The site's settings (whether private listings are enabled). */
  z.strictObject({ type: z.literal('site.settings'), ...site }),
  z.strictObject({ type: z.literal('site.enablePrivateListings'), ...site }),
  z.strictObject({ type: z.literal('site.setLicense'), ...siteApp, state: LicenseStateSchema }),
  z.strictObject({ type: z.literal('site.applyToken'), ...siteApp, tokenId: TokenIdSchema }),
  z.strictObject({ type: z.literal('site.createAndApplyToken'), ...siteApp }),
  z.strictObject({ type: z.literal('site.clearToken'), ...siteApp }),
  z.strictObject({ type: z.literal('site.installFromUrl'), ...site, installUrl: z.string().min(1).max(4096) }),
  z.strictObject({ type: z.literal('site.installWithToken'), ...siteApp, tokenId: TokenIdSchema }),
  /** Extension pages: which app and token a pasted token URL names, before installing it. */
  z.strictObject({ type: z.literal('site.describeTokenUrl'), ...site, installUrl: z.string().min(1).max(4096) }),
  /** Opens the extension's own *Install from token URL* window: a token URL is never typed into a page. */
  z.strictObject({ type: z.literal('site.openInstallPage'), ...site }),
  /** *Paste a token* for one app (the product's pencil flow), in the extension's own window. */
  z.strictObject({ type: z.literal('site.openApplyPage'), ...siteApp }),
  /** A pasted token's value applied to an app: from an extension page only (a value is a secret). */
  z.strictObject({ type: z.literal('site.applyTokenValue'), ...siteApp, token: z.string().min(1).max(4096) }),
  /** The vendor's apps with a private listing that are not installed on this site yet. */
  z.strictObject({ type: z.literal('site.installable'), ...site }),
  /** An app's tokens as seen from this site: bound elsewhere shows as such, never which site. */
  z.strictObject({ type: z.literal('site.appTokens'), ...siteApp }),
  /** A token URL to copy: only for a token that can go on this site. */
  z.strictObject({ type: z.literal('site.tokenUrl'), ...siteApp, tokenId: TokenIdSchema }),
  /** Extension pages only: an app's whole token list, token URLs, creating and removing tokens. */
  z.strictObject({ type: z.literal('site.tokenless'), ...site }),
  z.strictObject({ type: z.literal('app.tokens'), appKey: AppKeySchema }),
  z.strictObject({ type: z.literal('app.cachedTokens'), appKey: AppKeySchema }),
  z.strictObject({ type: z.literal('app.tokenUrl'), appKey: AppKeySchema, tokenId: TokenIdSchema }),
  z.strictObject({ type: z.literal('app.createToken'), appKey: AppKeySchema, note: z.string().max(500) }),
  z.strictObject({ type: z.literal('app.removeToken'), appKey: AppKeySchema, tokenId: TokenIdSchema }),
  /** The popup: which site to open on (the active tab's Manage apps page, else the last one used). */
  z.strictObject({ type: z.literal('popup.context') }),
  z.strictObject({ type: z.literal('popup.rememberSite'), ...site }),
  z.strictObject({ type: z.literal('sites.list') }),
  /** The audit log, newest first: for a site, or one app on it; `before` pages back. */
  z.strictObject({
    type: z.literal('audit.list'),
    ...site,
    appKey: AppKeySchema.optional(),
    before: z.number().int().min(1).optional(),
  }),
  z.strictObject({ type: z.literal('cache.sites') }),
  z.strictObject({ type: z.literal('cache.clear') }),
  z.strictObject({ type: z.literal('session.status') }),
  /** Sign in at the service the person typed (`serviceUrl`), which then becomes the configured one. */
  z.strictObject({
    type: z.literal('session.signIn'),
    email: z.string().trim().min(1).max(320),
    password: z.string().min(1).max(1024),
    staySignedIn: z.boolean(),
    serviceUrl: z.string().max(2048).optional(),
  }),
  z.strictObject({
    type: z.literal('session.signInWithToken'),
    token: z.string().min(1).max(200),
    staySignedIn: z.boolean(),
    serviceUrl: z.string().max(2048).optional(),
  }),
  /** The personal access token dashboard (extension pages only); every change carries the password. */
  z.strictObject({ type: z.literal('apiMethods.list') }),
  z.strictObject({ type: z.literal('personalTokens.list') }),
  z.strictObject({ type: z.literal('personalTokens.create'), ...NewPersonalTokenSchema.shape }),
  z.strictObject({ type: z.literal('personalTokens.update'), id: z.uuid(), ...PersonalTokenChangesSchema.shape }),
  z.strictObject({
    type: z.literal('personalTokens.regenerate'),
    id: z.uuid(),
    password: z.string().min(1).max(1024),
  }),
  z.strictObject({
    type: z.literal('personalTokens.copy'),
    id: z.uuid(),
    password: z.string().min(1).max(1024),
    description: z.string().min(1).max(200).optional(),
  }),
  z.strictObject({
    type: z.literal('personalTokens.remove'),
    ids: z.array(z.uuid()).min(1).max(100),
    password: z.string().min(1).max(1024),
  }),
  z.strictObject({ type: z.literal('session.signOut') }),
  z.strictObject({ type: z.literal('settings.setServiceUrl'), serviceUrl: z.string().max(2048) }),
  z.strictObject({ type: z.literal('settings.testConnection'), serviceUrl: z.string().max(2048) }),
]);
export type Request = z.infer<typeof RequestSchema>;
export type RequestType = Request['type'];

/**
 * What each request answers with when it succeeds: the type of each handler's answer
 * (`Handlers`), and what a view parses the answer's data with before it sees it — in zod/mini,
 * so that views stay small: page-replies.ts (what a content script may ask) and
 * extension-page-replies.ts (the rest).
 */
export type ResponseData<T extends RequestType> = Checked<(typeof REPLY_SCHEMAS)[T]>;

/** What a check (a zod/mini schema, or a reader with its contract: view-message-readers.ts) lets through. */
type Checked<C> = C extends { safeParse(value: unknown): infer Result }
  ? Extract<Result, { success: true }> extends { data: infer Data }
    ? Data
    : never
  : never;

export type { AppTokens, SessionStatus } from './extension-page-replies';
export type { InstallableApps, SiteAppTokens, TokenlessApps } from './page-replies';
/** Views parse the envelope of these answers, and the background's pushes, with zod/mini. */
export type { Push } from './view-messages';
