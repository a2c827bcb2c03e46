import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../deps';

export const OPENAPI_PATH = '/api/v1/openapi.json';

const DESCRIPTION = `Emulates what Atlassian Marketplace and a cloud site's *Manage apps* do with access tokens, for testing without an Atlassian account.

**Signing in.** Every operation but signing in and listing the API methods needs a token: a session token from \`POST /api/v1/sessions\` (\`tls_…\`, 12 hours) or a personal access token (\`tlp_…\`). Send it as \`Authorization: Bearer <token>\`, as the password of HTTP Basic with your email as the user name, or as the \`session\` query parameter. A token can call only the API methods its scopes and its owner's role allow: the method id in brackets at the end of an operation's summary is the one it needs (\`GET /api/v1/api-methods\` lists them).

**Errors** are \`application/problem+json\` \`{type, title, status, detail, code}\`; \`code\` is stable. Every answer carries \`Cache-Control: no-store\` and \`RateLimit-Limit\`, \`RateLimit-Remaining\` and \`RateLimit-Reset\`; over the budget, \`429 rate_limited\` with \`Retry-After\`.

Outside \`/api/v1\`: \`GET /healthz\` (liveness), \`GET /docs\` (this reference), \`GET /\` (the emulated sites, after signing in) and \`GET /sites/{host}/plugins/servlet/upm\` (a site's reference Manage apps page).`;

/** Groups of operations, in the order the reference shows them; every route's tag is one of these. */
export const OPENAPI_TAGS = [
  { name: 'Sessions', description: 'Sign in with email and password, sign out, and who the calling token belongs to.' },
  { name: 'Apps', description: 'The vendor’s Marketplace listings and their versions.' },
  {
    name: 'Access tokens',
    description:
      'An app’s access tokens at the Marketplace: at most 50 active (rule 1), for private listings only (rule 2).',
  },
  { name: 'Sites', description: 'The emulated cloud sites and their settings (private listings).' },
  {
    name: 'Site apps',
    description: 'Apps installed on a site, with the token applied to each and its license state (rules 3–11).',
  },
  {
    name: 'Personal access tokens',
    description:
      'Tokens for scripts and CI, and the API methods they can be scoped to. Every change needs the password.',
  },
  { name: 'Users', description: 'The vendor’s users and their roles (owner only).' },
  { name: 'Audit', description: 'Who changed what, newest first.' },
];

/**
 * The three ways a token is accepted (auth/credentials.ts). Any one of them will do, so each
 * security requirement names one scheme; operations that need no token say `security: []`.
 */
const SECURITY_SCHEMES = {
  bearerToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'A session token (`tls_…`, from `POST /api/v1/sessions`) or a personal access token (`tlp_…`).',
  },
  basicToken: {
    type: 'http',
    scheme: 'basic',
    description:
      'Your email as the user name and a session or personal access token as the password; a password itself is refused.',
  },
  sessionQuery: {
    type: 'apiKey',
    in: 'query',
    name: 'session',
    description: 'The token as the `session` query parameter, for older clients; it is never logged.',
  },
} as const;

/** `GET /api/v1/openapi.json`: the OpenAPI 3.1 document of every route registered on `app`. */
export function registerOpenApiDocument(app: OpenAPIHono<AppEnv>): void {
  for (const [name, scheme] of Object.entries(SECURITY_SCHEMES)) {
    app.openAPIRegistry.registerComponent('securitySchemes', name, scheme);
  }
  app.doc31(OPENAPI_PATH, {
    openapi: '3.1.0',
    info: {
      title: 'Token Lens reference token service',
      version: '1.0.0',
      description: DESCRIPTION,
      // A private project: no licence is granted to the service or this document.
      license: { name: 'UNLICENSED: private, all rights reserved' },
    },
    // Relative: the service that serves this document, whatever name and port it is reached by.
    servers: [{ url: '/', description: 'This service' }],
    security: Object.keys(SECURITY_SCHEMES).map((name) => ({ [name]: [] })),
    tags: OPENAPI_TAGS,
  });
}
