import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { NO_CONTROL_CHARACTERS } from '../../domain/plain-text';
import { authenticate } from '../auth/authorize';
import type { Principal, ServiceDeps } from '../deps';
import { ServiceError } from '../problem';

export const SESSION_COOKIE = 'tl_session';

/** The signed-in person of a reference page, from the same-site session cookie; undefined when none is valid. */
export function pagePrincipal(c: Context, deps: ServiceDeps): Principal | undefined {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) return undefined;
  try {
    return authenticate(deps, token);
  } catch (error) {
    if (error instanceof ServiceError) return undefined;
    throw error;
  }
}

export function setSessionCookie(c: Context, token: string, expiresAt: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

/** Only a local path may be a redirect target after sign-in: never another origin. */
export function safeNextPath(next: string | undefined): string {
  // Browsers drop tabs and line breaks when they resolve a URL, so `/\t/evil.example` would leave
  // the origin: refuse any control character or backslash, then resolve and keep only the path.
  if (!next?.startsWith('/') || next.includes('\\') || !NO_CONTROL_CHARACTERS.test(next)) return '/';
  const base = 'http://reference.invalid';
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return '/';
  }
  if (url.origin !== base) return '/';
  // Check what the browser will follow, not what was sent: `/..//evil.test` resolves to the
  // path `//evil.test`, which a browser reads as another host.
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith('//') || path.startsWith('/\\') ? '/' : path;
}
