import type { Context } from 'hono';
import { ServiceError } from './problem';

/**
 * Which `Host` a request may name. A DNS-rebinding page reaches a loopback service under a name
 * of its own (`evil.test:4747`): answering only our own names keeps such a page out, and keeps
 * the pages' CSRF origin check (which compares with the request's own origin) meaningful.
 */
export interface HostPolicy {
  allows(host: string): boolean;
  /** Origins a posted form may come from besides the request's own (the public origin behind a proxy). */
  extraOrigins: readonly string[];
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const WILDCARD_BINDS = new Set(['0.0.0.0', '::', '[::]']);

const isLoopbackBind = (bind: string) => bind === 'localhost' || bind === '::1' || /^127\.\d+\.\d+\.\d+$/.test(bind);

/** `host:port` as a URL writes it: lower case, IPv6 in brackets, the default port dropped. */
function normalised(name: string, port: number): string | undefined {
  const bracketed = name.includes(':') && !name.startsWith('[') ? `[${name}]` : name;
  try {
    return new URL(`http://${bracketed}:${port}`).host;
  } catch {
    return undefined;
  }
}

/**
 * The names the service answers to, once it knows its port: the loopback names on a loopback (or
 * wildcard) bind, the bind address itself otherwise, and the `--public-origin` host if given.
 */
export function hostPolicyFor(options: { bind: string; port: number; publicOrigin?: string }): HostPolicy {
  const names = new Set<string>();
  const add = (name: string, port: number) => {
    const host = normalised(name, port);
    if (host) names.add(host);
  };
  if (isLoopbackBind(options.bind) || WILDCARD_BINDS.has(options.bind)) {
    for (const name of LOOPBACK_NAMES) add(name, options.port);
  }
  if (!WILDCARD_BINDS.has(options.bind)) add(options.bind, options.port);
  const extraOrigins: string[] = [];
  if (options.publicOrigin) {
    const url = new URL(options.publicOrigin);
    names.add(url.host);
    extraOrigins.push(url.origin);
  }
  return { allows: (host) => names.has(host), extraOrigins };
}

/** For `app.request()` in tests, whose requests name `localhost` with no port. */
export const IN_PROCESS_HOSTS: HostPolicy = { allows: (host) => host === 'localhost', extraOrigins: [] };

function hostOf(header: string): string {
  try {
    return new URL(`http://${header}`).host;
  } catch {
    return '';
  }
}

/** The host of the request's URL, as written when no URL parser reads it: the adapter lets `Host: 09` through. */
function urlHostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return /^[a-z]+:\/\/([^/?#]*)/i.exec(url)?.[1] ?? '';
  }
}

/**
 * The refusal of a request for a host that is not ours, 421 `misdirected_request`, or undefined
 * for one of ours. Checked before anything else runs (app.ts).
 */
export function misdirected(c: Context, allowed: HostPolicy): ServiceError | undefined {
  const header = c.req.header('Host');
  // The common case without parsing a URL: the header is one of our names exactly as a URL
  // writes it, and the request's URL is that host's (a name followed by "/" parses as itself).
  if (header !== undefined && allowed.allows(header) && c.req.url.startsWith(`http://${header}/`)) return undefined;
  // The request line may carry an absolute URL of its own: both it and the Host header must be ours.
  const refused = [urlHostOf(c.req.url), ...(header === undefined ? [] : [hostOf(header)])].find(
    (host) => !allowed.allows(host),
  );
  if (refused === undefined) return undefined;
  return new ServiceError(
    421,
    'misdirected_request',
    `This service does not answer for the host "${refused.slice(0, 260)}". Use its own address, or start it with --public-origin.`,
  );
}
