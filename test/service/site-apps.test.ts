import { describe, expect, it } from 'vitest';
import { SiteAppsSchema } from '../../lib/domain/installed-app';
import { DEMO_SITES } from '../../lib/service/demo-data';
import { problemOf, validationProblemOf } from './support/answers';
import { testService } from './support/test-service';

const SITE = DEMO_SITES[0];
const path = `/api/v1/sites/${SITE}/apps`;

describe('GET /sites/{host}/apps', () => {
  it('answers the installed apps with tokens (masked) and license states, and an ETag', async () => {
    const service = await testService();
    const token = await service.signIn();
    const response = await service.request('GET', path, { token });
    expect(response.status).toBe(200);
    const body = SiteAppsSchema.parse(await response.json());
    expect(response.headers.get('ETag')).toBe(body.etag);
    expect(body.items.map((app) => app.appKey)).toEqual(['com.acme.hello', 'com.acme.reports', 'com.acme.timesheets']);
    const timesheets = body.items.find((app) => app.appKey === 'com.acme.timesheets');
    expect(timesheets?.license.state).toBe('active-trial');
    expect(timesheets?.lic).toBe('active');
    expect(timesheets?.token?.last4).toHaveLength(4);
    expect(JSON.stringify(body)).not.toContain('mat_');
  });

  it('answers 304 with no body for a matching If-None-Match, and 200 again once something changed', async () => {
    const service = await testService();
    const token = await service.signIn();
    const first = await service.request('GET', path, { token });
    const etag = first.headers.get('ETag') ?? '';
    const again = await service.request('GET', path, { token, headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    const installation = service.store.installedApps.getInstallation(SITE, 'com.acme.timesheets');
    if (!installation) throw new Error('demo data changed');
    service.store.write(() => service.store.installedApps.save({ ...installation, licenseState: 'inactive-trial' }));
    const changed = await service.request('GET', path, { token, headers: { 'If-None-Match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('ETag')).not.toBe(etag);
  });

  it('refuses without a token, with problem+json and WWW-Authenticate', async () => {
    const service = await testService();
    const response = await service.request('GET', path);
    expect(response.status).toBe(401);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    expect(response.headers.get('WWW-Authenticate')).toBe('Bearer');
  });

  it('answers 404 site_not_found for a site the service does not know', async () => {
    const service = await testService();
    const token = await service.signIn();
    const response = await service.request('GET', '/api/v1/sites/unknown.atlassian.net/apps', { token });
    expect(response.status).toBe(404);
    expect((await problemOf(response)).code).toBe('site_not_found');
  });

  it.each(['UPPER.atlassian.net', 'no_underscores.example', 'single', '-dash.example'])(
    'answers 422 validation_failed for the bad host %s',
    async (host) => {
      const service = await testService();
      const token = await service.signIn();
      const response = await service.request('GET', `/api/v1/sites/${host}/apps`, { token });
      expect(response.status).toBe(422);
      const problem = await validationProblemOf(response);
      expect(problem.code).toBe('validation_failed');
      expect(problem.errors[0]?.path).toBe('host');
    },
  );
});
