import { z } from 'zod';

export { fail, failWith, ok, type Reply } from './reply-values';

/** An error as every part passes it on: a stable code (what tests assert) and a sentence a person can act on. */
export const ErrorValueSchema = z.object({
  code: z.string(),
  message: z.string(),
});
export type ErrorValue = z.infer<typeof ErrorValueSchema>;
