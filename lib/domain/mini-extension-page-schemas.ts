import { z } from 'zod/mini';

/**
 * The zod/mini twins of the shared schemas only the extension's own pages parse with (an app's
 * tokens, the sites, the audit log, personal access tokens): kept apart from `mini-schemas.ts`
 * so that a content script does not carry them. Same rules and types as their zod twins in
 * `access-token.ts`, `site.ts`, `audit.ts` and `personal-token.ts`; test/unit/mini-schemas.test.ts
 * holds each pair to the same answers and the same types.
 */

export const MaskedTokenSchema = z.object({
  id: z.string(),
  appKey: z.string(),
  last4: z.string().check(z.length(4)),
  note: z.string(),
  status: z.enum(['active', 'removed']),
  createdAt: z.iso.datetime(),
  site: z.nullable(z.object({ host: z.string(), boundAt: z.iso.datetime() })),
  hasPrivateUrl: z.boolean(),
  hasPublicUrl: z.boolean(),
});

export const SiteSchema = z.object({
  host: z.string(),
  privateListingsEnabled: z.boolean(),
  createdAt: z.iso.datetime(),
});
export const SiteListSchema = z.object({ items: z.array(SiteSchema) });

export const AuditEntrySchema = z.object({
  seq: z.int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  site: z.nullable(z.string()),
  app: z.nullable(z.string()),
  detail: z.record(z.string(), z.unknown()),
});
export const AuditListSchema = z.object({ items: z.array(AuditEntrySchema) });

const ScopePresetSchema = z.enum(['full-access', 'tester', 'read-only', 'ci']);

const personalToken = {
  id: z.string(),
  description: z.string(),
  expiresAt: z.iso.date(),
  expired: z.boolean(),
  preset: z.nullable(ScopePresetSchema),
  scopes: z.array(z.string()),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.nullable(z.iso.datetime()),
};
export const PersonalTokenSchema = z.object(personalToken);
export const PersonalTokenWithValueSchema = z.object({ ...personalToken, value: z.string() });
export const PersonalTokenListSchema = z.object({ items: z.array(PersonalTokenSchema) });

export const ApiMethodsSchema = z.object({
  methods: z.array(z.object({ id: z.string(), description: z.string() })),
  presets: z.array(z.object({ name: ScopePresetSchema, methods: z.array(z.string()) })),
});

export const RemovedTokensSchema = z.object({ removed: z.array(z.string()) });
