import { html } from 'hono/html';
import { FRESHNESS } from '../../domain/freshness';
import type { InstalledAppView } from '../store/installed-apps-repository';
import type { SiteRecord } from '../store/sites-repository';
import { SYSTEM_APPS } from '../system-apps';
import { appRow } from './app-row';
import type { Flash } from './flash';
import { layout } from './layout';
import { privateListingsNote, settingsDialog } from './settings-dialog';
import { signOutForm } from './sign-out-form';
import { installStatusDialog, uploadDialog } from './upload-dialog';

/** The path of a site's reference Manage apps page; its forms post below it. */
export function manageAppsPath(host: string): string {
  return `/sites/${host}/plugins/servlet/upm`;
}

export interface ManageAppsPageOptions {
  site: SiteRecord;
  apps: InstalledAppView[];
  email: string;
  csrf: string;
  /** The same ETag as `GET /api/v1/sites/{host}/apps`: the page's script polls for a change of it. */
  etag: string;
  flash?: Flash | undefined;
  /** The rows shown expanded, with their details: those the URL names (`?expand=`), and the one the last form was about. */
  expanded?: ReadonlySet<string>;
}

function pageMessage(flash: Flash | undefined) {
  if (flash?.place !== 'page') return '';
  return flash.kind === 'error'
    ? html`<p id="tl-flash" class="tl-flash tl-flash-error" role="alert">${flash.text}</p>`
    : html`<p id="tl-flash" class="tl-flash tl-flash-done" role="status">${flash.text}</p>`;
}

export function manageAppsPage(options: ManageAppsPageOptions) {
  const { site, apps, flash } = options;
  const base = manageAppsPath(site.host);
  const rows = { base, csrf: options.csrf };
  const expanded = new Set(options.expanded);
  if (flash?.appKey) expanded.add(flash.appKey);
  return layout(
    `Manage apps — ${site.host}`,
    html`<div id="upm-content" data-site="${site.host}" data-etag="${options.etag}" data-private-listings="${String(site.privateListingsEnabled)}" data-state-url="${base}/state" data-poll-ms="${FRESHNESS.referencePagePollMs}">
      <header class="tl-header">
        <span><a href="/">Sites</a> › ${site.host}</span>
        <span>Signed in as ${options.email}</span>
        ${signOutForm(options.csrf)}
      </header>
      <main>
        <h2 id="upm-title">Manage apps</h2>
        <div class="upm-toolbar">
          <form method="get" action="#upm-upload-dialog" class="tl-inline-form">
            <button id="upm-upload" type="submit" class="aui-button">Upload app</button>
          </form>
          <span id="link-bar-settings"><a href="#upm-settings-dialog">Settings</a></span>
          ${privateListingsNote(site)}
          <span id="tl-live" class="tl-muted" role="status"></span>
        </div>
        ${pageMessage(flash)}
        <div id="upm-manage-container">
          <h3>User-installed apps</h3>
          <div id="upm-manage-plugins-user-installed" class="upm-plugin-list">
            ${
              apps.length === 0
                ? html`<p id="upm-empty-message" class="tl-muted upm-empty">No apps installed on this site yet.</p>`
                : apps.map((app) => appRow(app, rows, expanded.has(app.appKey)))
            }
          </div>
          <h3>System apps</h3>
          <div id="upm-manage-plugins-system" class="upm-plugin-list">
            ${SYSTEM_APPS.map(
              (app) => html`<div class="upm-plugin" data-key="${app.key}">
                <div class="upm-plugin-row"><h4 class="upm-plugin-name">${app.name}</h4></div>
              </div>`,
            )}
          </div>
        </div>
      </main>
      ${settingsDialog({ site, base, csrf: options.csrf })}
      ${uploadDialog({ base, csrf: options.csrf, flash })}
      ${installStatusDialog({ base, flash })}
    </div>`,
    { script: '/assets/upm.js' },
  );
}
