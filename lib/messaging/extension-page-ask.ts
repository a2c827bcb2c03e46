import type { Reply } from '../domain/reply-values';
import { askAndParse } from './ask-background';
import { REPLY_SCHEMAS } from './extension-page-replies';
import type { Request, ResponseData } from './protocol';

export { onBackgroundPush } from './ask-background';

/**
 * An extension page's request to the background (popup, options, the install window), its
 * answer checked against the protocol: any request, with every answer's schema.
 */
export function askBackground<R extends Request>(request: R): Promise<Reply<ResponseData<R['type']>>> {
  // TypeScript cannot follow a union through an index: REPLY_SCHEMAS ties each type to its answer.
  return askAndParse(request, REPLY_SCHEMAS[request.type]) as Promise<Reply<ResponseData<R['type']>>>;
}
