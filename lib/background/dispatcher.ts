import { fail, failWith, type Reply } from '../domain/reply';
import { type Request, RequestSchema, type RequestType, type ResponseData } from '../messaging/protocol';
import { recognizeManageAppsUrl } from '../page/manage-apps-url';
import { tabMayHearAbout } from './page-scope';
import { DEFAULT_SETTINGS } from './settings';

/** What the background knows of a message's sender (a subset of runtime.MessageSender). */
export interface Sender {
  id?: string;
  url?: string;
  tab?: { id?: number; url?: string };
}

/** One handler per request type, answering exactly that request's data: a wrong shape does not compile. */
export type Handlers = {
  [T in RequestType]: (request: Extract<Request, { type: T }>) => Promise<Reply<ResponseData<T>>>;
};

/** What a content script may ask (all about its own tab's site); everything else is for the extension's own pages. */
const CONTENT_SCRIPT_REQUESTS: ReadonlySet<RequestType> = new Set([
  'site.view',
  'site.cachedView',
  'site.revalidate',
  'site.settings',
  'site.enablePrivateListings',
  'site.setLicense',
  'site.applyToken',
  'site.createAndApplyToken',
  'site.clearToken',
  'site.installWithToken',
  'site.openInstallPage',
  'site.openApplyPage',
  'site.appTokens',
  'site.installable',
  'site.tokenless',
  'site.tokenUrl',
] satisfies RequestType[]);

const refuse = failWith;

/**
 * The one door into the background: the sender must be this extension, the message must parse
 * against the protocol, and a content script is answered only about its own tab's site.
 */
export function createDispatcher(
  handlers: Handlers,
  extension: { id: string; origin: string },
  /** The configured service's origin: only its reference pages are Manage apps pages to us. */
  serviceOrigin: () => Promise<string> = async () => DEFAULT_SETTINGS.serviceUrl,
) {
  return async (message: unknown, sender: Sender): Promise<Reply<unknown>> => {
    if (sender.id !== extension.id) return refuse('forbidden_sender', 'Messages from other extensions are refused.');
    const parsed = RequestSchema.safeParse(message);
    if (!parsed.success) return refuse('unknown_request', 'This request is not one Token Lens understands.');
    const request = parsed.data;
    const fromExtensionPage = sender.url?.startsWith(extension.origin) ?? false;
    if (!fromExtensionPage) {
      if (!CONTENT_SCRIPT_REQUESTS.has(request.type)) {
        return refuse('forbidden_request', 'A page script may not make this request.');
      }
      const site = sender.tab?.url ? recognizeManageAppsUrl(sender.tab.url) : undefined;
      if (!site || !('host' in request) || request.host !== site.host) {
        return refuse('foreign_site', 'A page may only ask about the site it shows.');
      }
      if (!tabMayHearAbout(sender.tab?.url, request.host, await serviceOrigin())) {
        return refuse('foreign_site', 'This page is not served by the Token Lens service you signed in to.');
      }
    }
    // TypeScript cannot follow a union through an index: `Handlers` itself ties each type to its answer.
    const handler = handlers[request.type] as (request: Request) => Promise<Reply<unknown>>;
    try {
      const reply = await handler(request);
      // Only the code and the sentence cross to a view, whatever else an error carried.
      return reply.ok ? reply : fail(reply.error);
    } catch (error) {
      console.error('Token Lens: a request failed', request.type, error);
      return refuse(
        'internal',
        'Something went wrong inside Token Lens. Try again; if it persists, reload the extension.',
      );
    }
  };
}
