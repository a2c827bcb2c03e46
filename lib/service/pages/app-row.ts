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

function rowContent(app: InstalledAppView, ctx: RowContext) {
  const status = app.paymentModel === 'free' ? 'Free app' : LICENSE_STATE_LABELS[app.license.state];
  return html`<div class="upm-plugin-row">
      <button type="button" class="tl-toggle" aria-expanded="true" aria-label="Details of ${app.name}"></button>
      <h4 class="upm-plugin-name">${app.name}</h4>
      <span class="upm-plugin-installed-version">${app.version ?? ''}</span>
      <span class="tl-row-status">${status}</span>
    </div>
    <div class="upm-details loaded">
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
    </div>`;
}

/**
 * One user-installed app, in the product page's structure. `data-rev` is a hash of the row's own
 * markup: the page's script replaces a row only when its revision changed, so that anything a
 * browser extension put inside an unchanged row stays where it is.
 */
export function appRow(app: InstalledAppView, ctx: RowContext): HtmlEscapedString {
  const content = syncHtml(rowContent(app, ctx));
  const rev = createHash('sha256').update(content.toString()).digest('base64url').slice(0, 16);
  return syncHtml(
    html`<div class="upm-plugin user-installed upm-remotable expanded" data-key="${app.appKey}" data-rev="${rev}">
    ${content}
  </div>`,
  );
}
