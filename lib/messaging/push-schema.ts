import { z } from 'zod/mini';
import { SiteViewSchema } from '../domain/mini-extension-page-schemas';

/**
 * Pushed by the background to content scripts and open extension pages when a site's view
 * changes. A view's listener hears every message any part of the extension sends there (an
 * extension page, the requests of the other pages too): only what parses here is a push. (A
 * union of strict objects, each with its own literal type, refuses and accepts what a
 * discriminated union would, without its bytes.) Views read pushes with PushReader
 * (view-message-readers.ts), held to the same answers as this.
 */
export const PushSchema = z.union([
  z.strictObject({ type: z.literal('site.changed'), view: SiteViewSchema }),
  z.strictObject({ type: z.literal('session.changed') }),
]);
export type Push = z.infer<typeof PushSchema>;
