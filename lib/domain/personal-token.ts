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

/** `GET /api/v1/api-methods`: what a token can be scoped to, and the presets. */
export const ApiMethodsSchema = z
  .object({
    methods: z.array(z.object({ id: z.string(), description: z.string() })),
    presets: z.array(z.object({ name: ScopePresetSchema, methods: z.array(z.string()) })),
  })
  .meta({ id: 'ApiMethods' });
export type ApiMethods = z.infer<typeof ApiMethodsSchema>;

/** Scopes as a request gives them: a preset's name, or a custom list of method ids. */
export const ScopesInputSchema = z.union([ScopePresetSchema, z.array(z.string().min(1).max(64)).min(1).max(64)]);

/** `POST /personal-tokens`. */
export const NewPersonalTokenSchema = z.strictObject({
  description: z.string().min(1).max(200),
  expiresAt: z.iso.date(),
  scopes: ScopesInputSchema,
  password: z.string().min(1).max(1024),
});
export type NewPersonalToken = z.infer<typeof NewPersonalTokenSchema>;

/** `PATCH /personal-tokens/{id}`. */
export const PersonalTokenChangesSchema = z.strictObject({
  description: z.string().min(1).max(200).optional(),
  expiresAt: z.iso.date().optional(),
  scopes: ScopesInputSchema.optional(),
  password: z.string().min(1).max(1024),
});
export type PersonalTokenChanges = z.infer<typeof PersonalTokenChangesSchema>;

export const RemovedTokensSchema = z.object({ removed: z.array(z.string()) });

/** The longest a personal access token may live. */
export const PERSONAL_TOKEN_MAX_DAYS = 365;
