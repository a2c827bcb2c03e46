import { z } from 'zod/mini';
import { SiteHostSchema, safeInteger } from '../domain/mini-schemas';

/**
 * The one request the background sends to a Manage apps page's content script: call the site's
 * own REST API from the page's origin, where the person's own session on that site is (and the
 * site's XSRF check sees its own origin). The background decides what to call; the content
 * script only ever reaches the two APIs below on its own site. (zod/mini: the content script
 * parses every call with it.)
 */
export const SITE_API_PATH =
  /^rest\/(?:plugins\/1\.0\/(?:[A-Za-z0-9_~%-][A-Za-z0-9._~%-]*(?:\/[A-Za-z0-9_~%-][A-Za-z0-9._~%-]*)*)?(?:\?token=[A-Za-z0-9._~%-]+)?|atlassian-connect\/1\/addons\/[A-Za-z0-9_~%-][A-Za-z0-9._~%-]*)$/;

export const SiteApiCallSchema = z.strictObject({
  type: z.literal('siteApi.call'),
  host: SiteHostSchema,
  method: z.enum(['GET', 'HEAD', 'POST', 'DELETE']),
  /** Relative to the site's REST base (`https://{host}/`), e.g. `rest/plugins/1.0/license-tokens`. */
  path: z.string().check(
    z.maxLength(500),
    z.regex(SITE_API_PATH),
    // An escaped dot is a dot to the URL parser: `%2e%2e` would climb out like `..`.
    z.refine((path) => !/%2e/i.test(path), 'no escaped dots'),
  ),
  body: z.optional(z.string().check(z.maxLength(100_000))),
  contentType: z.optional(
    z.enum(['application/vnd.atl.plugins+json', 'application/vnd.atl.plugins.remote.install+json']),
  ),
});
export type SiteApiCall = z.infer<typeof SiteApiCallSchema>;

export const SiteApiAnswerSchema = z.object({
  status: safeInteger(),
  body: z.string(),
  /** The `upm-token` header UPM gives with its plugin list, which an install must send back. */
  upmToken: z.nullable(z.string()),
  /** Where a finished install task points (its 303). */
  location: z.nullable(z.string()),
});
export type SiteApiAnswer = z.infer<typeof SiteApiAnswerSchema>;
