import { z } from 'zod';

/** The named scope sets a personal access token may be given (SERVICE-API.md). */
export const ScopePresetSchema = z.enum(['full-access', 'tester', 'read-only', 'ci']);
export type ScopePreset = z.infer<typeof ScopePresetSchema>;

/** A personal access token as listed: never its value, which is shown once only. */
export const PersonalTokenSchema = z
  .object({
    id: z.string(),
    description: z.string(),
    /** The last day it works (UTC), as `yyyy-mm-dd`. */
    expiresAt: z.iso.date(),
    expired: z.boolean(),
    /** The preset it was given, or null for a custom list of methods. */
    preset: ScopePresetSchema.nullable(),
    scopes: z.array(z.string()),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'PersonalToken' });
export type PersonalToken = z.infer<typeof PersonalTokenSchema>;

/** Created, regenerated or copied: the one answer that carries the value. */
export const PersonalTokenWithValueSchema = PersonalTokenSchema.extend({
  value: z.string().describe('The secret: tlp_ + 32 base62 characters + a 6-character checksum. Shown once.'),
}).meta({ id: 'PersonalTokenWithValue' });
export type PersonalTokenWithValue = z.infer<typeof PersonalTokenWithValueSchema>;

export const PersonalTokenListSchema = z
  .object({ items: z.array(PersonalTokenSchema) })
  .meta({ id: 'PersonalTokenList' });

/** The longest a personal access token may live. */
export const PERSONAL_TOKEN_MAX_DAYS = 365;
