import { createHash } from 'node:crypto';
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { licenseLock } from '../../domain/license-lock';
import { LICENSE_STATE_LABELS, LICENSE_STATE_WIRE_VALUES, LICENSE_STATES } from '../../domain/license-state';
import type { InstalledAppView } from '../store/installed-apps-repository';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** What every row's forms need: where the page lives and the session's form token. */
export interface RowContext {
  /** The page's path, `/sites/{host}/plugins/servlet/upm`; every form posts below it. */
  base: string;
  csrf: string;
}

/** The product's status menu order: Unlicensed first, as `NONE` heads the product's own select. */
const MENU_ORDER = ['unlicensed', ...LICENSE_STATES.filter((state) => state !== 'unlicensed')] as const;

const PENCIL = raw(
  '<svg class="tl-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false"><path d="M11.3 1.3a1 1 0 0 1 1.4 0l2 2a1 1 0 0 1 0 1.4l-8.6 8.6-3.6.9.9-3.6z" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round"/></svg>',
);
const TRASH = raw(
  '<svg class="tl-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false"><path d="M2.5 4h11M6 4V2.5h4V4M4 4l.7 9.5h6.6L12 4M6.8 6.5v5M9.2 6.5v5" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round"/></svg>',
);

/** Markup that must exist now (a row's revision is a hash of its markup), not later. */
export function syncHtml(value: Html): HtmlEscapedString {
  if (value instanceof Promise) throw new Error('Reference page markup must render synchronously.');
  return value;
}

const csrfField = (csrf: string) => html`<input type="hidden" name="csrf" value="${csrf}" />`;

/** Ids built from an app key (a DNS-like name) stay valid and unique per row. */
const idFor = (prefix: string, app: InstalledAppView) => `${prefix}-${app.appKey}`;

function tokenEditForm(app: InstalledAppView, ctx: RowContext) {
  const inputId = idFor('new-token', app);
  return html`<details class="tl-token-edit">
    <summary class="aui-button aui-button-subtle" title="Edit access token" aria-label="Edit the access token of ${app.name}">${PENCIL}</summary>
    <form method="post" action="${ctx.base}/apps/${app.appKey}/token" class="tl-token-form">
      ${csrfField(ctx.csrf)}
      <label for="${inputId}">New access token</label>
      <input id="${inputId}" name="token" type="text" required maxlength="200" autocomplete="off" spellcheck="false" placeholder="mat_…" />
      <button type="submit" class="aui-button aui-button-primary">Apply</button>
    </form>
  </details>`;
}

function tokenCell(app: InstalledAppView, ctx: RowContext) {
  if (!app.token) {
    return html`<span class="upm-plugin-license-token tl-none">
      <span class="tl-muted">No access token</span>
      <form method="post" action="${ctx.base}/apps/${app.appKey}/token/generate" class="tl-inline-form">
        ${csrfField(ctx.csrf)}
        <button type="submit" class="generate-token aui-button aui-button-subtle" title="Create an access token and apply it" aria-label="Create an access token for ${app.name}">+</button>
      </form>
      ${tokenEditForm(app, ctx)}
    </span>`;
  }
  return html`<span class="upm-plugin-license-token" data-token-id="${app.token.id}">
    <code class="tl-masked" title="Only the last four characters are shown">••••${app.token.last4}</code>
    ${app.token.status === 'removed' ? html`<span class="tl-lozenge tl-removed">removed</span>` : ''}
    ${tokenEditForm(app, ctx)}
    <form method="post" action="${ctx.base}/apps/${app.appKey}/token/remove" class="tl-inline-form">
      ${csrfField(ctx.csrf)}
      <button type="submit" class="aui-button aui-button-subtle tl-remove-token" title="Remove token" aria-label="Remove token from ${app.name}">${TRASH}</button>
    </form>
  </span>`;
}

/** Why the status menu cannot be used (rule 9), or undefined when it can. */
const lockReason = (app: InstalledAppView): string | undefined => licenseLock(app)?.message;

function stateForm(app: InstalledAppView, ctx: RowContext) {
  const reason = lockReason(app);
  const selectId = idFor('token-state', app);
  const reasonId = idFor('token-state-reason', app);
  return html`<form method="post" action="${ctx.base}/apps/${app.appKey}/license" class="tl-state-form">
    ${csrfField(ctx.csrf)}
    <label class="tl-label" for="${selectId}">Access token status</label>
    <select id="${selectId}" class="token-state" name="state"${reason ? html` disabled aria-describedby="${reasonId}"` : ''}>
      ${MENU_ORDER.map(
        (state) =>
          html`<option value="${LICENSE_STATE_WIRE_VALUES[state]}"${app.license.state === state ? ' selected' : ''}>${LICENSE_STATE_LABELS[state]}</option>`,
      )}
    </select>
    <button type="submit" class="aui-button tl-save"${reason ? ' disabled' : ''}>Save</button>
    ${reason ? html`<span id="${reasonId}" class="tl-muted tl-reason">${reason}</span>` : ''}
  </form>`;
}

const statusOf = (app: InstalledAppView) =>
  app.paymentModel === 'free' ? 'Free app' : LICENSE_STATE_LABELS[app.license.state];

/**
 * A row's details (`div.upm-details`, class `loaded`): the license, the token and the status menu
 * with their forms. As on the product's page they are not in the list's own markup: the page's
 * script fetches them when a row is expanded (`detailsPath`), and a page without scripting gets
 * them for the rows its URL names (`?expand=<key>`) or the last form was about.
 */
export function appDetails(app: InstalledAppView, ctx: RowContext): HtmlEscapedString {
  const status = statusOf(app);
  return syncHtml(html`<div class="upm-details loaded" id="${idFor('upm-details', app)}" data-rev="${revisionOf(app)}">
      <div class="upm-plugin-info tl-muted">
        App key <code>${app.appKey}</code> · ${app.paymentModel === 'free' ? 'Free' : 'Paid via Atlassian'} · installed
        <time datetime="${app.installedAt}">${app.installedAt.slice(0, 10)}</time>
      </div>
      <div class="upm-plugin-license-container">
        <div class="upm-license-details">
          <div class="tl-field"><span class="tl-label">License</span><div class="upm-plugin-license-status">${status}</div></div>
          <div class="upm-plugin-license-token-container tl-field"><span class="tl-label">Access token</span> ${tokenCell(app, ctx)}</div>
          <div class="upm-plugin-license-token-state-container tl-field">${stateForm(app, ctx)}</div>
        </div>
      </div>
    </div>`);
}

/** Where the page's script fetches one row's details. */
export const detailsPath = (base: string, appKey: string) => `${base}/apps/${appKey}/details`;

/**
 * A row's revision: a hash of what the row shows (its header and its details are both made from
 * the app alone, in a session whose form token does not change). The page's script replaces a
 * row only when its revision changed, so that anything a browser extension put inside an
 * unchanged row stays where it is, and fetches an expanded row's details again when it did.
 */
function revisionOf(app: InstalledAppView): string {
  return createHash('sha256').update(JSON.stringify(app)).digest('base64url').slice(0, 16);
}

/**
 * One user-installed app, in the product page's structure: its header (the name, version and
 * license status, which the overlay reads), and its details only when `expanded` (else they are
 * fetched when the row is expanded). Kept small: a site of a thousand apps opens at once.
 */
export function appRow(app: InstalledAppView, ctx: RowContext, expanded = false): HtmlEscapedString {
  const toggle = expanded
    ? ctx.base
    : `${ctx.base}?expand=${encodeURIComponent(app.appKey)}#${idFor('upm-details', app)}`;
  return syncHtml(
    html`<div class="upm-plugin user-installed upm-remotable${expanded ? ' expanded' : ''}" data-key="${app.appKey}" data-rev="${revisionOf(app)}"><div class="upm-plugin-row"><button type="button" class="tl-toggle" aria-expanded="${String(expanded)}" aria-label="Details of ${app.name}"></button><h4 class="upm-plugin-name">${app.name}</h4><span class="upm-plugin-installed-version">${app.version ?? ''}</span><span class="tl-row-status">${statusOf(app)}</span><noscript><a class="tl-details-link" href="${toggle}">${expanded ? 'Hide details' : 'Details'}</a></noscript></div>${expanded ? appDetails(app, ctx) : ''}</div>`,
  );
}
