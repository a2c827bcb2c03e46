import { z } from 'zod';
import { RoleSchema } from './role';

/** `POST /api/v1/sessions` answers a `tls_` session token valid 12 hours. */
export const SessionSchema = z.object({ token: z.string(), expiresAt: z.iso.datetime() }).meta({ id: 'Session' });
export type Session = z.infer<typeof SessionSchema>;

/** `GET /api/v1/me`: who the caller is, by which kind of token, with which scopes. */
export const MeSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role: RoleSchema,
    via: z.enum(['session', 'personal-token']),
    scopes: z.array(z.string()),
    /** When the calling token stops working: a session's end, or a personal token's last day's end. */
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof MeSchema>;
