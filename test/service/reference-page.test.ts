import { describe, expect, it } from 'vitest';
import { DEMO_SITES } from '../../lib/service/demo-data';
import { problemOf } from './support/answers';
import { OWNER, testService } from './support/test-service';

const PAGE = `/sites/${DEMO_SITES[0]}/plugins/servlet/upm`;
const ORIGIN = 'http://localhost';

async function signInOnPage(service: Awaited<ReturnType<typeof testService>>) {
  const response = await service.app.request('/sign-in', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN },
    body: new URLSearchParams({ email: OWNER.email, password: OWNER.password, next: PAGE }).toString(),
  });
  return response;
}

describe('the reference Manage apps page', () => {
  it('sends a person who is not signed in to the sign-in form, and back afterwards', async () => {
    const service = await testService();
    const page = await service.app.request(PAGE);
    expect(page.status).toBe(303);
    expect(page.headers.get('Location')).toBe(`/sign-in?next=${encodeURIComponent(PAGE)}`);

    const signIn = await signInOnPage(service);
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get('Location')).toBe(PAGE);
    const cookie = signIn.headers.get('Set-Cookie') ?? '';
    expect(cookie).toMatch(/^tl_session=tls_/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it('shows one row per installed app in the product page’s structure, with security headers', async () => {
    const service = await testService();
    const cookie = (await signInOnPage(service)).headers.get('Set-Cookie')?.split(';')[0] ?? '';
    const response = await service.app.request(PAGE, { headers: { Cookie: cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('X-Frame-Options')).toBe('DENY');
    expect(response.headers.get('Referrer-Policy')).toBe('no-referrer');
    expect(response.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
    const html = await response.text();
    const rows = html.match(/<div class="upm-plugin user-installed[^"]*" data-key="[^"]+"/g) ?? [];
    expect(rows).toHaveLength(3);
    expect(html).toContain('id="upm-manage-plugins-user-installed"');
    expect(html).toContain('<h4 class="upm-plugin-name">Acme Timesheets</h4>');
    // A row's details (its license, token and status menu) come when it is expanded, as on the product's page.
    expect(html).not.toMatch(/<select[^>]*class="token-state"/);
    const details = await service.app.request(`${PAGE}/apps/com.acme.timesheets/details`, {
      headers: { Cookie: cookie },
    });
    expect(details.status).toBe(200);
    const detailsHtml = await details.text();
    expect(detailsHtml).toMatch(/^<div class="upm-details loaded"/);
    expect(detailsHtml).toMatch(/<select[^>]*class="token-state"/);
    expect(detailsHtml).toContain('value="ACTIVE_SUBSCRIPTION_CANCELLED"');
  });

  it('refuses a sign-in form posted from another origin', async () => {
    const service = await testService();
    const response = await service.app.request('/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example' },
      body: new URLSearchParams({ email: OWNER.email, password: OWNER.password }).toString(),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('Set-Cookie')).toBeNull();
  });

  it('shows the form again with a clear message after a wrong password', async () => {
    const service = await testService();
    const response = await service.app.request('/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN },
      body: new URLSearchParams({ email: OWNER.email, password: 'wrong' }).toString(),
    });
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('The email or password is not right.');
  });

  it.each([
    '/\t/evil.example/',
    '//evil.example/x',
    '/\\evil.example',
    '/\r\n/evil.example',
    'https://evil.example/',
    // Paths that become `//evil.test` only once resolved (the review's finding).
    '/..//evil.test/phish',
    '/.//evil.test',
    '/a/../..//evil.test',
    '/%2e%2e//evil.test',
    '/%2E%2E//evil.test/x?y#z',
  ])('never redirects to another origin after sign-in (next=%j)', async (next) => {
    const service = await testService();
    const response = await service.app.request('/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN },
      body: new URLSearchParams({ email: OWNER.email, password: OWNER.password, next }).toString(),
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe('/');
  });

  it.each([
    ['/..//evil.test/phish', '/'],
    ['/%2e%2e//evil.test', '/'],
    [`/a/..${PAGE}`, PAGE],
  ])('offers only a safe next path on the sign-in form (next=%j)', async (next, expected) => {
    const service = await testService();
    const response = await service.app.request(`/sign-in?next=${encodeURIComponent(next)}`);
    expect(await response.text()).toContain(`name="next" value="${expected}"`);
  });

  it.each(['/sign-in', '/sign-out', `${PAGE}/settings`])(
    'answers an unreadable form on %s with 400, not 500',
    async (path) => {
      const service = await testService();
      const cookie = (await signInOnPage(service)).headers.get('Set-Cookie')?.split(';')[0] ?? '';
      const response = await service.app.request(path, {
        method: 'POST',
        headers: { 'Content-Type': 'multipart/form-data; boundary=xx', Origin: ORIGIN, Cookie: cookie },
        body: '--xx\r\nContent-Disposition: form-data; name="email"\r\n\r\nunterminated',
      });
      expect(response.status).toBe(400);
      expect((await problemOf(response)).code).toBe('malformed_form');
    },
  );

  it('never redirects to another origin after sign-in', async () => {
    const service = await testService();
    const response = await service.app.request('/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN },
      body: new URLSearchParams({ email: OWNER.email, password: OWNER.password, next: '//evil.example/x' }).toString(),
    });
    expect(response.headers.get('Location')).toBe('/');
  });
});
