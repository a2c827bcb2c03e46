import { html } from 'hono/html';
import { LICENSE_STATE_LABELS, LICENSE_STATE_WIRE_VALUES, LICENSE_STATES } from '../../domain/license-state';
import type { InstalledAppView } from '../store/installed-apps-repository';
import type { SiteRecord } from '../store/sites-repository';
import { layout } from './layout';
import { signOutForm } from './sign-out-form';

/** A few system apps, as the product lists them apart from user-installed ones (the overlay must skip them). */
const SYSTEM_APPS = [
  {
    key: 'com.atlassian.upm.atlassian-universal-plugin-manager-plugin',
    name: 'Atlassian Universal Plugin Manager Plugin',
  },
  { key: 'com.atlassian.jira.jira-issue-nav-plugin', name: 'Jira Issue Navigator' },
];

/** The product's status menu order: Unlicensed first, as `NONE` heads the product's own select. */
const MENU_ORDER = ['unlicensed', ...LICENSE_STATES.filter((state) => state !== 'unlicensed')] as const;

function tokenCell(app: InstalledAppView) {
  if (!app.token) {
    return html`<span class="upm-plugin-license-token tl-none">No access token
      <button type="button" class="generate-token aui-button aui-button-subtle" title="Add an access token" aria-label="Add an access token for ${app.name}">+</button></span>`;
  }
  return html`<span class="upm-plugin-license-token" data-token-id="${app.token.id}">
    <code>••••••••${app.token.last4}</code>
    ${app.token.status === 'removed' ? html`<span class="tl-lozenge tl-removed">removed</span>` : ''}
  </span>`;
}

function stateSelect(app: InstalledAppView) {
  const locked = app.paymentModel === 'free' || app.token?.status !== 'active';
  return html`<label class="tl-label" for="token-state-${app.appKey}">Access token status</label>
    <select id="token-state-${app.appKey}" class="token-state" name="state" ${locked ? 'disabled' : ''}>
      ${MENU_ORDER.map(
        (state) =>
          html`<option value="${LICENSE_STATE_WIRE_VALUES[state]}" ${app.license.state === state ? 'selected' : ''}>${LICENSE_STATE_LABELS[state]}</option>`,
      )}
    </select>`;
}

function appRow(app: InstalledAppView) {
  return html`<div class="upm-plugin user-installed upm-remotable expanded" data-key="${app.appKey}">
    <div class="upm-plugin-row">
      <h4 class="upm-plugin-name">${app.name}</h4>
      <span class="upm-plugin-installed-version">${app.version ?? ''}</span>
    </div>
    <div class="upm-details loaded">
      <div class="upm-plugin-info">
        <span class="tl-muted">App key ${app.appKey} · ${app.paymentModel === 'free' ? 'Free' : 'Paid via Atlassian'}</span>
      </div>
      <div class="upm-plugin-license-container">
        <div class="upm-license-details">
          <div class="upm-plugin-license-status">${LICENSE_STATE_LABELS[app.license.state]}</div>
          <div class="upm-plugin-license-token-container"><span class="tl-label">Access token</span> ${tokenCell(app)}</div>
          <div class="upm-plugin-license-token-state-container">${stateSelect(app)}</div>
        </div>
      </div>
    </div>
  </div>`;
}

export function manageAppsPage(options: { site: SiteRecord; apps: InstalledAppView[]; email: string; csrf: string }) {
  const { site, apps } = options;
  return layout(
    `Manage apps — ${site.host}`,
    html`<div id="upm-content" data-site="${site.host}">
      <header class="tl-header">
        <span><a href="/">Sites</a> › ${site.host}</span>
        <span>Signed in as ${options.email}</span>
        ${signOutForm(options.csrf)}
      </header>
      <h2 id="upm-title">Manage apps</h2>
      <div class="upm-toolbar">
        <button id="upm-upload" type="button" class="aui-button">Upload app</button>
        <span id="link-bar-settings"><a href="#upm-settings-dialog">Settings</a></span>
        <span class="tl-muted">Private listings ${site.privateListingsEnabled ? 'enabled' : 'disabled'}</span>
      </div>
      <div id="upm-manage-container">
        <h3>User-installed apps</h3>
        <div id="upm-manage-plugins-user-installed" class="upm-plugin-list">
          ${apps.length === 0 ? html`<p class="tl-muted upm-empty">No apps installed on this site yet.</p>` : apps.map(appRow)}
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
    </div>`,
  );
}
