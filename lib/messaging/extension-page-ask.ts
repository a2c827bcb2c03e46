import type { Reply } from '../domain/reply-values';
import { AppTokensReader } from './app-tokens-reader';
import { type AnswerCheck, askAndParse } from './ask-background';
import { REPLY_SCHEMAS } from './extension-page-replies';
import type { Request, RequestType, ResponseData } from './protocol';

export { onBackgroundPush } from './ask-background';

/**
 * The answers read by a hand-written reader held to their schema's answers
 * (test/unit/app-tokens-reader.test.ts): an app's whole token list, which the popup reads on
 * every open in a page just loaded, where the schema's first parse is slowest.
 */
export const READERS: Partial<Record<RequestType, AnswerCheck>> = {
  'app.tokens': AppTokensReader,
  'app.cachedTokens': AppTokensReader.orNull,
  'app.createToken': AppTokensReader,
  'app.removeToken': AppTokensReader,
};

/**
 * An extension page's request to the background (popup, options, the install window), its
 * answer checked against the protocol: any request, with every answer's schema.
 */
export function askBackground<R extends Request>(request: R): Promise<Reply<ResponseData<R['type']>>> {
  // TypeScript cannot follow a union through an index: REPLY_SCHEMAS ties each type to its answer.
  return askAndParse(request, READERS[request.type] ?? REPLY_SCHEMAS[request.type]) as Promise<
    Reply<ResponseData<R['type']>>
  >;
}
