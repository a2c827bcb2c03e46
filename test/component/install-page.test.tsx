import { render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { InstallPage } from '../../components/install/install-page';
import type { InstalledApp } from '../../lib/domain/installed-app';
import type { askBackground } from '../../lib/messaging/extension-page-ask';
import { appKey, siteHost } from '../support/identifiers';
import { person } from '../support/person-events';

const HOST = siteHost('acme-dev.atlassian.net');
const URL_WITH_TOKEN =
  'https://apps.acme.example/reports/atlassian-connect.json?access-token=mat_0123456789abcdefghijABCDEFGHIJ012345';

const installed = (name: string, installedAt: string): InstalledApp => ({
  appKey: appKey(`com.acme.${name.toLowerCase()}`),
  name,
  paymentModel: 'paid',
  installedAt,
  token: { id: 't', last4: '2345', appliedAt: installedAt, status: 'active' },
  license: { state: 'active-subscription', changedAt: installedAt },
  lic: 'active',
});

function fakeAsk(reply: Awaited<ReturnType<typeof askBackground>>) {
  return vi.fn(async () => reply) as unknown as typeof askBackground & ReturnType<typeof vi.fn>;
}

const field = () => screen.getByLabelText('Token URL') as HTMLInputElement;
const submit = () => person.submit(screen.getByRole('button', { name: 'Install' }).closest('form') as HTMLFormElement);

describe('the install window', () => {
  it('installs from a pasted token URL, names what it installed, and clears the secret from the field', async () => {
    const ask = fakeAsk({
      ok: true,
      data: {
        view: {
          host: HOST,
          // Another app installed later, by someone else: the window names the one it installed.
          apps: [installed('Reports', '2026-11-01T09:00:00.000Z'), installed('Timesheets', '2026-11-02T09:00:00.000Z')],
          fetchedAt: '2026-11-02T09:00:00.000Z',
          problem: null,
        },
        installed: installed('Reports', '2026-11-01T09:00:00.000Z'),
      },
    });
    render(<InstallPage host={HOST} ask={ask} />);
    expect(screen.getByText(HOST)).toBeTruthy();
    person.input(field(), `  ${URL_WITH_TOKEN}\n`);
    submit();
    await waitFor(() =>
      expect(ask).toHaveBeenCalledWith({ type: 'site.installFromUrl', host: HOST, installUrl: URL_WITH_TOKEN }),
    );
    expect((await screen.findByRole('status')).textContent).toBe(`Installed Reports on ${HOST}: Active subscription.`);
    expect(field().value).toBe('');
  });

  it('refuses what is not a token URL before asking anyone', async () => {
    const ask = fakeAsk({ ok: false, error: { code: 'never', message: 'never' } });
    render(<InstallPage host={HOST} ask={ask} />);
    person.input(field(), 'https://apps.acme.example/reports/atlassian-connect.json');
    submit();
    const alert = await screen.findByRole('alert');
    expect(alert.dataset.code).toBe('not_a_token_url');
    expect(ask).not.toHaveBeenCalled();
  });

  it('shows the service’s refusal by its code, and keeps the URL to correct', async () => {
    const ask = fakeAsk({
      ok: false,
      error: { code: 'private_listings_disabled', message: 'Enable private listings on this site first.' },
    });
    render(<InstallPage host={HOST} ask={ask} />);
    person.input(field(), URL_WITH_TOKEN);
    submit();
    const alert = await screen.findByRole('alert');
    expect(alert.dataset.code).toBe('private_listings_disabled');
    expect(field().value).toBe(URL_WITH_TOKEN);
  });

  it('offers the options page when signed out', async () => {
    const openOptions = vi.fn();
    const ask = fakeAsk({ ok: false, error: { code: 'not_signed_in', message: 'Sign in to the Token Lens service.' } });
    render(<InstallPage host={HOST} ask={ask} openOptions={openOptions} />);
    person.input(field(), URL_WITH_TOKEN);
    submit();
    person.click(await screen.findByRole('button', { name: 'Open Token Lens options' }));
    expect(openOptions).toHaveBeenCalledTimes(1);
  });

  it('says what to do when opened without a site', () => {
    render(<InstallPage host={null} />);
    expect(screen.getByRole('alert').textContent).toContain('Open this from the Token Lens bar');
    expect(screen.queryByLabelText('Token URL')).toBeNull();
  });

  it('says which app and token a pasted URL names before installing', async () => {
    const ask = vi.fn(async (request: { type: string }) =>
      request.type === 'site.describeTokenUrl'
        ? {
            ok: true,
            data: { app: { appKey: 'com.acme.reports', name: 'Acme Reports', installedHere: false }, last4: '2345' },
          }
        : { ok: false, error: { code: 'never', message: 'never' } },
    ) as unknown as typeof askBackground & ReturnType<typeof vi.fn>;
    render(<InstallPage host={HOST} ask={ask} />);
    person.input(field(), URL_WITH_TOKEN);
    expect(await screen.findByText('Installs Acme Reports with token ••2345.')).toBeTruthy();
    expect(ask).toHaveBeenCalledWith({ type: 'site.describeTokenUrl', host: HOST, installUrl: URL_WITH_TOKEN });
  });
});
