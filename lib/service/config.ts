import { parseArgs } from 'node:util';
import { z } from 'zod';

/** The only place that reads flags and the environment; everything else receives a ServiceConfig. */
const ConfigSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string().min(1),
  db: z.string().min(1),
  rateLimit: z.coerce.number().int().min(1),
  seedDemo: z.boolean(),
  /** Where people reach the service when a proxy stands in front of it: its host is answered too. */
  publicOrigin: z
    .url({
      protocol: /^https?$/,
      error: '--public-origin must be an http or https URL, e.g. https://tokens.example.com.',
    })
    .refine((url) => new URL(url).pathname === '/' && !new URL(url).search, '--public-origin is an origin: no path.')
    .optional(),
  ownerEmail: z.email().optional(),
  ownerPassword: z.string().min(8, 'TOKEN_LENS_OWNER_PASSWORD must have at least 8 characters.').optional(),
});
export type ServiceConfig = z.infer<typeof ConfigSchema>;

export function parseConfig(argv: string[], env: NodeJS.ProcessEnv): ServiceConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '4747' },
      host: { type: 'string', default: '127.0.0.1' },
      db: { type: 'string', default: 'data/token-lens.sqlite' },
      'rate-limit': { type: 'string', default: '600' },
      'seed-demo': { type: 'boolean', default: false },
      'public-origin': { type: 'string' },
    },
    strict: true,
  });
  return ConfigSchema.parse({
    port: values.port,
    host: values.host,
    db: values.db,
    rateLimit: values['rate-limit'],
    seedDemo: values['seed-demo'],
    publicOrigin: values['public-origin'],
    ownerEmail: env.TOKEN_LENS_OWNER_EMAIL || undefined,
    ownerPassword: env.TOKEN_LENS_OWNER_PASSWORD || undefined,
  });
}
