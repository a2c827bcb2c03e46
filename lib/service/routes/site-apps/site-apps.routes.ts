import { createRoute, z } from '@hono/zod-openapi';
import { AppKeySchema } from '../../../domain/identifiers';
import { InstalledAppSchema, SiteAppsSchema } from '../../../domain/installed-app';
import { LicenseStateSchema } from '../../../domain/license-state';
import {
  AUTH_PROBLEMS,
  jsonBody,
  jsonResponse,
  problem,
  problemContent,
  SiteAppParamsSchema,
  SiteParamsSchema,
} from '../schemas';

export const listSiteAppsRoute = createRoute({
  method: 'get',
  path: '/sites/{host}/apps',
  operationId: 'siteApps.list',
  tags: ['Site apps'],
  summary: 'Installed apps of a site, with tokens and license states [siteApps.list]',
  description: 'Answers with an `ETag`; a matching `If-None-Match` gets 304 with no body.',
  request: { params: SiteParamsSchema },
  responses: {
    200: {
      description: 'The installed apps',
      content: { 'application/json': { schema: SiteAppsSchema } },
    },
    304: { description: 'Not modified since the ETag given in If-None-Match' },
    404: { description: 'site_not_found', content: problemContent },
    ...AUTH_PROBLEMS,
  },
});

const InstalledAppResponse = jsonResponse('The installed app', InstalledAppSchema);
const tags = ['Site apps'];

const InstallSchema = z.union([
  z.strictObject({
    installUrl: z.string().min(1).max(4096).describe('A token URL: the descriptor URL with ?access-token=<token>'),
    licenseState: LicenseStateSchema.optional(),
  }),
  z.strictObject({ appKey: AppKeySchema }),
]);

export const installRoute = createRoute({
  method: 'post',
  path: '/sites/{host}/apps',
  operationId: 'siteApps.install',
  tags,
  summary:
    'Install an app from a token URL (licensed in one step) or, for a public app, by key (rules 5, 6, 11) [siteApps.install]',
  request: { params: SiteParamsSchema, body: jsonBody(InstallSchema) },
  responses: {
    201: InstalledAppResponse,
    404: problem('site_not_found, app_not_found, token_not_found'),
    409: problem('private_listings_disabled, token_required, app_already_installed, token_bound_elsewhere'),
    410: problem('token_removed'),
    ...AUTH_PROBLEMS,
  },
});

export const uninstallRoute = createRoute({
  method: 'delete',
  path: '/sites/{host}/apps/{appKey}',
  operationId: 'siteApps.uninstall',
  tags,
  summary: 'Uninstall an app; its token stays bound to the site [siteApps.uninstall]',
  request: { params: SiteAppParamsSchema },
  responses: {
    204: { description: 'Uninstalled' },
    404: problem('site_not_found, app_not_installed'),
    ...AUTH_PROBLEMS,
  },
});

export const applyTokenRoute = createRoute({
  method: 'put',
  path: '/sites/{host}/apps/{appKey}/token',
  operationId: 'siteApps.applyToken',
  tags,
  summary: 'Apply a token to an installed app (rules 3–5, 9, 10) [siteApps.applyToken]',
  request: {
    params: SiteAppParamsSchema,
    body: jsonBody(z.strictObject({ token: z.string().min(1).max(200), licenseState: LicenseStateSchema.optional() })),
  },
  responses: {
    200: InstalledAppResponse,
    404: problem('site_not_found, app_not_installed, token_not_found'),
    409: problem('private_listings_disabled, token_bound_elsewhere, license_not_applicable'),
    410: problem('token_removed'),
    ...AUTH_PROBLEMS,
  },
});

export const clearTokenRoute = createRoute({
  method: 'delete',
  path: '/sites/{host}/apps/{appKey}/token',
  operationId: 'siteApps.clearToken',
  tags,
  summary: 'Clear the token on the site: the app stays installed, unlicensed (rule 8) [siteApps.clearToken]',
  request: { params: SiteAppParamsSchema },
  responses: { 200: InstalledAppResponse, 404: problem('site_not_found, app_not_installed'), ...AUTH_PROBLEMS },
});

export const setLicenseRoute = createRoute({
  method: 'put',
  path: '/sites/{host}/apps/{appKey}/license',
  operationId: 'siteApps.setLicense',
  tags,
  summary: 'Switch the license state (rule 9) [siteApps.setLicense]',
  request: { params: SiteAppParamsSchema, body: jsonBody(z.strictObject({ state: LicenseStateSchema })) },
  responses: {
    200: InstalledAppResponse,
    404: problem('site_not_found, app_not_installed'),
    409: problem('license_requires_token, license_not_applicable'),
    ...AUTH_PROBLEMS,
  },
});
