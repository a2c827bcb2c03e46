import { createServer, type IncomingMessage, type ServerOptions, type ServerResponse } from 'node:http';
import { getRequestListener, RequestError } from '@hono/node-server';
import type { Logger } from './deps';
import { ServiceError, toProblem } from './problem';
import { isSiteApiPath } from './site-api/site-api-http';

/**
 * Requests the Node adapter cannot make a URL of — a backslash in the path, a Host header that is
 * no host name — never reach the app: @hono/node-server answers them 400 with no body and no type.
 * Here they get the contract's refusal instead, in the form their path speaks (the product's
 * `{subCode, message}` under a site's `/rest/`, problem+json elsewhere): 421 `misdirected_request`
 * for a Host that is no address, 400 `bad_request` for a target that cannot be read.
 *
 * For `serve({ createServer })`: the same server and the adapter's own request listener, given an
 * error handler. That handler is told only the error, so the listener notes each request's target
 * and Host just before the adapter reads them, in the same synchronous turn.
 */
export function answeringUnreadableRequests(
  fetch: Parameters<typeof getRequestListener>[0],
  options: { hostname?: string; logger: Logger },
): typeof createServer {
  let noted = { target: '', host: '' };
  const adapter = getRequestListener(fetch, {
    ...(options.hostname ? { hostname: options.hostname } : {}),
    errorHandler: (error) => {
      const { target, host } = noted;
      if (!(error instanceof RequestError)) {
        // The app answers its own faults (app.ts): this is the adapter's, maybe after other requests
        // came in, so the noted target may not be this request's.
        options.logger.error('unexpected fault in the HTTP adapter', error);
        return refusal(
          new ServiceError(500, 'internal', 'Something went wrong on the service; it has been logged.'),
          target,
        );
      }
      if (!isHostName(host)) {
        const detail = `This service does not answer for the host "${host.slice(0, 260)}". Use its own address, or start it with --public-origin.`;
        return refusal(new ServiceError(421, 'misdirected_request', detail), target);
      }
      const detail = 'The request target cannot be read (a backslash in the path?).';
      return refusal(new ServiceError(400, 'bad_request', detail), target);
    },
  });
  const listener = (incoming: IncomingMessage, outgoing: ServerResponse) => {
    noted = { target: incoming.url ?? '', host: incoming.headers.host ?? '' };
    void adapter(incoming, outgoing);
  };
  return ((serverOptions: ServerOptions = {}) => createServer(serverOptions, listener)) as typeof createServer;
}

/** The path the app would have read: dot segments resolved, a backslash kept as a character. */
function pathOf(target: string): string {
  try {
    return new URL(`http://unreadable.invalid${target.replaceAll('\\', '%5C')}`).pathname;
  } catch {
    return target.split('?')[0] ?? '';
  }
}

function refusal(error: ServiceError, target: string): Response {
  const path = pathOf(target);
  const siteApi = isSiteApiPath(path);
  const headers: Record<string, string> = {
    'Content-Type': siteApi ? 'application/json' : 'application/problem+json',
  };
  if (siteApi || path.startsWith('/api/v1/')) headers['Cache-Control'] = 'no-store';
  const body = siteApi ? { subCode: error.code, message: error.detail } : toProblem(error);
  return new Response(JSON.stringify(body), { status: error.status, headers });
}

/** Whether a Host header names a host (and port) and nothing more. */
function isHostName(host: string): boolean {
  if (host === '') return true;
  try {
    const url = new URL(`http://${host}`);
    return url.host === host.toLowerCase() || url.hostname === host.replace(/:\d+$/, '').toLowerCase();
  } catch {
    return false;
  }
}
