/**
 * What makes an app key and a site host, without zod: `identifiers.ts` (zod) and
 * `mini-schemas.ts` (zod/mini, for views) build their schemas from these, so both are as strict.
 */
export const APP_KEY_PATTERN = /^[a-z0-9][a-z0-9.-]{1,63}$/;
export const APP_KEY_RULE = 'An app key is 2–64 characters: lower-case letters, digits, dots and dashes.';

export const SITE_HOST_MAX_LENGTH = 253;
export const SITE_HOST_TOO_LONG = 'A site host is at most 253 characters.';
export const SITE_HOST_RULE = 'A site host is a lower-case DNS name such as acme-dev.atlassian.net.';

const DNS_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** At least two labels, each a lower-case DNS label (the length is checked apart, with its own message). */
export function hasSiteHostLabels(host: string): boolean {
  const labels = host.split('.');
  return labels.length >= 2 && labels.every((label) => DNS_LABEL.test(label));
}
