import type { Context } from 'hono';

/** What a request presents to authenticate: a token, and with HTTP Basic the email it was given with. */
export interface Credential {
  token: string;
  /** Set for HTTP Basic: the user name, which must be the token owner's email. */
  basicEmail?: string;
}

function basic(header: string): Credential | undefined {
  const match = header.match(/^Basic\s+([A-Za-z0-9+/=]+)\s*$/i);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { basicEmail: decoded.slice(0, colon), token: decoded.slice(colon + 1) };
}

/**
 * The caller's credential: `Authorization: Bearer <token>`, HTTP Basic with the email and a token
 * as the password (seed 004: the token goes where a password would), or the `session` query
 * parameter (seed 002). Undefined when none is presented.
 */
export function presentedCredential(c: Context): Credential | undefined {
  const authorization = c.req.header('Authorization');
  if (authorization) {
    const bearer = authorization.match(/^Bearer\s+(\S+)\s*$/i);
    if (bearer?.[1]) return { token: bearer[1] };
    return basic(authorization) ?? { token: '' };
  }
  const session = c.req.query('session');
  return session ? { token: session } : undefined;
}
