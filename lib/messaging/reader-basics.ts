/**
 * What the hand-written readers of the background's answers share (view-message-readers.ts,
 * app-tokens-reader.ts): zod's own rules for the few checks they make, without zod.
 */

/**
 * z.iso.datetime()'s own pattern (no offset, any precision), written out: building such a schema
 * to read its pattern would bring zod's string formats into the content script. The reader's test
 * holds it equal to zod's.
 */
export const DATETIME =
  /^(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|(?:02)-(?:0[1-9]|1\d|2[0-8])))T(?:(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z))$/;

export type Fields = Record<string, unknown>;
export const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
export const isString = (value: unknown): value is string => typeof value === 'string';
/**
 * z.string().check(z.length(4)): four characters as zod counts them, in code points (an emoji is
 * one, though two UTF-16 units), which it counts only where the units alone cannot tell.
 */
export const hasFourCharacters = (value: string): boolean =>
  value.length >= 4 && value.length <= 8 && [...value].length === 4;
