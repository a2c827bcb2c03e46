import type { Context } from 'hono';
import { ServiceError } from '../problem';

/**
 * A posted form's fields. A body that cannot be read as a form (a broken multipart part, a
 * missing boundary) is the sender's fault: 400 `malformed_form`, never a 500.
 */
export async function readForm(c: Context): Promise<Record<string, string | File>> {
  try {
    const body = await c.req.parseBody();
    return body as Record<string, string | File>;
  } catch {
    throw new ServiceError(400, 'malformed_form', 'The form could not be read. Reload the page and try again.');
  }
}
