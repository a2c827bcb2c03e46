import { createRoute } from '@hono/zod-openapi';
import { SiteAppsSchema } from '../../../domain/installed-app';
import { AUTH_PROBLEMS, problemContent, SiteParamsSchema } from '../schemas';

export const listSiteAppsRoute = createRoute({
  method: 'get',
  path: '/sites/{host}/apps',
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
