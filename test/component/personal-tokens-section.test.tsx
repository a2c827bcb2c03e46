import { fireEvent, render, screen, within } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { describe, expect, it, vi } from 'vitest';
import { PersonalTokensSection } from '../../components/options/personal-tokens-section';
import { TokenValue } from '../../components/options/token-value';
import type { ApiMethods, PersonalToken, PersonalTokenWithValue } from '../../lib/domain/personal-token';
import { failWith, ok, type Reply } from '../../lib/domain/reply';
import type { askBackground } from '../../lib/messaging/extension-page-ask';
import type { Request } from '../../lib/messaging/protocol';

const T = '2026-11-01T09:00:00.000Z';
const METHODS: ApiMethods = {
  methods: [
    { id: 'apps.list', description: 'List the vendor’s apps' },
    { id: 'tokens.create', description: 'Create access tokens' },
    { id: 'siteApps.setLicense', description: 'Switch license states on a site' },
  ],
  presets: [
    { name: 'full-access', methods: ['apps.list', 'tokens.create', 'siteApps.setLicense'] },
    { name: 'tester', methods: ['apps.list', 'siteApps.setLicense'] },
    { name: 'read-only', methods: ['apps.list'] },
    { name: 'ci', methods: ['apps.list', 'tokens.create'] },
  ],
};
const token = (id: string, overrides: Partial<PersonalToken> = {}): PersonalToken => ({
  id,
  description: `Token ${id.slice(0, 1)}`,
  expiresAt: '2026-12-31',
  expired: false,
  preset: 'ci',
  scopes: ['apps.list', 'tokens.create'],
  createdAt: T,
  lastUsedAt: null,
  ...overrides,
});
const A = token('a0000000-0000-4000-8000-000000000001', { description: 'Nightly CI' });
const B = token('b0000000-0000-4000-8000-000000000002', {
  description: 'Old dashboard',
  expired: true,
  preset: null,
  scopes: ['apps.list'],
});
const VALUE = 'tlp_0123456789abcdefghijABCDEFGHIJ012345';

/** Plays the background for the dashboard; `answers` override per request type. */
function fakeAsk(answers: Partial<Record<Request['type'], (request: Request) => Reply<unknown>>> = {}) {
  let items = [A, B];
  const all: Partial<Record<Request['type'], (request: Request) => Reply<unknown>>> = {
    'personalTokens.list': () => ok({ items }),
    'apiMethods.list': () => ok(METHODS),
    'personalTokens.create': (request) => {
      const created = {
        ...token('c0000000-0000-4000-8000-000000000003'),
        description: (request as { description: string }).description,
      };
      items = [...items, created];
      return ok({ ...created, value: VALUE });
    },
    'personalTokens.remove': (request) => {
      const ids = (request as { ids: string[] }).ids;
      items = items.filter((item) => !ids.includes(item.id));
      return ok({ removed: ids });
    },
    'personalTokens.regenerate': () => ok({ ...A, value: VALUE }),
    ...answers,
  };
  return vi.fn(async (request: Request) => {
    const answer = all[request.type];
    if (!answer) throw new Error(`no answer for ${request.type}`);
    return answer(request);
  }) as unknown as typeof askBackground & ReturnType<typeof vi.fn>;
}
const sent = (ask: ReturnType<typeof fakeAsk>, type: Request['type']) =>
  (ask.mock.calls as [Request][]).map(([request]) => request).filter((request) => request.type === type);
const button = (name: string) => screen.getByRole('button', { name });

/** The section as the options page holds it: a new value is shown beside it, once. */
function Dashboard({ ask }: { ask: typeof askBackground }) {
  const [shown, setShown] = useState<PersonalTokenWithValue | null>(null);
  return (
    <>
      {shown && <TokenValue value={shown.value} description={shown.description} onClose={() => setShown(null)} />}
      <PersonalTokensSection ask={ask} onNewValue={setShown} />
    </>
  );
}

describe('the personal access token dashboard', () => {
  it('lists the tokens with their methods in short, expiry (expired marked) and last use', async () => {
    render(<Dashboard ask={fakeAsk()} />);
    const table = await screen.findByRole('table', { name: 'Your tokens' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent)).toEqual([
      'Nightly CICI2026-12-31never',
      'Old dashboard1 method: apps.list2026-12-31 expirednever',
    ]);
  });

  it('says so when there are none', async () => {
    render(<Dashboard ask={fakeAsk({ 'personalTokens.list': () => ok({ items: [] }) })} />);
    expect(await screen.findByText(/No personal access tokens yet/)).toBeTruthy();
  });

  it('generates a token with the password, then shows its value once with Copy and Download', async () => {
    const ask = fakeAsk();
    render(<Dashboard ask={ask} />);
    await screen.findByRole('table');
    fireEvent.click(button('Generate'));
    const form = screen.getByRole('form', { name: 'Generate a personal access token' });
    fireEvent.input(within(form).getByLabelText('Description'), { target: { value: 'Release job' } });
    fireEvent.change(within(form).getByLabelText('Preset'), { target: { value: 'custom' } });
    fireEvent.click(within(form).getByRole('checkbox', { name: /tokens\.create/ }));
    fireEvent.input(within(form).getByLabelText('Your password'), { target: { value: 'secret' } });
    fireEvent.submit(form);

    const dialog = await screen.findByRole('dialog', { name: 'Your new token' });
    expect(within(dialog).getByLabelText('Token value').textContent).toBe(VALUE);
    expect(dialog.textContent).toContain('will not be shown again');
    expect(within(dialog).getByRole('button', { name: 'Copy' })).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: 'Download' })).toBeTruthy();
    const [request] = sent(ask, 'personalTokens.create');
    expect(request).toMatchObject({
      description: 'Release job',
      scopes: ['apps.list', 'tokens.create'],
      password: 'secret',
    });
    // Done: the value is gone from the page.
    fireEvent.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(document.body.textContent).not.toContain(VALUE);
  });

  it('finds methods by search, and shows only the checked ones on request', async () => {
    render(<Dashboard ask={fakeAsk()} />);
    await screen.findByRole('table');
    fireEvent.click(button('Generate'));
    const list = screen.getByRole('list', { name: 'API methods' });
    fireEvent.input(screen.getByLabelText('Search API methods'), { target: { value: 'license' } });
    expect(
      within(list)
        .getAllByRole('checkbox')
        .map((box) => box.parentElement?.textContent),
    ).toEqual(['siteApps.setLicense Switch license states on a site']);
    fireEvent.input(screen.getByLabelText('Search API methods'), { target: { value: '' } });
    fireEvent.click(screen.getByLabelText('Only checked'));
    // The default preset, Read only, checks one method.
    expect(within(list).getAllByRole('checkbox')).toHaveLength(1);
  });

  it('says why a change was refused, by its code, and changes nothing', async () => {
    const ask = fakeAsk({
      'personalTokens.create': () => failWith('password_confirmation_failed', 'That is not your password.'),
    });
    render(<Dashboard ask={ask} />);
    await screen.findByRole('table');
    fireEvent.click(button('Generate'));
    const form = screen.getByRole('form', { name: 'Generate a personal access token' });
    fireEvent.input(within(form).getByLabelText('Description'), { target: { value: 'x' } });
    fireEvent.input(within(form).getByLabelText('Your password'), { target: { value: 'wrong' } });
    fireEvent.submit(form);
    expect((await within(form).findByRole('alert')).dataset.code).toBe('password_confirmation_failed');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('removes several selected tokens at once, after the password', async () => {
    const ask = fakeAsk();
    render(<Dashboard ask={ask} />);
    await screen.findByRole('table');
    expect((button('Remove') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select Nightly CI' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select Old dashboard' }));
    // Edit, Regenerate and Copy are for one token.
    expect((button('Edit') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(button('Remove'));
    const confirm = screen.getByRole('form', { name: 'Remove tokens' });
    expect(confirm.textContent).toContain('“Nightly CI”, “Old dashboard”');
    fireEvent.input(within(confirm).getByLabelText('Your password'), { target: { value: 'secret' } });
    fireEvent.submit(confirm);
    expect(await screen.findByText(/No personal access tokens yet/)).toBeTruthy();
    expect(sent(ask, 'personalTokens.remove')).toEqual([
      { type: 'personalTokens.remove', ids: [A.id, B.id], password: 'secret' },
    ]);
  });

  it('selects a range with Shift and adds one with Ctrl, as lists do', async () => {
    render(<Dashboard ask={fakeAsk()} />);
    const table = await screen.findByRole('table');
    const [first, second] = within(table).getAllByRole('row').slice(1);
    if (!first || !second) throw new Error('rows');
    const description = (row: HTMLElement) => within(row).getAllByRole('cell')[1] as HTMLElement;
    fireEvent.click(description(first));
    fireEvent.click(description(second), { shiftKey: true });
    expect([first, second].map((row) => row.getAttribute('aria-selected'))).toEqual(['true', 'true']);
    fireEvent.click(description(second), { ctrlKey: true });
    expect([first, second].map((row) => row.getAttribute('aria-selected'))).toEqual(['true', 'false']);
  });

  it('regenerates one token after saying the old value stops working, and shows the new value once', async () => {
    const ask = fakeAsk();
    render(<Dashboard ask={ask} />);
    await screen.findByRole('table');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select Nightly CI' }));
    fireEvent.click(button('Regenerate'));
    const confirm = screen.getByRole('form', { name: 'Regenerate “Nightly CI”' });
    expect(confirm.textContent).toContain('stops working at once');
    fireEvent.input(within(confirm).getByLabelText('Your password'), { target: { value: 'secret' } });
    fireEvent.submit(confirm);
    await screen.findByRole('dialog', { name: 'Your new token' });
    expect(sent(ask, 'personalTokens.regenerate')).toEqual([
      { type: 'personalTokens.regenerate', id: A.id, password: 'secret' },
    ]);
  });
});
