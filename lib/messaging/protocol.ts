import { z } from 'zod';
import { SiteHostSchema } from '../domain/identifiers';
import { ErrorValueSchema, SiteViewSchema } from '../domain/site-view';

/**
 * Every request a view may send to the background. Anything that does not parse against this
 * union — an unknown type, a missing or extra field — is refused before any handler runs.
 */
export const RequestSchema = z.discriminatedUnion('type', [
  /** The site's apps, from the cache at once; a content script may only name its own tab's site. */
  z.strictObject({ type: z.literal('site.view'), host: SiteHostSchema }),
  /** Ask the background to revalidate the site now (a visible Manage apps tab does this every 2 s). */
  z.strictObject({ type: z.literal('site.revalidate'), host: SiteHostSchema }),
  z.strictObject({ type: z.literal('session.status') }),
  z.strictObject({
    type: z.literal('session.signIn'),
    email: z.string().trim().min(1).max(320),
    password: z.string().min(1).max(1024),
    staySignedIn: z.boolean(),
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
  email: z.string().nullable(),
  role: z.string().nullable(),
  expiresAt: z.string().nullable(),
  persistent: z.boolean(),
});
export type SessionStatus = z.infer<typeof SessionStatusSchema>;

export const ConnectionCheckSchema = z.object({ ok: z.literal(true), version: z.string() });

/** What each request answers with when it succeeds. */
export const ResponseDataSchemas = {
  'site.view': SiteViewSchema,
  'site.revalidate': SiteViewSchema,
  'session.status': SessionStatusSchema,
  'session.signIn': SessionStatusSchema,
  'session.signOut': SessionStatusSchema,
  'settings.setServiceUrl': SessionStatusSchema,
  'settings.testConnection': ConnectionCheckSchema,
} satisfies Record<RequestType, z.ZodType>;

export type ResponseData<T extends RequestType> = z.infer<(typeof ResponseDataSchemas)[T]>;

export type Reply<T> = { ok: true; data: T } | { ok: false; error: z.infer<typeof ErrorValueSchema> };

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
