import { html } from 'hono/html';
import type { SiteRecord } from '../store/sites-repository';
import { layout } from './layout';
import { signOutForm } from './sign-out-form';

export function sitesPage(options: { email: string; sites: SiteRecord[]; csrf: string }) {
  return layout(
    'Sites',
    html`<main class="tl-narrow">
      <header class="tl-header">
        <span>Signed in as ${options.email}</span>
        <a href="/docs">API reference</a>
        ${signOutForm(options.csrf)}
      </header>
      <h1>Emulated sites</h1>
      ${
        options.sites.length === 0
          ? html`<p>No sites yet. Add one with <code>POST /api/v1/sites</code>.</p>`
          : html`<ul class="tl-sites">
              ${options.sites.map(
                (site) => html`<li>
                  <a href="/sites/${site.host}/plugins/servlet/upm">${site.host}</a> — Manage apps
                  ${site.privateListingsEnabled ? html`<span class="tl-muted">(private listings enabled)</span>` : ''}
                </li>`,
              )}
            </ul>`
      }
    </main>`,
  );
}
