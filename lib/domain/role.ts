import { z } from 'zod';

/** A user's role: owner (everything), developer (all but user management), tester (SERVICE-API.md). */
export const RoleSchema = z.enum(['owner', 'developer', 'tester']);
export type Role = z.infer<typeof RoleSchema>;
