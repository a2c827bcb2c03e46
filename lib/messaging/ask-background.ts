import { browser } from 'wxt/browser';
import type { Reply } from '../domain/reply';
import {
  type Push,
  PushSchema,
  ReplyEnvelopeSchema,
  type Request,
  type ResponseData,
  ResponseDataSchemas,
} from './protocol';

const UNREACHABLE = {
  code: 'extension_unavailable',
  message: 'Token Lens could not reach its background worker. Reload the page; if it persists, reload the extension.',
};

/** Sends one request to the background and checks the answer against the protocol before a view sees it. */
export async function askBackground<R extends Request>(request: R): Promise<Reply<ResponseData<R['type']>>> {
  let raw: unknown;
  try {
    raw = await browser.runtime.sendMessage(request);
  } catch {
    return { ok: false, error: UNREACHABLE };
  }
  const envelope = ReplyEnvelopeSchema.safeParse(raw);
  if (!envelope.success) return { ok: false, error: UNREACHABLE };
  if (!envelope.data.ok) return envelope.data;
  const data = ResponseDataSchemas[request.type].safeParse(envelope.data.data);
  if (!data.success) return { ok: false, error: UNREACHABLE };
  return { ok: true, data: data.data as ResponseData<R['type']> };
}

/** Listens for the background's pushes until `signal` aborts; anything that is not a known push is ignored. */
export function onBackgroundPush(listener: (push: Push) => void, signal: AbortSignal): void {
  const handle = (message: unknown) => {
    const push = PushSchema.safeParse(message);
    if (push.success) listener(push.data);
    // Returning nothing: pushes need no answer, and other listeners stay free to answer their own messages.
  };
  browser.runtime.onMessage.addListener(handle);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(handle), { once: true });
}
