import { z } from 'zod';
import { MaskedTokenSchema } from '../domain/access-token';
import { AuditListSchema } from '../domain/audit';
import { AppKeySchema, SiteHostSchema } from '../domain/identifiers';
import { LicenseStateSchema } from '../domain/license-state';
import {
  ApiMethodsSchema,
  NewPersonalTokenSchema,
  PersonalTokenChangesSchema,
  PersonalTokenListSchema,
  PersonalTokenSchema,
  PersonalTokenWithValueSchema,
  RemovedTokensSchema,
} from '../domain/personal-token';
import { ErrorValueSchema } from '../domain/reply';
import { SiteListSchema } from '../domain/site';
import { SiteAppSchema, SiteViewSchema } from '../domain/site-view';
import { TokenPlacementSchema } from '../domain/token-placement';

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

export const SessionStatusSchema = z.object({
  serviceUrl: z.string(),
  signedIn: z.boolean(),
  /** How: with email and password (a session), or a personal access token. */
  via: z.enum(['session', 'personal-token']).nullable(),
  email: z.string().nullable(),
  role: z.string().nullable(),
  expiresAt: z.string().nullable(),
  persistent: z.boolean(),
  /** Why the person was signed out without asking, if so. */
  notice: z.string().nullable(),
});
export type SessionStatus = z.infer<typeof SessionStatusSchema>;

export const ConnectionCheckSchema = z.object({ ok: z.literal(true), version: z.string() });

export const SiteSettingsSchema = z.object({ host: z.string(), privateListingsEnabled: z.boolean() });

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
  active: z.number().int(),
  limit: z.number().int(),
  fetchedAt: z.string(),
  problem: ErrorValueSchema.nullable(),
});
export type SiteAppTokens = z.infer<typeof SiteAppTokensSchema>;

/** An app's whole token list, for the extension's own pages. */
export const AppTokensSchema = z.object({
  appKey: z.string(),
  tokens: z.array(MaskedTokenSchema),
  active: z.number().int(),
  limit: z.number().int(),
  fetchedAt: z.string(),
  problem: ErrorValueSchema.nullable(),
});
export type AppTokens = z.infer<typeof AppTokensSchema>;

/** The installed apps that can never have an access token, each with the reason in words. */
export const TokenlessAppsSchema = z.object({ apps: z.array(z.object({ appKey: AppKeySchema, reason: z.string() })) });
export type TokenlessApps = z.infer<typeof TokenlessAppsSchema>;

export const InstallableAppsSchema = z.object({ apps: z.array(z.object({ appKey: AppKeySchema, name: z.string() })) });
export type InstallableApps = z.infer<typeof InstallableAppsSchema>;

export const TokenUrlSchema = z.object({ url: z.string() });

export const OpenedSchema = z.object({ opened: z.literal(true) });

/** What a token URL names: the app (when its descriptor is one of the vendor's), the token's last four. */
export const TokenUrlDescriptionSchema = z.object({
  app: z.object({ appKey: AppKeySchema, name: z.string(), installedHere: z.boolean() }).nullable(),
  last4: z.string(),
});

/** An install from a token URL: the site's new view, and the app it installed. */
export const InstallResultSchema = z.object({ view: SiteViewSchema, installed: SiteAppSchema });

export const PopupContextSchema = z.object({
  activeSite: SiteHostSchema.nullable(),
  lastSite: SiteHostSchema.nullable(),
});

export const CachedSitesSchema = z.object({
  sites: z.array(z.object({ host: z.string(), bytes: z.number(), fetchedAt: z.string() })),
});

/** What each request answers with when it succeeds. */
export const ResponseDataSchemas = {
  'site.view': SiteViewSchema,
  'site.revalidate': SiteViewSchema,
  'site.settings': SiteSettingsSchema,
  'site.enablePrivateListings': SiteSettingsSchema,
  'site.setLicense': SiteViewSchema,
  'site.applyToken': SiteViewSchema,
  'site.createAndApplyToken': SiteViewSchema,
  'site.clearToken': SiteViewSchema,
  'site.installFromUrl': InstallResultSchema,
  'site.describeTokenUrl': TokenUrlDescriptionSchema,
  'site.installWithToken': SiteViewSchema,
  'site.openInstallPage': OpenedSchema,
  'site.openApplyPage': OpenedSchema,
  'site.applyTokenValue': SiteViewSchema,
  'site.appTokens': SiteAppTokensSchema,
  'site.installable': InstallableAppsSchema,
  'site.tokenUrl': TokenUrlSchema,
  'site.tokenless': TokenlessAppsSchema,
  'app.tokens': AppTokensSchema,
  /** The last list fetched, at once (null when none is cached): the popup paints it while `app.tokens` asks the service. */
  'app.cachedTokens': AppTokensSchema.nullable(),
  'app.tokenUrl': TokenUrlSchema,
  'app.createToken': AppTokensSchema,
  'app.removeToken': AppTokensSchema,
  'popup.context': PopupContextSchema,
  'popup.rememberSite': z.object({ remembered: z.literal(true) }),
  'sites.list': SiteListSchema,
  'audit.list': AuditListSchema,
  'cache.sites': CachedSitesSchema,
  'cache.clear': CachedSitesSchema,
  'session.status': SessionStatusSchema,
  'session.signIn': SessionStatusSchema,
  'session.signInWithToken': SessionStatusSchema,
  'session.signOut': SessionStatusSchema,
  'apiMethods.list': ApiMethodsSchema,
  'personalTokens.list': PersonalTokenListSchema,
  'personalTokens.create': PersonalTokenWithValueSchema,
  'personalTokens.update': PersonalTokenSchema,
  'personalTokens.regenerate': PersonalTokenWithValueSchema,
  'personalTokens.copy': PersonalTokenWithValueSchema,
  'personalTokens.remove': RemovedTokensSchema,
  'settings.setServiceUrl': SessionStatusSchema,
  'settings.testConnection': ConnectionCheckSchema,
} satisfies Record<RequestType, z.ZodType>;

export type ResponseData<T extends RequestType> = z.infer<(typeof ResponseDataSchemas)[T]>;

export const ReplyEnvelopeSchema = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: ErrorValueSchema }),
]);

/** Pushed by the background to content scripts and open extension pages when a site's view changes. */
export const PushSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('site.changed'), view: SiteViewSchema }),
  z.strictObject({ type: z.literal('session.changed') }),
]);
export type Push = z.infer<typeof PushSchema>;
