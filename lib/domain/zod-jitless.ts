import { z } from 'zod';

/**
 * zod compiles fast parsers with `new Function` unless told not to, and probes for it when an
 * object schema is made: under an extension's CSP the probe is refused and logged as a violation.
 * Every entrypoint imports this module first, before any module that defines a schema. (The build
 * also removes zod's `Function` references: wxt.config.ts.)
 */
z.config({ jitless: true });
