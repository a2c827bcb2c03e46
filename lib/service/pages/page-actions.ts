import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { html } from 'hono/html';
import { z } from 'zod';
import { SiteHostSchema } from '../../domain/identifiers';
import { LICENSE_STATE_LABELS, licenseStateFromWireValue } from '../../domain/license-state';
import type { ApiMethod } from '../auth/api-methods';
import type { AppEnv, Principal, ServiceDeps } from '../deps';
import { createToken } from '../operations/access-tokens-operations';
import type { OperationContext } from '../operations/context';
import { applyToken, clearToken, installApp, setLicense } from '../operations/site-apps-operations';
import { getSite, updateSite } from '../operations/sites-operations';
import { ServiceError } from '../problem';
import { isValidCsrfToken } from './csrf-token';
import { type Flash, setFlash } from './flash';
import { layout, setPageSecurityHeaders } from './layout';
import { manageAppsPath } from './manage-apps-page';
import { pagePrincipal } from './page-session';
import { readForm } from './read-form';

type Form = Record<string, unknown>;

interface ActionInput {
  ctx: OperationContext;
  principal: Principal;
  host: string;
  appKey: string;
  form: Form;
}

/** What a person reads when their role does not allow an action. */
const ACTION_WORDS: Partial<Record<ApiMethod, string>> = {
  'sites.update': 'change this site’s settings',
  'siteApps.list': 'see the apps of a site',
  'siteApps.install': 'install apps',
  'siteApps.applyToken': 'apply access tokens',
  'siteApps.clearToken': 'remove access tokens from a site',
  'siteApps.setLicense': 'switch license states',
  'tokens.create': 'create access tokens',
};

export function requireAllowed(principal: Principal, ...methods: ApiMethod[]): void {
  for (const method of methods) {
    if (!principal.methods.has(method)) {
      throw new ServiceError(
        403,
        'insufficient_scope',
        `Your account (role ${principal.user.role}) may not ${ACTION_WORDS[method] ?? `use ${method}`}: that needs ${method}.`,
      );
    }
  }
}

/** A form field read with its rule; a missing or wrong value is refused in words. */
function field<T>(schema: z.ZodType<T>, value: unknown, refusal: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ServiceError(422, 'validation_failed', refusal);
  return parsed.data;
}

function refusedFormPage(base: string) {
  return layout(
    'Form refused',
    html`<main class="tl-narrow">
      <h1>This form could not be accepted</h1>
      <p class="tl-error" role="alert">The form did not come from this page in your current session (its form token is missing or wrong). Nothing was changed.</p>
      <p><a href="${base}">Back to Manage apps</a>: reload the page and try again.</p>
    </main>`,
  );
}

/**
 * One form action of the page: signed-in person, valid form token, then the service's own
 * operation; the outcome (or the refusal in words) is left for the page, which the browser is
 * sent back to (Post/Redirect/Get).
 */
function pageAction(deps: ServiceDeps, place: Flash['place'], run: (input: ActionInput) => Flash) {
  return async (c: Context) => {
    const host = SiteHostSchema.safeParse(c.req.param('host'));
    if (!host.success) throw new ServiceError(404, 'site_not_found', 'No such site is known to this service.');
    const base = manageAppsPath(host.data);
    const principal = pagePrincipal(c, deps);
    if (!principal) return c.redirect(`/sign-in?next=${encodeURIComponent(base)}`, 303);
    const form = await readForm(c);
    if (!isValidCsrfToken(principal.tokenHash, form.csrf)) {
      setPageSecurityHeaders(c);
      return c.html(refusedFormPage(base), 403);
    }
    const ctx: OperationContext = { deps, actor: principal.user };
    getSite(ctx, host.data);
    const appKey = c.req.param('appKey') ?? '';
    let flash: Flash;
    try {
      flash = run({ ctx, principal, host: host.data, appKey, form });
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      flash = { kind: 'error', text: error.detail, place, ...(appKey ? { appKey } : {}) };
    }
    setFlash(c, base, flash);
    return c.redirect(base, 303);
  };
}

const TokenValue = z.string().trim().min(1).max(200);

/** The page's forms: each calls the same operation as the matching API method, with the same rules. */
export function registerPageActions(app: OpenAPIHono<AppEnv>, deps: ServiceDeps): void {
  const base = '/sites/:host/plugins/servlet/upm';

  app.post(
    `${base}/settings`,
    pageAction(deps, 'page', ({ ctx, principal, host, form }) => {
      requireAllowed(principal, 'sites.update');
      const site = updateSite(ctx, host, { privateListingsEnabled: form.privateListingsEnabled === 'true' });
      const state = site.privateListingsEnabled ? 'enabled' : 'disabled';
      return { kind: 'done', place: 'page', text: `Private listings are now ${state} on ${host}.` };
    }),
  );

  app.post(
    `${base}/upload`,
    pageAction(deps, 'upload', ({ ctx, principal, host, form }) => {
      requireAllowed(principal, 'siteApps.install');
      const installUrl = field(
        z.string().trim().min(1).max(4096),
        form.url,
        'Enter the app descriptor URL: a token URL with ?access-token=….',
      );
      const installed = installApp(ctx, host, { installUrl });
      const license =
        installed.paymentModel === 'free'
          ? 'a free app'
          : `licensed as ${LICENSE_STATE_LABELS[installed.license.state]}`;
      return {
        kind: 'done',
        place: 'installed',
        appKey: installed.appKey,
        text: `${installed.name} is installed on ${host}, ${license}.`,
      };
    }),
  );

  app.post(
    `${base}/apps/:appKey/token`,
    pageAction(deps, 'page', ({ ctx, principal, host, appKey, form }) => {
      requireAllowed(principal, 'siteApps.applyToken');
      const token = field(TokenValue, form.token, 'Enter the access token to apply (mat_…).');
      const applied = applyToken(ctx, host, appKey, { token });
      return {
        kind: 'done',
        place: 'page',
        appKey,
        text: `Access token ••••${applied.token?.last4 ?? ''} applied to ${applied.name}: ${LICENSE_STATE_LABELS[applied.license.state]}.`,
      };
    }),
  );

  app.post(
    `${base}/apps/:appKey/token/remove`,
    pageAction(deps, 'page', ({ ctx, principal, host, appKey }) => {
      requireAllowed(principal, 'siteApps.clearToken');
      const cleared = clearToken(ctx, host, appKey);
      return {
        kind: 'done',
        place: 'page',
        appKey,
        text: `Access token removed from ${cleared.name}, which is now unlicensed. The token stays bound to ${host}.`,
      };
    }),
  );

  app.post(
    `${base}/apps/:appKey/token/generate`,
    pageAction(deps, 'page', ({ ctx, principal, host, appKey }) => {
      requireAllowed(principal, 'tokens.create', 'siteApps.applyToken');
      // One transaction: a token the site refuses is not left behind at the Marketplace.
      const { applied, last4 } = deps.store.write(() => {
        const token = createToken(ctx, appKey, 'Created on a reference Manage apps page');
        return { applied: applyToken(ctx, host, appKey, { token: token.value }), last4: token.value.slice(-4) };
      });
      return {
        kind: 'done',
        place: 'page',
        appKey,
        text: `Created access token ••••${last4} for ${applied.name} and applied it: ${LICENSE_STATE_LABELS[applied.license.state]}.`,
      };
    }),
  );

  app.post(
    `${base}/apps/:appKey/license`,
    pageAction(deps, 'page', ({ ctx, principal, host, appKey, form }) => {
      requireAllowed(principal, 'siteApps.setLicense');
      const wire = field(z.string().max(64), form.state, 'Choose one of the access token statuses.');
      const state = licenseStateFromWireValue(wire);
      if (!state) throw new ServiceError(422, 'validation_failed', 'Choose one of the access token statuses.');
      const changed = setLicense(ctx, host, appKey, state);
      return {
        kind: 'done',
        place: 'page',
        appKey,
        text: `${changed.name} is now ${LICENSE_STATE_LABELS[changed.license.state]}.`,
      };
    }),
  );
}
