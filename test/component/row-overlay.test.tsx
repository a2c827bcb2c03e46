import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { type RowActions, RowControls, RowOverlay, type RowOverlayProps } from '../../components/overlay/row-overlay';
import type { InstalledApp } from '../../lib/domain/installed-app';
import { LICENSE_STATE_LABELS, LICENSE_STATES } from '../../lib/domain/license-state';
import { failWith, ok, type Reply } from '../../lib/domain/reply';
import type { SiteAppTokens } from '../../lib/messaging/protocol';
import { appKey, siteHost } from '../support/identifiers';
import { person } from '../support/person-events';

const NAME = 'Acme Timesheets';
const KEY = appKey('com.acme.timesheets');
const T = '2026-11-01T09:00:00.000Z';

const paidApp = (overrides: Partial<InstalledApp> = {}): InstalledApp => ({
  appKey: KEY,
  name: NAME,
  paymentModel: 'paid',
  installedAt: T,
  token: { id: 'tok-1', last4: 'AB12', appliedAt: T, status: 'active' },
  license: { state: 'active-trial', changedAt: T },
  lic: 'active',
  ...overrides,
});

const tokens = (overrides: Partial<SiteAppTokens> = {}): SiteAppTokens => ({
  appKey: KEY,
  tokens: [
    { id: 'tok-1', last4: 'AB12', note: '', createdAt: T, placement: 'here' },
    { id: 'tok-2', last4: 'CD34', note: 'for QA', createdAt: T, placement: 'unbound' },
    { id: 'tok-3', last4: 'EF56', note: '', createdAt: T, placement: 'elsewhere' },
    { id: 'tok-4', last4: 'GH78', note: '', createdAt: T, placement: 'removed' },
  ],
  active: 3,
  limit: 50,
  fetchedAt: T,
  problem: null,
  ...overrides,
});

function fakeActions(overrides: Partial<RowActions> = {}): RowActions {
  return {
    setLicense: vi.fn(async () => ok(null)),
    applyToken: vi.fn(async () => ok(null)),
    createAndApply: vi.fn(async () => ok(null)),
    clearToken: vi.fn(async () => ok(null)),
    loadTokens: vi.fn(async () => ok(tokens())),
    tokenUrl: vi.fn(async () => ok({ url: 'https://example.test/d.json?access-token=mat_x' })),
    openApplyPage: vi.fn(async () => ok(null)),
    ...overrides,
  };
}

function renderRow(props: Partial<RowOverlayProps> = {}) {
  const actions = props.actions ?? fakeActions();
  render(
    <RowOverlay
      appName={NAME}
      appKey={KEY}
      siteHost={siteHost('acme-dev.atlassian.net')}
      app={paidApp()}
      loading={false}
      problem={null}
      fetchedAt={T}
      now={new Date(T)}
      {...props}
      actions={actions}
    />,
  );
  return actions;
}

/** The text of the elements an element's aria-describedby names. */
function descriptionOf(element: HTMLElement): string {
  const ids = element.getAttribute('aria-describedby')?.split(/\s+/) ?? [];
  return ids.map((id) => element.ownerDocument.getElementById(id)?.textContent ?? '').join(' ');
}

const licenseGroup = () => screen.getByRole('radiogroup', { name: `License state for ${NAME}` });

describe('license switch', () => {
  it('offers the six states by the product’s names, with the service’s state checked', () => {
    renderRow();
    const radios = within(licenseGroup()).getAllByRole('radio');
    expect(radios.map((radio) => radio.closest('label')?.textContent)).toEqual(
      LICENSE_STATES.map((state) => LICENSE_STATE_LABELS[state]),
    );
    expect((within(licenseGroup()).getByRole('radio', { name: 'Active trial' }) as HTMLInputElement).checked).toBe(
      true,
    );
  });

  it('switches with one click, and keeps showing the service’s state until it answers', async () => {
    let answer: (value: Reply<unknown>) => void = () => undefined;
    const actions = renderRow({
      actions: fakeActions({ setLicense: vi.fn(() => new Promise<Reply<unknown>>((resolve) => (answer = resolve))) }),
    });
    person.click(screen.getByRole('radio', { name: 'Inactive subscription' }));
    expect(actions.setLicense).toHaveBeenCalledWith(KEY, 'inactive-subscription');
    expect(licenseGroup()?.getAttribute('aria-busy')).toBe('true');
    expect((screen.getByRole('radio', { name: 'Active trial' }) as HTMLInputElement).checked).toBe(true);
    answer(ok(null));
    await waitFor(() => expect(licenseGroup()?.getAttribute('aria-busy')).toBe('false'));
  });

  it('moves between states with the arrow keys without switching; Space switches', () => {
    const actions = renderRow();
    const trial = screen.getByRole('radio', { name: 'Active trial' });
    const next = screen.getByRole('radio', { name: 'Inactive trial' });
    // What a browser does on ArrowRight: the key, then a click on the next radio.
    person.keyDown(trial, { key: 'ArrowRight' });
    person.click(next);
    expect(actions.setLicense).not.toHaveBeenCalled();
    person.keyDown(next, { key: ' ' });
    expect(actions.setLicense).toHaveBeenCalledWith(KEY, 'inactive-trial');
  });

  it('keeps the radios focusable while a switch runs, so focus stays where it was', () => {
    renderRow({ actions: fakeActions({ setLicense: vi.fn(() => new Promise<Reply<unknown>>(() => undefined)) }) });
    person.click(screen.getByRole('radio', { name: 'Inactive subscription' }));
    expect(licenseGroup().getAttribute('aria-busy')).toBe('true');
    for (const radio of within(licenseGroup()).getAllByRole('radio'))
      expect((radio as HTMLInputElement).disabled).toBe(false);
  });

  it('shows a refusal in words, by its code', async () => {
    renderRow({
      actions: fakeActions({
        setLicense: vi.fn(async () => failWith('license_requires_token', 'Apply a token first.')),
      }),
    });
    person.click(screen.getByRole('radio', { name: 'Unlicensed' }));
    const alert = await screen.findByRole('alert');
    expect(alert.dataset.code).toBe('license_requires_token');
    expect(alert.textContent).toBe('Apply a token first.');
    // The switch names the refusal as its description.
    expect(licenseGroup().getAttribute('aria-describedby')).toBe(alert.id);
  });

  it('does nothing on a click on the state already held', () => {
    const actions = renderRow();
    person.click(screen.getByRole('radio', { name: 'Active trial' }));
    expect(actions.setLicense).not.toHaveBeenCalled();
  });

  it.each([
    ['a free app', { paymentModel: 'free' as const, token: null }, 'is free'],
    ['an app with no token', { token: null }, 'No access token on this app'],
    [
      'a removed token',
      { token: { id: 't', last4: 'ZZZZ', appliedAt: T, status: 'removed' as const } },
      'was removed at the Marketplace',
    ],
  ])('is disabled with the reason for %s', (_case, overrides, reason) => {
    renderRow({ app: paidApp(overrides) });
    for (const radio of within(licenseGroup()).getAllByRole('radio'))
      expect((radio as HTMLInputElement | HTMLButtonElement).disabled).toBe(true);
    expect(descriptionOf(licenseGroup())).toContain(reason);
  });

  it('disables every control, saying why, when the service cannot be reached', () => {
    renderRow({ problem: { code: 'service_unreachable', message: 'The Token Lens service cannot be reached.' } });
    for (const radio of within(licenseGroup()).getAllByRole('radio'))
      expect((radio as HTMLInputElement | HTMLButtonElement).disabled).toBe(true);
    expect(descriptionOf(licenseGroup())).toContain('cannot be reached');
    expect(
      (screen.getByRole('button', { name: `Apply token to ${NAME}` }) as HTMLInputElement | HTMLButtonElement).disabled,
    ).toBe(true);
    expect((screen.getByRole('button', { name: 'Clear token' }) as HTMLInputElement | HTMLButtonElement).disabled).toBe(
      true,
    );
  });
});

describe('quick apply', () => {
  it('lists only the tokens that can go on this site, with n / 50 used', async () => {
    renderRow();
    person.click(screen.getByRole('button', { name: `Apply token to ${NAME}` }));
    const menu = await screen.findByRole('menu');
    expect(menu.textContent).toContain('3 / 50 used');
    const items = within(menu).getAllByRole('menuitem');
    expect(items.map((item) => item.textContent)).toEqual([
      '••AB12 bound here (applied)',
      '••CD34 unbound — for QA',
      'Paste a token…',
    ]);
    expect(items[0]?.getAttribute('aria-disabled')).toBe('true');
  });

  it('applies the picked token and closes; Escape closes without applying', async () => {
    const actions = renderRow();
    const button = screen.getByRole('button', { name: `Apply token to ${NAME}` });
    person.click(button);
    person.keyDown(await screen.findByRole('menu'), { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(button?.getAttribute('aria-expanded')).toBe('false');

    person.click(button);
    person.click(within(await screen.findByRole('menu')).getByRole('menuitem', { name: /CD34/ }));
    await waitFor(() => expect(actions.applyToken).toHaveBeenCalledWith(KEY, 'tok-2'));
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('closes when the person presses anywhere outside it', async () => {
    renderRow();
    person.click(screen.getByRole('button', { name: `Apply token to ${NAME}` }));
    await screen.findByRole('menu');
    // Effects run after paint: the menu's first item taking focus shows they ran.
    await waitFor(() => expect(document.activeElement?.getAttribute('role')).toBe('menuitem'));
    fireEvent.pointerDown(document.body);
    await waitFor(() => expect(screen.queryByRole('menu')).toBeNull());
  });

  it('offers Create and apply when no token can go here and the limit allows', async () => {
    const actions = renderRow({
      actions: fakeActions({ loadTokens: vi.fn(async () => ok(tokens({ tokens: [], active: 12 }))) }),
    });
    person.click(screen.getByRole('button', { name: `Apply token to ${NAME}` }));
    person.click(await screen.findByRole('menuitem', { name: 'Create and apply' }));
    await waitFor(() => expect(actions.createAndApply).toHaveBeenCalledWith(KEY));
  });

  it('says the limit is reached instead of offering Create and apply', async () => {
    renderRow({ actions: fakeActions({ loadTokens: vi.fn(async () => ok(tokens({ tokens: [], active: 50 }))) }) });
    person.click(screen.getByRole('button', { name: `Apply token to ${NAME}` }));
    const menu = await screen.findByRole('menu');
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((item) => item.textContent),
    ).toEqual(['Paste a token…']);
    expect(menu.textContent).toContain('limit of 50 active tokens is reached');
  });

  it('shows why the list could not be loaded', async () => {
    renderRow({
      actions: fakeActions({
        loadTokens: vi.fn(async () => failWith('not_signed_in', 'Sign in to the Token Lens service.')),
      }),
    });
    person.click(screen.getByRole('button', { name: `Apply token to ${NAME}` }));
    expect((await screen.findByRole('alert')).dataset.code).toBe('not_signed_in');
  });

  it('offers to paste a token (the product’s pencil flow) in its own window, even when the list cannot be loaded', async () => {
    const actions = renderRow({
      actions: fakeActions({
        loadTokens: vi.fn(async () =>
          failWith('app_not_found', 'No app com.acme.timesheets is known to this service.'),
        ),
      }),
    });
    person.click(screen.getByRole('button', { name: `Apply token to ${NAME}` }));
    const menu = await screen.findByRole('menu');
    expect(within(menu).getByRole('alert').dataset.code).toBe('app_not_found');
    const paste = within(menu).getByRole('menuitem', { name: 'Paste a token…' });
    await waitFor(() => expect(document.activeElement).toBe(paste));
    person.keyDown(paste, { key: 'Enter' });
    await waitFor(() => expect(actions.openApplyPage).toHaveBeenCalledWith(KEY));
    expect(screen.queryByRole('menu')).toBeNull();
    // No field for the value in the page: it is typed in the extension's own window.
    expect(screen.queryByRole('textbox')).toBeNull();
  });

  it('says why an app can never have a token instead of offering one', () => {
    const reason = 'Acme Hello has no private listing or private version, so it cannot have access tokens.';
    const actions = renderRow({
      app: paidApp({ paymentModel: 'free', token: null, lic: 'none' }),
      tokenlessReason: reason,
    });
    const button = screen.getByRole('button', { name: `Apply token to ${NAME}` }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(descriptionOf(button)).toBe(reason);
    expect(screen.getByText(reason)).toBeTruthy();
    person.click(button);
    expect(actions.loadTokens).not.toHaveBeenCalled();
  });
});

describe('a token only the site knows', () => {
  it('says there is no token URL for it, without asking the service', async () => {
    const actions = renderRow({
      app: { ...paidApp(), token: { id: '', last4: 'AB12', appliedAt: null, status: 'active' } },
    });
    person.click(screen.getByRole('button', { name: 'Copy token URL' }));
    expect((await screen.findByRole('alert')).dataset.code).toBe('token_unknown');
    expect(actions.tokenUrl).not.toHaveBeenCalled();
  });
});

describe('the row’s layout', () => {
  it('puts the token and its controls on one line, the license switch on the next, in that keyboard order', () => {
    renderRow();
    const [line, ...rest] = [...(document.querySelector('.tl-row')?.children ?? [])];
    expect(line?.textContent).toContain('Apply token');
    expect(line?.textContent).toContain('Copy token URL');
    expect(rest.map((element) => element.querySelector('[role="radiogroup"]')?.getAttribute('aria-label'))).toEqual([
      `License state for ${NAME}`,
    ]);
    const apply = screen.getByRole('button', { name: `Apply token to ${NAME}` });
    const firstRadio = screen.getAllByRole('radio')[0] as HTMLElement;
    expect(apply.compareDocumentPosition(firstRadio) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});

describe('copy and clear', () => {
  it('has no token actions on an app without a token', () => {
    renderRow({ app: paidApp({ token: null }) });
    expect(screen.queryByRole('button', { name: 'Copy token URL' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Clear token' })).toBeNull();
  });

  it('asks before clearing, saying the site becomes unlicensed, and clears on confirmation', async () => {
    const actions = renderRow();
    person.click(screen.getByRole('button', { name: 'Clear token' }));
    const dialog = screen.getByRole('alertdialog', { name: `Clear the token of ${NAME}?` });
    expect(dialog.textContent).toContain('becomes unlicensed');
    expect(actions.clearToken).not.toHaveBeenCalled();
    person.click(within(dialog).getByRole('button', { name: 'Clear token' }));
    await waitFor(() => expect(actions.clearToken).toHaveBeenCalledWith(KEY));
  });

  it('puts focus on Cancel when asking, and Escape cancels', () => {
    const actions = renderRow();
    person.click(screen.getByRole('button', { name: 'Clear token' }));
    const dialog = screen.getByRole('alertdialog');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    person.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(actions.clearToken).not.toHaveBeenCalled();
  });

  it('cancel keeps the token', () => {
    const actions = renderRow();
    person.click(screen.getByRole('button', { name: 'Clear token' }));
    person.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(actions.clearToken).not.toHaveBeenCalled();
  });
});

describe('what a page script does to the overlay', () => {
  // The overlay's shadow roots are open: a page script can find every control and call .click()
  // or dispatch keys. None of that may act with the person's session.
  it('switches no license state by a synthesised click, Space or Enter, and leaves the radio as it was', async () => {
    const actions = renderRow();
    const radio = screen.getByRole('radio', { name: 'Inactive subscription' }) as HTMLInputElement;
    fireEvent.click(radio);
    fireEvent.keyDown(radio, { key: ' ' });
    fireEvent.keyDown(radio, { key: 'Enter' });
    radio.click();
    expect(actions.setLicense).not.toHaveBeenCalled();
    expect(radio.checked).toBe(false);
    // The same by a person switches.
    person.click(radio);
    await waitFor(() => expect(actions.setLicense).toHaveBeenCalledWith(KEY, 'inactive-subscription'));
  });

  it('clears no token by synthesised clicks on Clear token and its confirmation', async () => {
    const actions = renderRow();
    fireEvent.click(screen.getByRole('button', { name: 'Clear token' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    person.click(screen.getByRole('button', { name: 'Clear token' }));
    const dialog = screen.getByRole('alertdialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Clear token' }));
    within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Clear token' }).click();
    await Promise.resolve();
    expect(actions.clearToken).not.toHaveBeenCalled();
    person.click(within(dialog).getByRole('button', { name: 'Clear token' }));
    await waitFor(() => expect(actions.clearToken).toHaveBeenCalledWith(KEY));
  });

  it('opens no menu, applies and creates no token, copies no URL by synthesised events', async () => {
    const actions = renderRow({ actions: fakeActions({ loadTokens: vi.fn(async () => ok(tokens({ tokens: [] }))) }) });
    const apply = screen.getByRole('button', { name: `Apply token to ${NAME}` });
    fireEvent.click(apply);
    fireEvent.click(screen.getByRole('button', { name: 'Copy token URL' }));
    await Promise.resolve();
    expect(actions.loadTokens).not.toHaveBeenCalled();
    expect(actions.tokenUrl).not.toHaveBeenCalled();
    person.click(apply);
    const create = await screen.findByRole('menuitem', { name: 'Create and apply' });
    fireEvent.click(create);
    fireEvent.keyDown(create, { key: 'Enter' });
    await Promise.resolve();
    expect(actions.createAndApply).not.toHaveBeenCalled();
    person.keyDown(create, { key: 'Enter' });
    await waitFor(() => expect(actions.createAndApply).toHaveBeenCalledWith(KEY));
  });

  it('applies no token from the menu by a synthesised click or key', async () => {
    const actions = renderRow();
    person.click(screen.getByRole('button', { name: `Apply token to ${NAME}` }));
    const item = within(await screen.findByRole('menu')).getByRole('menuitem', { name: /CD34/ });
    fireEvent.click(item);
    fireEvent.keyDown(item, { key: ' ' });
    await Promise.resolve();
    expect(actions.applyToken).not.toHaveBeenCalled();
    person.click(item);
    await waitFor(() => expect(actions.applyToken).toHaveBeenCalledWith(KEY, 'tok-2'));
  });
});

describe('RowControls (a row near the viewport, around the badge the overlay painted)', () => {
  const controlsProps = (app: InstalledApp): RowOverlayProps => ({
    appName: NAME,
    appKey: KEY,
    siteHost: siteHost('acme-dev.atlassian.net'),
    app,
    loading: false,
    problem: null,
    fetchedAt: T,
    now: new Date(T),
    actions: fakeActions(),
  });

  it('takes the painted badge onto its first line, keeps it there when it renders again, and has one of each id', () => {
    const badge = document.createElement('span');
    badge.setAttribute('role', 'group');
    badge.setAttribute('aria-label', `Access token for ${NAME}`);
    const { container, rerender } = render(<RowControls {...controlsProps(paidApp())} badge={badge} />);
    const line = container.querySelector('.tl-row > .tl-line');
    expect(line?.firstElementChild?.firstElementChild).toBe(badge);
    expect(line?.textContent).toContain('Apply token');

    rerender(
      <RowControls
        {...controlsProps(paidApp({ token: null, license: { state: 'unlicensed', changedAt: T }, lic: 'none' }))}
        badge={badge}
      />,
    );
    expect(line?.firstElementChild?.firstElementChild).toBe(badge);
    expect(screen.queryByRole('button', { name: 'Clear token' })).toBeNull();
    // The switch says why it is locked: the reason it points at is its own, and the only one of that id.
    const group = licenseGroup();
    const id = group.getAttribute('aria-describedby') ?? '';
    expect(id).not.toBe('');
    expect(container.querySelectorAll(`[id="${id}"]`)).toHaveLength(1);
    const ids = [...container.querySelectorAll('[id]')].map((element) => element.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
