import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { AppTokensView } from '../../components/popup/app-tokens-view';
import { HistoryView } from '../../components/popup/history-view';
import { Popup } from '../../components/popup/popup';
import type { MaskedToken } from '../../lib/domain/access-token';
import { failWith, ok, type Reply } from '../../lib/domain/reply';
import type { askBackground } from '../../lib/messaging/extension-page-ask';
import type { Request, SessionStatus } from '../../lib/messaging/protocol';
import { appKey, siteHost } from '../support/identifiers';

const HERE = siteHost('acme-dev.atlassian.net');
const OTHER = 'acme-staging.atlassian.net';
const KEY = appKey('com.acme.timesheets');
const T = '2026-11-01T09:00:00.000Z';

const masked = (id: string, overrides: Partial<MaskedToken> = {}): MaskedToken => ({
  id,
  appKey: KEY,
  last4: id.slice(0, 4).toUpperCase(),
  note: '',
  status: 'active',
  createdAt: T,
  site: null,
  hasPrivateUrl: true,
  hasPublicUrl: false,
  ...overrides,
});
const TOKENS = [
  masked('aaaa', { note: 'spare for QA' }),
  masked('bbbb', { site: { host: HERE, boundAt: T } }),
  masked('cccc', { site: { host: OTHER, boundAt: T } }),
  masked('dddd', { status: 'removed', site: { host: OTHER, boundAt: T } }),
];
const list = (tokens: MaskedToken[]) =>
  ok({
    appKey: KEY,
    tokens,
    active: tokens.filter((t) => t.status === 'active').length,
    limit: 50,
    fetchedAt: T,
    problem: null,
  });

type Answers = Partial<Record<Request['type'], (request: Request) => Reply<unknown>>>;
function fakeAsk(answers: Answers) {
  return vi.fn(async (request: Request) => {
    // Nothing cached unless a test says otherwise.
    const answer = answers[request.type] ?? (request.type === 'app.cachedTokens' ? () => ok(null) : undefined);
    if (!answer) throw new Error(`no answer for ${request.type}`);
    return answer(request);
  }) as unknown as typeof askBackground & ReturnType<typeof vi.fn>;
}
const items = () => within(screen.getByRole('list', { name: 'Tokens of Acme Timesheets' })).getAllByRole('listitem');

describe('an app’s tokens in the popup', () => {
  it('shows n / 50, and where each token stands from this site', async () => {
    render(
      <AppTokensView
        host={HERE}
        appKey={KEY}
        appName="Acme Timesheets"
        ask={fakeAsk({ 'app.tokens': () => list(TOKENS) })}
      />,
    );
    expect(await screen.findByText('3 / 50 used')).toBeTruthy();
    expect(items().map((item) => item.textContent?.replace(/Copy token URLRemove token/, ''))).toEqual([
      '••AAAA unbound — spare for QA',
      '••BBBB bound here',
      `••CCCC bound to ${OTHER}`,
      `••DDDD removed (was on ${OTHER})`,
    ]);
  });

  it('paints the cached list at once, then the service’s answer replaces it', async () => {
    let answerFresh: (reply: Reply<unknown>) => void = () => undefined;
    const ask = fakeAsk({
      'app.cachedTokens': () => list(TOKENS.slice(0, 1)),
      'app.tokens': () => new Promise<Reply<unknown>>((resolve) => (answerFresh = resolve)) as never,
    });
    render(<AppTokensView host={HERE} appKey={KEY} appName="Acme Timesheets" ask={ask} />);
    expect(await screen.findByText('1 / 50 used')).toBeTruthy();
    expect(screen.getByText('· checking for changes…')).toBeTruthy();
    expect(items()).toHaveLength(1);
    answerFresh(list(TOKENS));
    expect(await screen.findByText('3 / 50 used')).toBeTruthy();
    expect(screen.queryByText('· checking for changes…')).toBeNull();
    expect(items()).toHaveLength(4);
    expect(document.documentElement.getAttribute('data-token-lens-tokens-painted-ms')).toMatch(/^\d+(\.\d)?$/);
  });

  it('drops a cached list that arrives after the service’s answer', async () => {
    let answerCached: (reply: Reply<unknown>) => void = () => undefined;
    const ask = fakeAsk({
      'app.cachedTokens': () => new Promise<Reply<unknown>>((resolve) => (answerCached = resolve)) as never,
      'app.tokens': () => list(TOKENS),
    });
    render(<AppTokensView host={HERE} appKey={KEY} appName="Acme Timesheets" ask={ask} />);
    expect(await screen.findByText('3 / 50 used')).toBeTruthy();
    answerCached(list(TOKENS.slice(0, 1)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.getByText('3 / 50 used')).toBeTruthy();
    expect(items()).toHaveLength(4);
  });

  it('keeps the cached list, marked stale, when the service cannot answer', async () => {
    const ask = fakeAsk({
      'app.cachedTokens': () => list(TOKENS),
      'app.tokens': () =>
        ok({
          ...(list(TOKENS) as { data: object }).data,
          problem: { code: 'service_unreachable', message: 'The Token Lens service did not answer.' },
        }),
    });
    render(<AppTokensView host={HERE} appKey={KEY} appName="Acme Timesheets" ask={ask} />);
    expect(await screen.findByText(/stale, from/)).toBeTruthy();
    expect(screen.queryByText('· checking for changes…')).toBeNull();
    expect(items()).toHaveLength(4);
  });

  it('searches by note, last four characters and site, and filters by where a token stands', async () => {
    render(
      <AppTokensView
        host={HERE}
        appKey={KEY}
        appName="Acme Timesheets"
        ask={fakeAsk({ 'app.tokens': () => list(TOKENS) })}
      />,
    );
    await screen.findByText('3 / 50 used');
    const search = screen.getByRole('searchbox', { name: 'Search tokens' });
    fireEvent.input(search, { target: { value: 'qa' } });
    expect(items()).toHaveLength(1);
    fireEvent.input(search, { target: { value: 'cccc' } });
    expect(items().map((item) => item.textContent)).toEqual([expect.stringContaining('••CCCC')]);
    fireEvent.input(search, { target: { value: 'staging' } });
    expect(items()).toHaveLength(2);
    fireEvent.input(search, { target: { value: '' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Bound here' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Removed' }));
    expect(items().map((item) => item.textContent?.slice(0, 6))).toEqual(['••BBBB', '••DDDD']);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Unbound' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Bound elsewhere' }));
    expect(items()).toHaveLength(4);
  });

  it('creates a token with a note, and n / 50 follows', async () => {
    const ask = fakeAsk({
      'app.tokens': () => list(TOKENS),
      'app.createToken': () => list([...TOKENS, masked('eeee', { note: 'release' })]),
    });
    render(<AppTokensView host={HERE} appKey={KEY} appName="Acme Timesheets" ask={ask} />);
    await screen.findByText('3 / 50 used');
    fireEvent.input(screen.getByLabelText('Note'), { target: { value: 'release' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));
    expect(await screen.findByText('4 / 50 used')).toBeTruthy();
    expect((ask.mock.calls as [Request][]).map(([request]) => request)).toContainEqual({
      type: 'app.createToken',
      appKey: KEY,
      note: 'release',
    });
  });

  it('copies a token URL asked for at that moment', async () => {
    const writeClipboard = vi.fn(async () => undefined);
    const ask = fakeAsk({
      'app.tokens': () => list(TOKENS),
      'app.tokenUrl': () => ok({ url: 'https://apps.acme.example/t.json?access-token=mat_x' }),
    });
    render(
      <AppTokensView host={HERE} appKey={KEY} appName="Acme Timesheets" ask={ask} writeClipboard={writeClipboard} />,
    );
    await screen.findByText('3 / 50 used');
    fireEvent.click(within(items()[0] as HTMLElement).getByRole('button', { name: 'Copy token URL' }));
    await waitFor(() =>
      expect(writeClipboard).toHaveBeenCalledWith('https://apps.acme.example/t.json?access-token=mat_x'),
    );
  });

  it('asks before removing, naming the site that becomes unlicensed; Escape cancels; refusals by code', async () => {
    const ask = fakeAsk({
      'app.tokens': () => list(TOKENS),
      'app.removeToken': () => failWith('insufficient_scope', 'Your account may not do this.'),
    });
    render(<AppTokensView host={HERE} appKey={KEY} appName="Acme Timesheets" ask={ask} />);
    await screen.findByText('3 / 50 used');
    const bound = items()[1] as HTMLElement;
    fireEvent.click(within(bound).getByRole('button', { name: 'Remove token' }));
    const dialog = within(bound).getByRole('alertdialog');
    expect(dialog.textContent).toContain(`${HERE} becomes unlicensed for Acme Timesheets`);
    expect(document.activeElement?.textContent).toBe('Cancel');
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(within(bound).queryByRole('alertdialog')).toBeNull();

    fireEvent.click(within(bound).getByRole('button', { name: 'Remove token' }));
    fireEvent.click(within(within(bound).getByRole('alertdialog')).getByRole('button', { name: 'Remove token' }));
    expect((await screen.findByRole('alert')).dataset.code).toBe('insufficient_scope');
  });
});

describe('the popup', () => {
  const SIGNED_IN: SessionStatus = {
    serviceUrl: 'http://127.0.0.1:4747',
    signedIn: true,
    via: 'session',
    email: 'owner@acme.example',
    role: 'owner',
    expiresAt: T,
    persistent: false,
    notice: null,
  };
  const sites = ok({
    items: [
      { host: HERE, privateListingsEnabled: true, createdAt: T },
      { host: OTHER, privateListingsEnabled: false, createdAt: T },
    ],
  });
  const view = (host: string) => ok({ host, apps: [], fetchedAt: T, problem: null });

  it('opens on the active tab’s site, with a picker of the sites the service knows', async () => {
    const ask = fakeAsk({
      'session.status': () => ok(SIGNED_IN),
      'popup.context': () => ok({ activeSite: HERE, lastSite: OTHER }),
      'popup.rememberSite': () => ok({ remembered: true }),
      'sites.list': () => sites,
      'site.view': (request) => view((request as { host: string }).host),
    });
    render(<Popup requestedSite={null} ask={ask} />);
    const picker = (await screen.findByRole('combobox', { name: 'Site' })) as HTMLSelectElement;
    await waitFor(() => expect(picker.value).toBe(HERE));
    expect(await screen.findByText(`No app is installed on ${HERE} yet. Install one from a token URL.`)).toBeTruthy();
    fireEvent.change(picker, { target: { value: OTHER } });
    expect(await screen.findByText(`No app is installed on ${OTHER} yet. Install one from a token URL.`)).toBeTruthy();
    expect((ask.mock.calls as [Request][]).map(([request]) => request)).toContainEqual({
      type: 'popup.rememberSite',
      host: OTHER,
    });
  });

  it('popup.html?site=…&app=… opens on that app’s tokens, named once the site’s view is read', async () => {
    const app = {
      appKey: KEY,
      name: 'Acme Timesheets',
      paymentModel: 'paid',
      installedAt: T,
      token: { id: 'bbbb', last4: 'BBBB', appliedAt: T, status: 'active' },
      license: { state: 'active-subscription', changedAt: T },
      lic: 'active',
    };
    const ask = fakeAsk({
      'session.status': () => ok(SIGNED_IN),
      'popup.context': () => ok({ activeSite: null, lastSite: OTHER }),
      'popup.rememberSite': () => ok({ remembered: true }),
      'sites.list': () => sites,
      'site.view': () => ok({ host: HERE, apps: [app], fetchedAt: T, problem: null }),
      'app.tokens': () => list(TOKENS),
      'audit.list': () => ok({ items: [] }),
    });
    render(<Popup requestedSite={HERE} requestedView={{ kind: 'app', appKey: KEY }} ask={ask} />);
    expect(await screen.findByRole('heading', { name: 'Tokens of Acme Timesheets' })).toBeTruthy();
    expect(await screen.findByText('3 / 50 used')).toBeTruthy();
    expect(((await screen.findByRole('combobox', { name: 'Site' })) as HTMLSelectElement).value).toBe(HERE);
  });

  it('opened on an app, its first view already lists the cached tokens, and the site list is asked only after', async () => {
    const ask = fakeAsk({
      'session.status': () => ok(SIGNED_IN),
      'popup.rememberSite': () => ok({ remembered: true }),
      'sites.list': () => sites,
      'site.view': () => ok({ host: HERE, apps: [], fetchedAt: T, problem: null }),
      'site.installable': () => ok({ apps: [{ appKey: KEY, name: 'Acme Timesheets' }] }),
      'app.cachedTokens': () => list(TOKENS),
      'app.tokens': () => new Promise<Reply<unknown>>(() => undefined) as never,
      'audit.list': () => ok({ items: [] }),
    });
    render(<Popup requestedSite={HERE} requestedView={{ kind: 'app', appKey: KEY }} ask={ask} />);
    await screen.findByRole('heading', { name: `Tokens of ${KEY}` });
    expect(screen.queryByText('Loading tokens…')).toBeNull();
    expect(screen.getByText('3 / 50 used')).toBeTruthy();
    const asked = () => (ask.mock.calls as [Request][]).map(([request]) => request.type);
    expect(asked().slice(0, 2)).toEqual(['session.status', 'app.cachedTokens']);
    // Opened on a site, the popup does not ask which site to show.
    await waitFor(() => expect(asked()).toContain('sites.list'));
    expect(asked()).not.toContain('popup.context');
    expect(await screen.findByRole('heading', { name: 'Tokens of Acme Timesheets' })).toBeTruthy();
  });

  it('names an app not installed on the site from the vendor’s apps that could be installed there', async () => {
    const ask = fakeAsk({
      'session.status': () => ok(SIGNED_IN),
      'popup.context': () => ok({ activeSite: null, lastSite: null }),
      'popup.rememberSite': () => ok({ remembered: true }),
      'sites.list': () => sites,
      'site.view': () => ok({ host: HERE, apps: [], fetchedAt: T, problem: null }),
      'site.installable': () => ok({ apps: [{ appKey: KEY, name: 'Acme Timesheets' }] }),
      'app.tokens': () => list(TOKENS),
      'audit.list': () => ok({ items: [] }),
    });
    render(<Popup requestedSite={HERE} requestedView={{ kind: 'app', appKey: KEY }} ask={ask} />);
    expect(await screen.findByRole('heading', { name: 'Tokens of Acme Timesheets' })).toBeTruthy();
  });

  it('popup.html?site=…&view=install opens on Install from token URL', async () => {
    const ask = fakeAsk({
      'session.status': () => ok(SIGNED_IN),
      'popup.context': () => ok({ activeSite: null, lastSite: null }),
      'popup.rememberSite': () => ok({ remembered: true }),
      'sites.list': () => sites,
    });
    render(<Popup requestedSite={HERE} requestedView={{ kind: 'install' }} ask={ask} />);
    const tab = await screen.findByRole('tab', { name: 'Install from token URL' });
    expect(tab.getAttribute('aria-selected')).toBe('true');
    expect(screen.getByLabelText('Token URL')).toBeTruthy();
  });

  it('popup.html?site=…&app=…&view=apply pastes a token’s value onto the app, and clears the field after', async () => {
    const value = 'mat_0123456789abcdefghijABCDEFGHIJ01WXYZ';
    const app = {
      appKey: KEY,
      name: 'Acme Timesheets',
      paymentModel: 'paid',
      installedAt: null,
      token: { id: '', last4: 'WXYZ', appliedAt: null, status: 'active' },
      license: { state: 'active-subscription', changedAt: null },
      lic: 'active',
    };
    let refuse = true;
    const ask = fakeAsk({
      'session.status': () => ok(SIGNED_IN),
      'popup.context': () => ok({ activeSite: null, lastSite: null }),
      'popup.rememberSite': () => ok({ remembered: true }),
      'sites.list': () => sites,
      'site.view': () => ok({ host: HERE, apps: [{ ...app, token: null }], fetchedAt: T, problem: null }),
      'site.applyTokenValue': () =>
        refuse
          ? failWith('invalid_token', 'The site does not accept this token.')
          : ok({ host: HERE, apps: [app], fetchedAt: T, problem: null }),
    });
    const closeWindow = vi.fn();
    render(
      <Popup requestedSite={HERE} requestedView={{ kind: 'apply', appKey: KEY }} ask={ask} closeWindow={closeWindow} />,
    );
    expect(await screen.findByRole('heading', { name: 'Paste a token for Acme Timesheets' })).toBeTruthy();
    const field = screen.getByLabelText('Token value') as HTMLInputElement;
    fireEvent.input(field, { target: { value } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply token' }));
    const alert = await screen.findByRole('alert');
    expect(alert.dataset.code).toBe('invalid_token');
    // Refused: what was pasted stays, to correct.
    expect(field.value).toBe(value);
    expect(ask).toHaveBeenCalledWith({ type: 'site.applyTokenValue', host: HERE, appKey: KEY, token: value });

    refuse = false;
    fireEvent.click(screen.getByRole('button', { name: 'Apply token' }));
    expect((await screen.findByRole('status')).textContent).toBe(
      `••WXYZ is on Acme Timesheets on ${HERE}: Active subscription.`,
    );
    expect(field.value).toBe('');
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(closeWindow).toHaveBeenCalled();
  });

  it('says what to do when signed out, with the way to the options page', async () => {
    const openOptions = vi.fn();
    render(
      <Popup
        requestedSite={HERE}
        ask={fakeAsk({ 'session.status': () => ok({ ...SIGNED_IN, signedIn: false, via: null }) })}
        openOptions={openOptions}
      />,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Open Token Lens options' }));
    expect(openOptions).toHaveBeenCalledTimes(1);
  });
});

describe('history in the popup', () => {
  it('says who switched what, newest first, and pages back', async () => {
    const entry = (seq: number, action: string, detail: Record<string, unknown> = {}) => ({
      seq,
      at: T,
      actor: 'tester@acme.example',
      action,
      site: HERE,
      app: KEY,
      detail,
    });
    const ask = fakeAsk({
      'audit.list': (request) =>
        ok({
          items: (request as { before?: number }).before
            ? [entry(1, 'siteApp.tokenCleared')]
            : [
                entry(3, 'siteApp.licenseChanged', { from: 'active-trial', to: 'inactive-trial' }),
                entry(2, 'siteApp.installed'),
              ],
        }),
    });
    render(<HistoryView host={HERE} ask={ask} />);
    const history = await screen.findByRole('list', { name: 'Changes, newest first' });
    expect(within(history).getAllByRole('listitem')[0]?.textContent).toContain(
      'tester@acme.example switched the license state to Inactive trial',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Older' }));
    await waitFor(() => expect(within(history).getAllByRole('listitem')).toHaveLength(3));
    expect((ask.mock.calls as [Request][]).map(([request]) => request)).toContainEqual({
      type: 'audit.list',
      host: HERE,
      before: 2,
    });
  });
});
