import { z } from 'zod/mini';
import {
  ApiMethodsSchema,
  AuditListSchema,
  MaskedTokenSchema,
  PersonalTokenListSchema,
  PersonalTokenSchema,
  PersonalTokenWithValueSchema,
  RemovedTokensSchema,
  SiteAppSchema,
  SiteListSchema,
  SiteViewSchema,
} from '../domain/mini-extension-page-schemas';
import { AppKeySchema, ErrorValueSchema, SiteHostSchema, safeInteger } from '../domain/mini-schemas';
import { PAGE_REPLY_SCHEMAS, type PageRequestType, TokenUrlSchema } from './page-replies';
import type { RequestType } from './protocol';

/**
 * What the background answers the requests only the extension's own pages may make (popup,
 * options, the install window), in zod/mini: those pages parse every answer with these and the
 * page ones (extension-page-ask.ts).
 */

export const SessionStatusSchema = z.object({
  serviceUrl: z.string(),
  signedIn: z.boolean(),
  /** How: with email and password (a session), or a personal access token. */
  via: z.nullable(z.enum(['session', 'personal-token'])),
  email: z.nullable(z.string()),
  role: z.nullable(z.string()),
  expiresAt: z.nullable(z.string()),
  persistent: z.boolean(),
  /** Why the person was signed out without asking, if so. */
  notice: z.nullable(z.string()),
});
export type SessionStatus = z.infer<typeof SessionStatusSchema>;

export const ConnectionCheckSchema = z.object({ ok: z.literal(true), version: z.string() });

/** An app's whole token list, for the extension's own pages. */
export const AppTokensSchema = z.object({
  appKey: z.string(),
  tokens: z.array(MaskedTokenSchema),
  active: safeInteger(),
  limit: safeInteger(),
  fetchedAt: z.string(),
  problem: z.nullable(ErrorValueSchema),
});
export type AppTokens = z.infer<typeof AppTokensSchema>;

/** What a token URL names: the app (when its descriptor is one of the vendor's), the token's last four. */
export const TokenUrlDescriptionSchema = z.object({
  app: z.nullable(z.object({ appKey: AppKeySchema, name: z.string(), installedHere: z.boolean() })),
  last4: z.string(),
});

/** An install from a token URL: the site's new view, and the app it installed. */
export const InstallResultSchema = z.object({ view: SiteViewSchema, installed: SiteAppSchema });

export const PopupContextSchema = z.object({
  activeSite: z.nullable(SiteHostSchema),
  lastSite: z.nullable(SiteHostSchema),
});

export const CachedSitesSchema = z.object({
  sites: z.array(z.object({ host: z.string(), bytes: z.number(), fetchedAt: z.string() })),
});

/** The answer of each request only an extension page may make. */
const EXTENSION_PAGE_ONLY = {
  'site.installFromUrl': InstallResultSchema,
  'site.describeTokenUrl': TokenUrlDescriptionSchema,
  'site.applyTokenValue': SiteViewSchema,
  'app.tokens': AppTokensSchema,
  /** The last list fetched, at once (null when none is cached): the popup paints it while `app.tokens` asks the service. */
  'app.cachedTokens': z.nullable(AppTokensSchema),
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
} satisfies Record<Exclude<RequestType, PageRequestType>, z.ZodMiniType>;

/** The answer of every request: an extension page may make them all. */
export const REPLY_SCHEMAS = { ...PAGE_REPLY_SCHEMAS, ...EXTENSION_PAGE_ONLY };
