import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { OverlayBar, type OverlayBarProps } from '../../components/overlay/overlay-bar';
import { failWith, ok } from '../../lib/domain/reply';
import { appKey } from '../support/identifiers';
import { person } from '../support/person-events';

const T = '2026-11-01T09:00:00.000Z';

function renderBar(overrides: Partial<OverlayBarProps> = {}) {
  const props: OverlayBarProps = {
    siteHost: 'acme-dev.atlassian.net',
    privateListingsEnabled: false,
    problem: null,
    fetchedAt: T,
    now: new Date(T),
    enablePrivateListings: vi.fn(async () => ok(null)),
    openInstallPage: vi.fn(async () => ok(null)),
    loadInstallable: vi.fn(async () => ok({ apps: [{ appKey: appKey('com.acme.reports'), name: 'Acme Reports' }] })),
    loadTokens: vi.fn(async () =>
      ok({
        appKey: appKey('com.acme.reports'),
        tokens: [
          { id: 'tok-9', last4: 'ZZ99', note: 'for QA', createdAt: T, placement: 'unbound' as const },
          { id: 'tok-8', last4: 'YY88', note: '', createdAt: T, placement: 'elsewhere' as const },
          { id: 'tok-7', last4: 'XX77', note: '', createdAt: T, placement: 'removed' as const },
        ],
        active: 2,
        limit: 50,
        fetchedAt: T,
        problem: null,
      }),
    ),
    installWithToken: vi.fn(async () => ok(null)),
    ...overrides,
  };
  render(<OverlayBar {...props} />);
  return props;
}

describe('the overlay bar', () => {
  it('says when the service cannot tell whether private listings are on, instead of waiting for ever', () => {
    renderBar({ privateListingsEnabled: undefined });
    expect(screen.getByText(/^Private listings:/).textContent).toBe('Private listings: …');
    cleanup();
    renderBar({
      privateListingsEnabled: undefined,
      privateListingsProblem: {
        code: 'site_not_found',
        message: 'No site acme-dev.atlassian.net is known to this service.',
      },
    });
    const listings = screen.getByText(/^Private listings:/);
    expect(listings.textContent).toBe('Private listings: not known: the Token Lens service has no record of this site');
    expect(listings.title).toBe('No site acme-dev.atlassian.net is known to this service.');
    expect(screen.queryByRole('button', { name: 'Enable private listings' })).toBeNull();
    cleanup();
    renderBar({
      privateListingsEnabled: undefined,
      privateListingsProblem: { code: 'service_unreachable', message: 'x' },
    });
    expect(screen.getByText(/^Private listings:/).textContent).toBe('Private listings: not known right now');
  });

  it('has no field for a token URL: Install from token URL opens the extension’s own window', async () => {
    const props = renderBar();
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(document.querySelector('input[type="url"]')).toBeNull();
    person.click(screen.getByRole('button', { name: 'Install from token URL' }));
    await waitFor(() => expect(props.openInstallPage).toHaveBeenCalledTimes(1));
    expect(screen.queryByRole('textbox')).toBeNull();
  });

  it('says in words when the install window could not be opened', async () => {
    renderBar({
      openInstallPage: vi.fn(async () =>
        failWith('extension_unavailable', 'Token Lens could not reach its background worker.'),
      ),
    });
    person.click(screen.getByRole('button', { name: 'Install from token URL' }));
    const alert = await screen.findByRole('alert');
    expect(alert.dataset.code).toBe('extension_unavailable');
    expect(alert.textContent).toBe('Token Lens could not reach its background worker.');
  });

  it('installs with a picked token that can go here, showing only its last four characters', async () => {
    const props = renderBar();
    person.click(screen.getByRole('button', { name: 'Pick a token…' }));
    person.change(await screen.findByRole('combobox', { name: 'App' }), 'com.acme.reports');
    const token = await screen.findByRole('combobox', { name: 'Token' });
    expect(token.textContent).toBe('••ZZ99 — for QA');
    person.click(screen.getByRole('button', { name: 'Install' }));
    await waitFor(() => expect(props.installWithToken).toHaveBeenCalledWith('com.acme.reports', 'tok-9'));
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Installed and licensed.');
  });

  it('enables private listings for a person, never for a page script', async () => {
    const props = renderBar();
    const enable = screen.getByRole('button', { name: 'Enable private listings' });
    fireEvent.click(enable);
    await Promise.resolve();
    expect(props.enablePrivateListings).not.toHaveBeenCalled();
    person.click(enable);
    await waitFor(() => expect(props.enablePrivateListings).toHaveBeenCalledTimes(1));
  });

  it('opens no window, picks no app and installs nothing by synthesised events', async () => {
    const props = renderBar();
    fireEvent.click(screen.getByRole('button', { name: 'Install from token URL' }));
    fireEvent.click(screen.getByRole('button', { name: 'Pick a token…' }));
    await Promise.resolve();
    expect(props.openInstallPage).not.toHaveBeenCalled();
    expect(props.loadInstallable).not.toHaveBeenCalled();

    person.click(screen.getByRole('button', { name: 'Pick a token…' }));
    const app = (await screen.findByRole('combobox', { name: 'App' })) as HTMLSelectElement;
    app.value = 'com.acme.reports';
    fireEvent.change(app);
    await Promise.resolve();
    expect(props.loadTokens).not.toHaveBeenCalled();

    person.change(app, 'com.acme.reports');
    await screen.findByRole('combobox', { name: 'Token' });
    const form = screen.getByRole('button', { name: 'Install' }).closest('form') as HTMLFormElement;
    fireEvent.submit(form);
    form.requestSubmit();
    await Promise.resolve();
    expect(props.installWithToken).not.toHaveBeenCalled();
  });
});
