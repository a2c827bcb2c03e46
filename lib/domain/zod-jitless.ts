import { z } from 'zod/mini';

/**
 * zod compiles fast parsers with `new Function` unless told not to, and probes for it when an
 * object schema is made: under an extension's CSP the probe is refused and logged as a violation.
 * Every entrypoint imports this module first, before any module that defines a schema. zod and
 * zod/mini share one configuration (zod's core), so this sets it for both without bringing zod
 * itself into a view that uses only zod/mini. (The build also removes zod's `Function`
 * references: wxt.config.ts.)
 */
z.config({ jitless: true });
