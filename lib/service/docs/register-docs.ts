import { readFileSync } from 'node:fs';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../deps';
import { setPageSecurityHeaders } from '../pages/layout';
import { apiReferencePage, type OpenApiDocument } from './api-reference-page';

const DOCS_CSS = readFileSync(new URL('./docs.css', import.meta.url), 'utf8');
export const OPENAPI_PATH = '/api/v1/openapi.json';

/** Renders the reference from the same document `GET /api/v1/openapi.json` serves, so the two never differ. */
async function renderReference(app: OpenAPIHono<AppEnv>, origin: string): Promise<string> {
  // Asked at the origin this request came to: the Host allow-list answers only the service's own names.
  const answer = await app.request(new URL(OPENAPI_PATH, origin).toString());
  if (!answer.ok) throw new Error(`${OPENAPI_PATH} answered ${answer.status}`);
  return (await apiReferencePage((await answer.json()) as OpenApiDocument)).toString();
}

/** `GET /docs`: the API reference page. Public: it describes the API and shows no data. */
export function registerDocs(app: OpenAPIHono<AppEnv>): void {
  let page: Promise<string> | undefined;

  app.get('/docs', async (c) => {
    // The routes are all registered before the first request: render once, then serve the same bytes.
    page ??= renderReference(app, new URL(c.req.url).origin).catch((error: unknown) => {
      page = undefined;
      throw error;
    });
    const body = await page;
    setPageSecurityHeaders(c);
    return c.html(body);
  });

  app.get('/assets/docs.css', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(DOCS_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });
}
