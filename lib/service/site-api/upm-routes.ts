import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import { AppKeySchema } from '../../domain/identifiers';
import { LICENSE_STATE_WIRE_VALUES, LICENSE_STATES, licenseStateFromWireValue } from '../../domain/license-state';
import { assertAllowed } from '../auth/authorize';
import type { AppEnv, ServiceDeps } from '../deps';
import type { HostPolicy } from '../host-policy';
import { getInstallTask, startInstallTask } from '../operations/install-tasks-operations';
import {
  changeLicenseToken,
  clearLicenseToken,
  getLicenseToken,
  listLicenseTokens,
} from '../operations/license-tokens-operations';
import { getPlugin, listPlugins } from '../operations/site-plugins-operations';
import { getSite } from '../operations/sites-operations';
import { ServiceError } from '../problem';
import { checkXsrf, hostParam, jsonBody, keyParam, siteCaller, upmBase, validBody } from './site-api-http';
import { isValidUpmToken, upmTokenFor } from './upm-token';

/**
 * The site's UPM REST API (`<site>/rest/plugins/1.0/`), as the product's *Manage apps* page and
 * public clients of it (craftamap/pluploader) use it. Reads and changes call the same operations
 * as `/api/v1`, with the same method ids: every rule holds in the same transactions.
 */

const InstallSchema = z.object({ pluginUri: z.string().trim().min(1).max(4096) });

const WireStateSchema = z
  .string()
  .refine((wire) => licenseStateFromWireValue(wire) !== undefined, {
    message: `One of ${LICENSE_STATES.map((state) => LICENSE_STATE_WIRE_VALUES[state]).join(', ')}.`,
  })
  .transform((wire) => licenseStateFromWireValue(wire));

const LicenseTokenChangeSchema = z
  .object({
    pluginKey: AppKeySchema,
    token: z.string().trim().min(1).max(200).optional(),
    state: WireStateSchema.optional(),
  })
  .refine((change) => change.token !== undefined || change.state !== undefined, {
    message: 'Give a token to apply, a state to switch to, or both.',
  });

const TaskIdSchema = z.string().min(1).max(64);

export function registerUpmRoutes(app: OpenAPIHono<AppEnv>, deps: ServiceDeps, hosts: () => HostPolicy): void {
  const base = '/sites/:host/rest/plugins/1.0';

  /** The caller of a read, allowed `methods`. */
  const reader = (c: Context, ...methods: Parameters<typeof assertAllowed>[1][]) => {
    const caller = siteCaller(c, deps, { bearer: false });
    assertAllowed(caller.principal, ...methods);
    return caller;
  };
  /** The caller of a change: XSRF checked for the session cookie before anything else. */
  const changer = (c: Context, ...methods: Parameters<typeof assertAllowed>[1][]) => {
    const caller = siteCaller(c, deps, { bearer: false });
    checkXsrf(c, caller, hosts);
    assertAllowed(caller.principal, ...methods);
    return caller;
  };

  // HEAD is answered by this GET route (Hono drops the body): both carry the `upm-token`.
  const list = (c: Context) => {
    const { principal, ctx } = reader(c, 'siteApps.list');
    const host = hostParam(c);
    const plugins = listPlugins(ctx, host).map((plugin) => ({
      ...plugin,
      links: { self: `${upmBase(host)}/${plugin.key}-key` },
    }));
    c.header('upm-token', upmTokenFor(principal.tokenHash, deps.now()));
    return c.json({ plugins, links: {} }, 200);
  };
  app.get(`${base}/`, list);
  app.get(base, list);

  const install = async (c: Context) => {
    const { principal, ctx } = changer(c, 'siteApps.install');
    const host = hostParam(c);
    getSite(ctx, host);
    if (!isValidUpmToken(principal.tokenHash, c.req.query('token'), deps.now())) {
      throw new ServiceError(
        403,
        'upm_token_invalid',
        'The upm-token is missing or stale: read it again from HEAD …/rest/plugins/1.0/ and send it as ?token=.',
      );
    }
    const { pluginUri } = validBody(InstallSchema, await jsonBody(c));
    const task = startInstallTask(ctx, host, pluginUri);
    return c.json(
      { type: 'INSTALL', status: { done: false }, links: { self: `${upmBase(host)}/pending/${task.id}` } },
      202,
    );
  };
  app.post(`${base}/`, install);
  app.post(base, install);

  app.get(`${base}/pending/:taskId`, (c) => {
    const { ctx } = reader(c, 'siteApps.install');
    const host = hostParam(c);
    const id = TaskIdSchema.safeParse(c.req.param('taskId'));
    const task = getInstallTask(ctx, host, id.success ? id.data : '');
    if ('installed' in task.outcome) return c.redirect(`${upmBase(host)}/${task.outcome.installed}-key`, 303);
    const { subCode, errorMessage } = task.outcome;
    return c.json({ type: 'INSTALL', status: { done: true, subCode, errorMessage } }, 200);
  });

  // Full token values: reading them takes tokens.read as well, as the same values do through /api/v1.
  app.get(`${base}/license-tokens`, (c) => {
    const { ctx } = reader(c, 'siteApps.list', 'tokens.read');
    return c.json({ tokens: listLicenseTokens(ctx, hostParam(c)) }, 200);
  });

  app.get(`${base}/license-tokens/:plugin{[^/]+-key}`, (c) => {
    const { ctx } = reader(c, 'siteApps.list', 'tokens.read');
    return c.json(getLicenseToken(ctx, hostParam(c), keyParam(c, 'plugin')), 200);
  });

  app.post(`${base}/license-tokens`, async (c) => {
    const { principal, ctx } = changer(c, 'tokens.read');
    const host = hostParam(c);
    getSite(ctx, host);
    const change = validBody(LicenseTokenChangeSchema, await jsonBody(c));
    const view = changeLicenseToken(ctx, host, change, (method) => assertAllowed(principal, method));
    return c.json(view, 200);
  });

  app.delete(`${base}/license-tokens/:plugin{[^/]+-key}`, (c) => {
    const { ctx } = changer(c, 'siteApps.clearToken');
    clearLicenseToken(ctx, hostParam(c), keyParam(c, 'plugin'));
    return c.body(null, 204);
  });

  app.get(`${base}/:plugin{[^/]+-key}`, (c) => {
    const { ctx } = reader(c, 'siteApps.list');
    return c.json({ ...getPlugin(ctx, hostParam(c), keyParam(c, 'plugin')), modules: [] }, 200);
  });
}
