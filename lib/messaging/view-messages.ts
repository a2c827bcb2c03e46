import { z } from 'zod/mini';
import { ErrorValueSchema, SiteViewSchema } from '../domain/mini-schemas';

// What a view parses of what the background sends it, in zod/mini (a content script must stay
// small; `lib/domain/mini-schemas.ts` says how the schemas stay as strict as the shared ones).

/**
 * Pushed by the background to content scripts and open extension pages when a site's view
 * changes. A view's listener hears every message any part of the extension sends there (an
 * extension page, the requests of the other pages too): only what parses here is a push. (A
 * union of strict objects, each with its own literal type, refuses and accepts what a
 * discriminated union would, without its bytes.)
 */
export const PushSchema = z.union([
  z.strictObject({ type: z.literal('site.changed'), view: SiteViewSchema }),
  z.strictObject({ type: z.literal('session.changed') }),
]);
export type Push = z.infer<typeof PushSchema>;

/** The envelope of every answer to a view's request: its data, or an error value. */
export const ReplyEnvelopeSchema = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: ErrorValueSchema }),
]);
