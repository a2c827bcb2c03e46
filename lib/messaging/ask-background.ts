import { browser } from 'wxt/browser';
import type { Reply } from '../domain/reply-values';
import { PAGE_REPLY_SCHEMAS, type PageRequestType } from './page-replies';
import type { Request, ResponseData } from './protocol';
import { PushReader, ReplyEnvelopeReader } from './view-message-readers';
import type { Push } from './view-messages';

const UNREACHABLE = {
  code: 'extension_unavailable',
  message: 'Token Lens could not reach its background worker. Reload the page; if it persists, reload the extension.',
};

/** What checks an answer's data: a zod/mini schema, or a reader with the same contract (lib/messaging/view-message-readers.ts). */
export interface AnswerCheck {
  safeParse(value: unknown): { success: true; data: unknown } | { success: false };
}

/**
 * Sends one request to the background and checks the answer against the protocol before a view
 * sees it: the envelope, then the data against `schema` (an error keeps only its code and
 * sentence). An answer that does not parse reads as the background being unreachable.
 */
export async function askAndParse(request: Request, schema: AnswerCheck): Promise<Reply<unknown>> {
  let raw: unknown;
  try {
    raw = await browser.runtime.sendMessage(request);
  } catch {
    return { ok: false, error: UNREACHABLE };
  }
  return checkAnswer(raw, schema);
}

/**
 * Checks an answer of the background against the protocol, as askAndParse does: for an answer
 * asked for elsewhere (the overlay's early question, sent while the page was still loading).
 */
export function checkAnswer(raw: unknown, schema: AnswerCheck): Reply<unknown> {
  const envelope = ReplyEnvelopeReader.safeParse(raw);
  if (!envelope.success) return { ok: false, error: UNREACHABLE };
  if (!envelope.data.ok) return envelope.data;
  const data = schema.safeParse(envelope.data.data);
  if (!data.success) return { ok: false, error: UNREACHABLE };
  return { ok: true, data: data.data };
}

/** A request a Manage apps page's content script may make (the background refuses any other from a page). */
export type PageRequest = Extract<Request, { type: PageRequestType }>;

/**
 * A content script's request to the background, its answer checked against the protocol. Only
 * the page requests' schemas come with it: the extension's own pages ask through
 * extension-page-ask.ts.
 */
export function askBackground<R extends PageRequest>(request: R): Promise<Reply<ResponseData<R['type']>>> {
  // TypeScript cannot follow a union through an index: PAGE_REPLY_SCHEMAS ties each type to its answer.
  return askAndParse(request, PAGE_REPLY_SCHEMAS[request.type]) as Promise<Reply<ResponseData<R['type']>>>;
}

/** Listens for the background's pushes until `signal` aborts; anything that is not a known push is ignored. */
export function onBackgroundPush(listener: (push: Push) => void, signal: AbortSignal): void {
  const handle = (message: unknown) => {
    const push = PushReader.safeParse(message);
    if (push.success) listener(push.data);
    // Returning nothing: pushes need no answer, and other listeners stay free to answer their own messages.
  };
  browser.runtime.onMessage.addListener(handle);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(handle), { once: true });
}
