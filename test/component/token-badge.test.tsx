import { render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { TokenBadge, type TokenBadgeProps } from '../../components/overlay/token-badge';
import type { InstalledApp } from '../../lib/domain/installed-app';
import { LICENSE_STATE_LABELS, LICENSE_STATES, licFor } from '../../lib/domain/license-state';
import { appKey } from '../support/identifiers';

const NAME = 'Acme Timesheets';
const NOW = new Date('2025-02-03T12:00:00.000Z');
const T = '2025-02-01T09:30:00.000Z';

const paidApp = (overrides: Partial<InstalledApp> = {}): InstalledApp => ({
  appKey: appKey('com.acme.timesheets'),
  name: NAME,
  paymentModel: 'paid',
  installedAt: T,
  token: { id: 'tok_01HZX', last4: 'Q7xZ', appliedAt: T, status: 'active' },
  license: { state: 'active-trial', changedAt: T },
  lic: 'active',
  ...overrides,
});

const freeApp = (): InstalledApp =>
  paidApp({
    appKey: appKey('com.acme.hello'),
    name: 'Acme Hello',
    paymentModel: 'free',
    token: null,
    license: { state: 'unlicensed', changedAt: T },
    lic: 'none',
  });

function renderBadge(props: Partial<TokenBadgeProps> = {}) {
  const all: TokenBadgeProps = {
    appName: NAME,
    app: paidApp(),
    loading: false,
    problem: null,
    fetchedAt: T,
    now: NOW,
    ...props,
  };
  render(<TokenBadge {...all} />);
  return screen.getByRole('group', { name: `Access token for ${all.appName}` });
}

describe('TokenBadge', () => {
  it('is a group named after the app', () => {
    const badge = renderBadge();
    expect(badge.getAttribute('aria-label')).toBe(`Access token for ${NAME}`);
  });

  it('shows that it is loading while nothing is known yet', () => {
    const badge = renderBadge({ app: undefined, loading: true, fetchedAt: null });
    expect(badge.getAttribute('aria-busy')).toBe('true');
    expect(badge.textContent).toBe('Token Lens…');
  });

  it('shows what it knows, not busy, while newer data loads', () => {
    const badge = renderBadge({ loading: true });
    expect(badge.getAttribute('aria-busy')).toBeNull();
    expect(badge.textContent).toContain('Q7xZ');
  });

  it('shows the token’s last four characters and its state, never more of it', () => {
    const badge = renderBadge();
    expect(badge.getAttribute('aria-busy')).toBeNull();
    expect(badge.textContent).toContain('Q7xZ');
    expect(badge.textContent).toContain('active');
    expect(badge.textContent).not.toContain('no token');
    expect(badge.textContent).not.toContain('mat_');
  });

  it('shows a removed token as removed', () => {
    const badge = renderBadge({
      app: paidApp({
        token: { id: 'tok_01HZX', last4: 'k9Pa', appliedAt: T, status: 'removed' },
        license: { state: 'unlicensed', changedAt: T },
        lic: 'none',
      }),
    });
    expect(badge.textContent).toContain('k9Pa');
    expect(badge.textContent).toContain('removed');
    expect(badge.textContent).toContain('Unlicensed');
  });

  it('says “no token” when the app has none', () => {
    const badge = renderBadge({
      app: paidApp({ token: null, license: { state: 'unlicensed', changedAt: T }, lic: 'none' }),
    });
    expect(badge.textContent).toContain('no token');
    expect(badge.textContent).toContain('Unlicensed');
    expect(badge.getAttribute('title')).toContain('No access token on this app');
  });

  it.each(LICENSE_STATES.map((state) => [LICENSE_STATE_LABELS[state], state] as const))(
    'names the license state as the product does: %s',
    (label, state) => {
      const badge = renderBadge({ app: paidApp({ license: { state, changedAt: T }, lic: licFor(state) }) });
      expect(badge.textContent).toContain(label);
      for (const other of LICENSE_STATES) {
        if (LICENSE_STATE_LABELS[other] !== label && !label.includes(LICENSE_STATE_LABELS[other])) {
          expect(badge.textContent).not.toContain(LICENSE_STATE_LABELS[other]);
        }
      }
    },
  );

  it('says “Free app” for a free app instead of a license state', () => {
    const badge = renderBadge({ appName: 'Acme Hello', app: freeApp() });
    expect(badge.textContent).toContain('Free app');
    expect(badge.textContent).toContain('no token');
    expect(badge.textContent).not.toContain('Unlicensed');
    expect(badge.getAttribute('title')).not.toContain('Unlicensed');
  });

  it('gives the token id and the license state in its tooltip', () => {
    const title = renderBadge().getAttribute('title') ?? '';
    expect(title).toContain('Token tok_01HZX');
    expect(title).toContain('Applied ');
    expect(title).toContain('Active trial since ');
  });

  it('says so when only the site knows the token, and gives no “since when” it does not know', () => {
    const title =
      renderBadge({
        app: {
          ...paidApp(),
          installedAt: null,
          token: { id: '', last4: 'Q7xZ', appliedAt: null, status: 'active' },
          license: { state: 'active-trial', changedAt: null },
        },
      }).getAttribute('title') ?? '';
    expect(title.split('\n')).toEqual(['Token ••Q7xZ (the Token Lens service does not know it)', 'Active trial']);
  });

  it('marks the data stale with its age when it could not be revalidated', () => {
    const badge = renderBadge({
      problem: { code: 'service_unreachable', message: 'The Token Lens service cannot be reached. Is it running?' },
      fetchedAt: '2025-02-03T11:55:00.000Z',
    });
    expect(badge.textContent).toContain('stale');
    expect(badge.textContent).toContain('5 min ago');
    // The last known token and state are still shown beside the mark.
    expect(badge.textContent).toContain('Q7xZ');
    expect(badge.textContent).toContain('Active trial');
    expect(screen.getByTitle('The Token Lens service cannot be reached. Is it running?').textContent).toContain(
      'stale',
    );
  });

  it('has no stale mark when the data is fresh', () => {
    expect(renderBadge().textContent).not.toContain('stale');
  });

  it('says “not tracked” when the service has no record of the app', () => {
    const badge = renderBadge({ appName: 'Someone Else’s App', app: undefined });
    expect(badge.textContent).toBe('not tracked');
    expect(badge.getAttribute('aria-busy')).toBeNull();
    expect(badge.getAttribute('title')).toContain('no record of this app');
  });

  it('says “unavailable”, with the reason, when the app is unknown because the service could not answer', () => {
    const badge = renderBadge({
      app: undefined,
      problem: { code: 'not_signed_in', message: 'Sign in to the Token Lens service.' },
      fetchedAt: null,
    });
    expect(badge.textContent).toBe('unavailable');
    expect(badge.getAttribute('title')).toBe('Sign in to the Token Lens service.');
  });

  it('renders an app name with markup as text, never as HTML', () => {
    const name = '<img src=x onerror="alert(1)">';
    const { container } = render(
      <TokenBadge appName={name} app={paidApp({ name })} loading={false} problem={null} fetchedAt={T} now={NOW} />,
    );
    expect(screen.getByRole('group', { name: `Access token for ${name}` })).toBeDefined();
    expect(container.querySelector('img')).toBeNull();
  });

  it('one badge per app: each is found by its own name', () => {
    render(
      <div>
        <TokenBadge appName={NAME} app={paidApp()} loading={false} problem={null} fetchedAt={T} now={NOW} />
        <TokenBadge appName="Acme Hello" app={freeApp()} loading={false} problem={null} fetchedAt={T} now={NOW} />
      </div>,
    );
    expect(screen.getAllByRole('group')).toHaveLength(2);
    expect(screen.getByRole('group', { name: `Access token for ${NAME}` }).textContent).toContain('Active trial');
    expect(screen.getByRole('group', { name: 'Access token for Acme Hello' }).textContent).toContain('Free app');
  });
});
