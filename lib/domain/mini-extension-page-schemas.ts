import { z } from 'zod/mini';
import { AppKeySchema, ErrorValueSchema, LicenseStateSchema, SiteHostSchema, safeInteger } from './mini-schemas';

/**
 * The zod/mini twins of the shared schemas only the extension's own pages parse with (a site's
 * view, an app's tokens, the sites, the audit log, personal access tokens): kept apart from `mini-schemas.ts`
 * so that a content script does not carry them. Same rules and types as their zod twins in
 * `site-view.ts`, `access-token.ts`, `site.ts`, `audit.ts` and `personal-token.ts`; test/unit/mini-schemas.test.ts
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
  seq: safeInteger(),
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

const datetimeOrNull = () => z.nullable(z.iso.datetime());

/** `site-view.ts`'s SiteApp: the service's InstalledApp with what only the service records made nullable. */
export const SiteAppSchema = z.object({
  appKey: AppKeySchema,
  name: z.string(),
  paymentModel: z.enum(['free', 'paid']),
  installedAt: datetimeOrNull(),
  token: z.nullable(
    z.object({
      id: z.string(),
      last4: z.string().check(z.length(4)),
      appliedAt: datetimeOrNull(),
      status: z.enum(['active', 'removed']),
    }),
  ),
  license: z.object({ state: LicenseStateSchema, changedAt: datetimeOrNull() }),
  lic: z.enum(['active', 'none']),
});

/** Read in a content script by view-message-readers.ts, held to the same answers as this. */
export const SiteViewSchema = z.object({
  host: SiteHostSchema,
  apps: z.array(SiteAppSchema),
  fetchedAt: datetimeOrNull(),
  problem: z.nullable(ErrorValueSchema),
});
