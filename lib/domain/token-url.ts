/**
 * Token URLs: an app's descriptor URL with `access-token=<value>` added to its query (seed 000).
 * Pasting one into *Upload app* installs the app and applies the token in one step.
 */
export const ACCESS_TOKEN_PARAM = 'access-token';

export function buildTokenUrl(descriptorUrl: string, tokenValue: string): string {
  const url = new URL(descriptorUrl);
  url.searchParams.set(ACCESS_TOKEN_PARAM, tokenValue);
  return url.toString();
}

export interface ParsedTokenUrl {
  /** The URL without its access-token parameter: what must match the app's descriptor. */
  descriptorUrl: string;
  token: string;
}

/** Splits a token URL into its descriptor part and its token; undefined when it is not one. */
export function parseTokenUrl(input: string): ParsedTokenUrl | undefined {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const token = url.searchParams.get(ACCESS_TOKEN_PARAM);
  if (!token) return undefined;
  url.searchParams.delete(ACCESS_TOKEN_PARAM);
  return { descriptorUrl: url.toString(), token };
}

/** Descriptor URLs compare without a trailing `?` and with normalised escaping. */
export function sameDescriptorUrl(a: string, b: string): boolean {
  try {
    return new URL(a).toString() === new URL(b).toString();
  } catch {
    return false;
  }
}

/** The characters an access token's value is made of (the service's `mat_…`, and the Marketplace's own). */
const TOKEN_VALUE = /^[A-Za-z0-9._~+/=-]{8,512}$/;

/**
 * The token value a person pasted for the product's pencil flow: the value itself, or a whole
 * token URL (its `access-token`); undefined when it is neither.
 */
export function pastedAccessToken(input: string): string | undefined {
  const text = input.trim();
  const value = parseTokenUrl(text)?.token ?? text;
  return TOKEN_VALUE.test(value) ? value : undefined;
}
