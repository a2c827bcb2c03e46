import type { TokenStatus } from './installed-app';

/** Where a token stands from one site's point of view (plain values: views import them without zod). */
export const TOKEN_PLACEMENTS = ['unbound', 'here', 'elsewhere', 'removed'] as const;
export type TokenPlacement = (typeof TOKEN_PLACEMENTS)[number];

/** Rules 3 and 7 from `host`'s side: a removed token goes nowhere, a bound one only to its site. */
export function placementOf(
  token: { status: TokenStatus; site: { host: string } | null },
  host: string,
): TokenPlacement {
  if (token.status === 'removed') return 'removed';
  if (!token.site) return 'unbound';
  return token.site.host === host ? 'here' : 'elsewhere';
}

/** Can a token in that place go on the site: unbound, or bound to it already. */
export const canGoOnSite = (placement: TokenPlacement): boolean => placement === 'unbound' || placement === 'here';
