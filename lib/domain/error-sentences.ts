/**
 * The two sentences of rule 9 that views say themselves (license-lock.ts), named apart so that a
 * content script carries them and not the whole table.
 */
export const LICENSE_REQUIRES_TOKEN = 'No access token on this app — apply a token first.';
export const TOKEN_REMOVED = 'This token was removed at the Marketplace — apply another token.';

/**
 * One sentence per error code that a person can act on, for every part that says it: the
 * service's refusals, the reference page, the service client and the overlay. Codes whose
 * sentence needs a name (an app, a site) build it from these where they can.
 */
export const SENTENCES = {
  unauthorized: 'Your session with the Token Lens service has ended. Sign in again in the options page.',
  invalid_credentials: 'The email or password is not right.',
  insufficient_scope: 'Your account may not do this. Ask the service’s owner for a role that allows it.',
  site_not_found: 'The Token Lens service does not know this site. Add it to the service first.',
  rate_limited: 'The service asks to slow down. Try again in a moment.',
  token_removed: TOKEN_REMOVED,
  license_requires_token: LICENSE_REQUIRES_TOKEN,
  license_not_applicable: 'This app is free: it has no license state to switch.',
  private_listings_disabled: 'Private listings are not enabled on this site. Enable them first.',
  token_bound_elsewhere: 'This token is bound for ever to another site — pick or create another token.',
  token_limit_reached: 'This app already has 50 active tokens. Remove one to create another.',
  token_not_for_this_site: 'That token cannot go on this site: it is bound to another site or was removed.',
} as const satisfies Record<string, string>;

export type SentenceCode = keyof typeof SENTENCES;

/** The sentence for `code`, if it has one of its own. */
export function sentenceFor(code: string): string | undefined {
  return Object.hasOwn(SENTENCES, code) ? SENTENCES[code as SentenceCode] : undefined;
}
