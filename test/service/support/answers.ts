import { expect } from 'vitest';
import { z } from 'zod';
import { AuditListSchema } from '../../../lib/domain/audit';
import { ProblemSchema } from '../../../lib/domain/problem';
import { UserSchema } from '../../../lib/service/routes/users/users.routes';

/**
 * The service's JSON answers, read through zod schemas instead of trusted by a cast: a wrong shape
 * fails the test with zod's own account of what is wrong. The schemas are the service's own
 * (lib/domain, the routes); the few answers it has no schema for are described here.
 */

/**
 * `json` read through `schema`. It fails when the answer does not have the schema's shape, and also
 * when it holds a field the schema does not name: zod would drop such a field silently, and a test
 * that compares whole answers or their keys would then look at less than the service answered.
 * For an answer only partly described, use a loose object (`z.looseObject`), which keeps the rest.
 */
export function conforming<S extends z.ZodType>(schema: S, json: unknown, what = 'answer'): z.infer<S> {
  const result = schema.safeParse(json);
  if (!result.success) {
    throw new Error(
      `The ${what} does not have the expected shape:\n${z.prettifyError(result.error)}\n` +
        `The ${what}: ${JSON.stringify(json)}`,
      { cause: result.error },
    );
  }
  expect(result.data, `the ${what} holds fields its schema does not name`).toStrictEqual(json);
  return result.data;
}

/** The JSON body of `response`, read through `schema`. */
export async function parsed<S extends z.ZodType>(response: Response, schema: S): Promise<z.infer<S>> {
  return conforming(schema, await response.json(), `answer to ${response.url || 'the request'}`);
}

/** A problem+json body whose `errors` name what was wrong (422 validation_failed and the like). */
export const ValidationProblemSchema = ProblemSchema.required({ errors: true });

/** The problem+json body of `response`. */
export async function problemOf(response: Response) {
  return parsed(response, ProblemSchema);
}

/** The problem+json body of `response`, which must name what was wrong in `errors`. */
export async function validationProblemOf(response: Response) {
  return parsed(response, ValidationProblemSchema);
}

/** `GET /api/v1/audit`. */
export { AuditListSchema };

/** `GET /api/v1/users`. */
export const UserListSchema = z.object({ items: z.array(UserSchema) });

/** The reference Manage apps page's live state (`GET /sites/{host}/plugins/servlet/upm/state`). */
export const PageStateSchema = z.object({ etag: z.string(), privateListingsEnabled: z.boolean() });

/** What the tests read of the OpenAPI document (`GET /api/v1/openapi.json`): its version and its operations. */
export const OpenApiDocumentSchema = z.looseObject({
  openapi: z.string(),
  paths: z.record(
    z.string(),
    z.record(
      z.string(),
      z.looseObject({
        summary: z.string().optional(),
        responses: z.record(z.string(), z.unknown()).optional(),
      }),
    ),
  ),
});
