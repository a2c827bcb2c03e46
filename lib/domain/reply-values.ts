import type { ErrorValue } from './reply';

// The reply type and its constructors as plain code: views import them from here, without the
// zod schema in `reply.ts` (which re-exports them for everyone else).
export type { ErrorValue } from './reply';

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
