import { z } from 'zod/mini';
import { ErrorValueSchema } from '../domain/mini-schemas';

export type { Push } from './push-schema';

// What a view parses of what the background sends it, in zod/mini (a content script must stay
// small; `lib/domain/mini-schemas.ts` says how the schemas stay as strict as the shared ones).

/** The envelope of every answer to a view's request: its data, or an error value. */
export const ReplyEnvelopeSchema = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: ErrorValueSchema }),
]);
