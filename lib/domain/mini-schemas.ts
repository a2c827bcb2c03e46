import { z } from 'zod/mini';
import {
  APP_KEY_PATTERN,
  APP_KEY_RULE,
  hasSiteHostLabels,
  SITE_HOST_MAX_LENGTH,
  SITE_HOST_RULE,
  SITE_HOST_TOO_LONG,
} from './identifier-rules';
import { LICENSE_STATES } from './license-state-names';

/**
 * The shared schemas a view parses with, in zod/mini: the same rules as their zod twins
 * (`identifiers.ts`, `license-state.ts`, `reply.ts`, `site-view.ts`) and the same inferred
 * types, at a fraction of the bytes a content script would carry with zod itself. The
 * background and the service keep the zod ones. test/unit/mini-schemas.test.ts holds each pair
 * to the same answers and the same types. (A site's view is read in a content script by
 * view-message-readers.ts; its schema is with the extension pages': mini-extension-page-schemas.ts.)
 */

export const AppKeySchema = z.string().check(z.regex(APP_KEY_PATTERN, APP_KEY_RULE)).brand<'AppKey'>();

export const SiteHostSchema = z
  .string()
  .check(z.maxLength(SITE_HOST_MAX_LENGTH, SITE_HOST_TOO_LONG), z.refine(hasSiteHostLabels, SITE_HOST_RULE))
  .brand<'SiteHost'>();

export const LicenseStateSchema = z.enum(LICENSE_STATES);

export const ErrorValueSchema = z.object({ code: z.string(), message: z.string() });

/**
 * z.int()'s rule — a number that is a safe integer — by a refinement, as the same check: zod's
 * number formats would add a kilobyte to the content script for the three integers it reads.
 */
export const safeInteger = () => z.number().check(z.refine(Number.isSafeInteger, 'Expected an integer'));
