import type { Context } from 'hono';
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** Security headers for every HTML page: no framing, no referrer, scripts and styles only from here. */
export function setPageSecurityHeaders(c: Context): void {
  c.header(
    'Content-Security-Policy',
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
  );
  c.header('X-Frame-Options', 'DENY');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Cache-Control', 'no-store');
}

export const FAVICON_PATH = '/assets/favicon.png';

export function layout(title: string, body: Html, options: { script?: string; stylesheet?: string } = {}): Html {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="color-scheme" content="light dark" />
    <title>${title} · Token Lens reference</title>
    <link rel="icon" type="image/png" href="${FAVICON_PATH}" />
    <link rel="stylesheet" href="/assets/reference.css" />
    ${options.stylesheet ? html`<link rel="stylesheet" href="${options.stylesheet}" />` : ''}
    ${options.script ? html`<script src="${options.script}" defer></script>` : ''}
  </head>
  <body>
    ${body}
  </body>
</html>`;
}
