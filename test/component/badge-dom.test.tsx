import { render } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { badgeView, TokenBadge, type TokenBadgeProps } from '../../components/overlay/token-badge';
import type { SiteApp } from '../../lib/domain/site-view';
import { createBadge, paintBadge } from '../../lib/overlay/badge-dom';
import { appKey } from '../support/identifiers';

const T = '2025-02-01T09:30:00.000Z';
const NOW = new Date('2025-02-03T12:00:00.000Z');
const paid: SiteApp = {
  appKey: appKey('com.acme.timesheets'),
  name: 'Acme Timesheets',
  paymentModel: 'paid',
  installedAt: T,
  token: { id: 'tok_01HZX', last4: 'Q7xZ', appliedAt: T, status: 'active' },
  license: { state: 'active-trial', changedAt: T },
  lic: 'active',
};
const problem = { code: 'service_unreachable', message: 'The Token Lens service cannot be reached.' };
const base: TokenBadgeProps = {
  appName: 'Acme Timesheets',
  app: paid,
  loading: false,
  problem: null,
  fetchedAt: T,
  now: NOW,
};

const CASES: [string, TokenBadgeProps][] = [
  ['an active token', base],
  ['loading, nothing known', { ...base, app: undefined, loading: true, fetchedAt: null }],
  ['loading, something known', { ...base, loading: true }],
  ['not tracked', { ...base, app: undefined }],
  ['unavailable', { ...base, app: undefined, problem, fetchedAt: null }],
  ['stale', { ...base, problem, fetchedAt: '2025-02-03T11:55:00.000Z' }],
  [
    'stale for another reason, and older',
    { ...base, problem: { code: 'not_signed_in', message: 'Sign in to the Token Lens service.' }, fetchedAt: T },
  ],
  [
    'a removed token',
    {
      ...base,
      app: { ...paid, token: { ...(paid.token as NonNullable<SiteApp['token']>), status: 'removed' }, lic: 'none' },
    },
  ],
  ['no token', { ...base, app: { ...paid, token: null, license: { state: 'unlicensed', changedAt: T }, lic: 'none' } }],
  ['a free app', { ...base, app: { ...paid, paymentModel: 'free', token: null, lic: 'none' } }],
  [
    'a token only the site knows',
    { ...base, app: { ...paid, token: { id: '', last4: 'Q7xZ', appliedAt: null, status: 'active' } } },
  ],
  ['a name with markup', { ...base, appName: '<img src=x onerror="alert(1)">' }],
];

/** An element's markup with its attributes in one order, so that two renderings compare by what they say. */
function normalised(element: Element): string {
  const attributes = [...element.attributes]
    .map((attribute) => `${attribute.name}=${JSON.stringify(attribute.value)}`)
    .sort()
    .join(' ');
  const children = [...element.childNodes]
    .map((node) =>
      node.nodeType === Node.ELEMENT_NODE ? normalised(node as Element) : JSON.stringify(node.textContent),
    )
    .join('');
  return `<${element.tagName.toLowerCase()} ${attributes}>${children}</>`;
}

function byPreact(props: TokenBadgeProps): string {
  const { container, unmount } = render(<TokenBadge {...props} />);
  const markup = normalised(container.firstElementChild as Element);
  unmount();
  return markup;
}

describe('a badge painted without Preact (the overlay’s rows)', () => {
  it.each(CASES)('reads exactly as TokenBadge renders it: %s', (_case, props) => {
    const badge = createBadge(document);
    paintBadge(badge, badgeView(props), true);
    expect(normalised(badge.element)).toBe(byPreact(props));
  });

  it.each(
    CASES.flatMap(([from, a]) =>
      CASES.map(([to, b]): [string, string, TokenBadgeProps, TokenBadgeProps] => [from, to, a, b]),
    ),
  )('painted again, from %s to %s, reads as a fresh rendering', (_from, _to, a, b) => {
    const badge = createBadge(document);
    paintBadge(badge, badgeView(a), true);
    paintBadge(badge, badgeView(b), true);
    expect(normalised(badge.element)).toBe(byPreact(b));
  });

  it('leaves the tooltip out until asked for it', () => {
    const badge = createBadge(document);
    paintBadge(badge, badgeView(base), false);
    expect(badge.element.hasAttribute('title')).toBe(false);
    expect(badge.element.textContent).toBe('••Q7xZ activeActive trial');
  });
});
