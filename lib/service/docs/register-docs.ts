import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { html } from 'hono/html';
import type { AppEnv } from '../deps';
import { FAVICON_PATH, setPageSecurityHeaders } from '../pages/layout';
import { OPENAPI_PATH } from './openapi-document';

const SWAGGER_UI_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const OWN_ASSETS = fileURLToPath(new URL('./assets/', import.meta.url));

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';
const MAP = 'application/json; charset=utf-8';

/** What /docs/assets/ serves, and from where: Swagger UI from its npm package, the rest from here. */
const ASSETS: Record<string, { file: string; type: string }> = {
  'swagger-ui-bundle.js': { file: join(SWAGGER_UI_DIR, 'swagger-ui-bundle.js'), type: JS },
  'swagger-ui-bundle.js.map': { file: join(SWAGGER_UI_DIR, 'swagger-ui-bundle.js.map'), type: MAP },
  'swagger-ui.css': { file: join(SWAGGER_UI_DIR, 'swagger-ui.css'), type: CSS },
  'swagger-ui.css.map': { file: join(SWAGGER_UI_DIR, 'swagger-ui.css.map'), type: MAP },
  'docs-init.js': { file: join(OWN_ASSETS, 'docs-init.js'), type: JS },
  'docs.css': { file: join(OWN_ASSETS, 'docs.css'), type: CSS },
};

const docsPage = () => html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="color-scheme" content="light dark" />
    <title>API reference · Token Lens reference</title>
    <link rel="icon" type="image/png" href="${FAVICON_PATH}" />
    <link rel="stylesheet" href="/docs/assets/swagger-ui.css" />
    <link rel="stylesheet" href="/docs/assets/docs.css" />
    <script src="/docs/assets/swagger-ui-bundle.js" defer></script>
    <script src="/docs/assets/docs-init.js" defer></script>
  </head>
  <body>
    <header class="docs-header"><a href="/">Sites</a> › API reference</header>
    <div id="swagger-ui" data-openapi-url="${OPENAPI_PATH}">
      <noscript>
        <p>The API reference needs JavaScript. The OpenAPI document it shows is at <a href="${OPENAPI_PATH}">${OPENAPI_PATH}</a>.</p>
      </noscript>
    </div>
  </body>
</html>`;

// Read on first use: Swagger UI is 2 MB, and most services (and tests) never serve it.
const loaded = new Map<string, Buffer>();
function assetBytes(name: string, file: string): Buffer {
  let bytes = loaded.get(name);
  if (!bytes) {
    bytes = readFileSync(file);
    loaded.set(name, bytes);
  }
  return bytes;
}

function serveAsset(c: Context) {
  const name = c.req.param('name') ?? '';
  const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
  if (!asset) return c.notFound();
  c.header('Cache-Control', 'public, max-age=300');
  c.header('X-Content-Type-Options', 'nosniff');
  return c.body(new Uint8Array(assetBytes(name, asset.file)), 200, { 'Content-Type': asset.type });
}

/** `GET /docs`: the API reference (Swagger UI). Public: it describes the API and shows no data. */
export function registerDocs(app: OpenAPIHono<AppEnv>): void {
  app.get('/docs', (c) => {
    // The reference pages' own policy holds unchanged: Swagger UI sets styles through the DOM, which
    // style-src 'self' allows, and its one script of ours is a file (docs-init.js), not inline.
    setPageSecurityHeaders(c);
    return c.html(docsPage());
  });
  app.get('/docs/assets/:name', serveAsset);
}
