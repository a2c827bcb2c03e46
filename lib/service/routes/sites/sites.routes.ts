import { createRoute, z } from '@hono/zod-openapi';
import { SiteHostSchema } from '../../../domain/identifiers';
import { SiteSchema } from '../../../domain/site';
import { AUTH_PROBLEMS, jsonBody, jsonResponse, problem, SiteParamsSchema } from '../schemas';

const tags = ['Sites'];

export const listSitesRoute = createRoute({
  method: 'get',
  path: '/sites',
  operationId: 'sites.list',
  tags,
  summary: 'List the emulated sites [sites.list]',
  responses: { 200: jsonResponse('The sites', z.object({ items: z.array(SiteSchema) })), ...AUTH_PROBLEMS },
});

export const createSiteRoute = createRoute({
  method: 'post',
  path: '/sites',
  operationId: 'sites.create',
  tags,
  summary: 'Add a site [sites.create]',
  request: { body: jsonBody(z.strictObject({ host: SiteHostSchema })) },
  responses: { 201: jsonResponse('Created', SiteSchema), 409: problem('site_exists'), ...AUTH_PROBLEMS },
});

export const getSiteRoute = createRoute({
  method: 'get',
  path: '/sites/{host}',
  operationId: 'sites.read',
  tags,
  summary: 'Read a site [sites.read]',
  request: { params: SiteParamsSchema },
  responses: { 200: jsonResponse('The site', SiteSchema), 404: problem('site_not_found'), ...AUTH_PROBLEMS },
});

export const updateSiteRoute = createRoute({
  method: 'patch',
  path: '/sites/{host}',
  operationId: 'sites.update',
  tags,
  summary: 'Change a site’s settings: enable or disable private listings [sites.update]',
  request: { params: SiteParamsSchema, body: jsonBody(z.strictObject({ privateListingsEnabled: z.boolean() })) },
  responses: { 200: jsonResponse('The site', SiteSchema), 404: problem('site_not_found'), ...AUTH_PROBLEMS },
});
