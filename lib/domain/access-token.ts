import { z } from 'zod';
import { TokenStatusSchema } from './installed-app';

/** An access token as the service answers it (`GET /apps/{appKey}/tokens/{id}`): its value is a secret. */
export const AccessTokenSchema = z
  .object({
    id: z.string(),
    appKey: z.string(),
    value: z.string().describe('The secret: mat_ + 32 base62 characters + a 6-character checksum'),
    note: z.string(),
    status: TokenStatusSchema,
    createdAt: z.iso.datetime(),
    removedAt: z.iso.datetime().nullable(),
    site: z.object({ host: z.string(), boundAt: z.iso.datetime() }).nullable(),
    installUrls: z.object({ private: z.string().optional(), public: z.string().optional() }),
  })
  .meta({ id: 'AccessToken' });
export type AccessToken = z.infer<typeof AccessTokenSchema>;

/** `GET /apps/{appKey}/tokens`. */
export const AccessTokenListSchema = z
  .object({ items: z.array(AccessTokenSchema), active: z.number().int(), limit: z.number().int() })
  .meta({ id: 'AccessTokenList' });
export type AccessTokenList = z.infer<typeof AccessTokenListSchema>;

/**
 * A token as the extension keeps and shows it: never its value, and never the install URLs that
 * contain it. A full value is fetched at the moment a person copies or applies it.
 */
export const MaskedTokenSchema = z.object({
  id: z.string(),
  appKey: z.string(),
  last4: z.string().length(4),
  note: z.string(),
  status: TokenStatusSchema,
  createdAt: z.iso.datetime(),
  site: z.object({ host: z.string(), boundAt: z.iso.datetime() }).nullable(),
  hasPrivateUrl: z.boolean(),
  hasPublicUrl: z.boolean(),
});
export type MaskedToken = z.infer<typeof MaskedTokenSchema>;

export function maskToken(token: AccessToken): MaskedToken {
  return {
    id: token.id,
    appKey: token.appKey,
    last4: token.value.slice(-4),
    note: token.note,
    status: token.status,
    createdAt: token.createdAt,
    site: token.site,
    hasPrivateUrl: token.installUrls.private !== undefined,
    hasPublicUrl: token.installUrls.public !== undefined,
  };
}
