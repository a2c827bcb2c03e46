import { z } from 'zod';

/** An error as every part passes it on: a stable code (what tests assert) and a sentence a person can act on. */
export const ErrorValueSchema = z.object({
  code: z.string(),
  message: z.string(),
});
export type ErrorValue = z.infer<typeof ErrorValueSchema>;

/**
 * The one shape of an answer that can fail, from the service client through the background to
 * every view: the data, or an error value. Errors are plain objects so they survive messaging.
 */
export type Reply<T> = { ok: true; data: T } | { ok: false; error: ErrorValue };

export const ok = <T>(data: T): Reply<T> => ({ ok: true, data });

/** A failed reply, keeping only the code and the sentence (whatever else the error carried). */
export const fail = (error: ErrorValue): { ok: false; error: ErrorValue } => ({
  ok: false,
  error: { code: error.code, message: error.message },
});

export const failWith = (code: string, message: string): { ok: false; error: ErrorValue } => ({
  ok: false,
  error: { code, message },
});
