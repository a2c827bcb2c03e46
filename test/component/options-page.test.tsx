import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsPage } from '../../components/options/options-page';
import { failWith, ok, type Reply } from '../../lib/domain/reply';
import type { Request, SessionStatus } from '../../lib/messaging/protocol';
import { signedOutStatus } from '../support/session-status';

const SERVICE = 'http://127.0.0.1:4747';
const OTHER_SERVICE = 'http://localhost:9999';
const EMAIL = 'owner@acme.example';
const T = '2026-11-01T09:00:00.000Z';

const SIGNED_OUT: SessionStatus = signedOutStatus(SERVICE);
const SIGNED_IN: SessionStatus = {
  ...SIGNED_OUT,
  signedIn: true,
  via: 'session',
  email: EMAIL,
  role: 'owner',
  expiresAt: '2026-11-01T21:00:00.000Z',
  persistent: true,
};
const CACHED_SITES = [
  { host: 'acme-dev.atlassian.net', bytes: 2048, fetchedAt: T },
  { host: 'acme-staging.atlassian.net', bytes: 512, fetchedAt: T },
];

type Answer = (request: Request) => Reply<unknown> | Promise<Reply<unknown>>;

/**
 * Plays the background: each request type answers as `answers` says (by default signed out,
 * with two cached sites). Returns the spy, whose calls are the requests the page sent.
 */
function fakeBackground(answers: Partial<Record<Request['type'], Answer>> = {}) {
  const all: Partial<Record<Request['type'], Answer>> = {
    'session.status': () => ok(SIGNED_OUT),
    'cache.sites': () => ok({ sites: CACHED_SITES }),
    // The personal-token dashboard of a signed-in page: empty here (it has tests of its own).
    'personalTokens.list': () => ok({ items: [] }),
    'apiMethods.list': () => ok({ methods: [], presets: [] }),
    ...answers,
  };
  return vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (request: Request) => {
    const answer = all[request.type];
    if (!answer) throw new Error(`the test gave no answer for ${request.type}`);
    return answer(request);
  }) as never);
}

const sent = (spy: ReturnType<typeof fakeBackground>, type: Request['type']) =>
  spy.mock.calls.map(([request]) => request as unknown as Request).filter((request) => request.type === type);

const field = (name: string) => screen.getByRole('textbox', { name }) as HTMLInputElement;
// A password input has no ARIA role: it is found by its label.
const passwordField = () => screen.getByLabelText('Password') as HTMLInputElement;
const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;

function type(input: HTMLInputElement, value: string) {
  fireEvent.input(input, { target: { value } });
}

async function fillSignIn(password: string, staySignedIn: boolean) {
  type(await screen.findByRole('textbox', { name: 'Email' }), EMAIL);
  type(passwordField(), password);
  if (staySignedIn) fireEvent.click(screen.getByRole('checkbox', { name: 'Stay signed in' }));
  fireEvent.click(button('Sign in'));
}

beforeEach(() => {
  vi.restoreAllMocks();
});

describe('the options page', () => {
  it('shows Loading… until the background answers, then the signed-out form', async () => {
    let answerStatus: (reply: Reply<SessionStatus>) => void = () => undefined;
    fakeBackground({ 'session.status': () => new Promise((resolve) => (answerStatus = resolve)) });
    render(<OptionsPage />);

    expect(screen.getByText('Loading…')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sign in' })).toBeNull();

    answerStatus(ok(SIGNED_OUT));
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
    expect(field('Service URL').value).toBe(SERVICE);
    expect(field('Email').value).toBe('');
    expect(passwordField().value).toBe('');
    expect((screen.getByRole('checkbox', { name: 'Stay signed in' }) as HTMLInputElement).checked).toBe(false);
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();
  });

  it('on a first install, welcomes with the next steps and the shortcut, and puts the focus on Email', async () => {
    fakeBackground();
    // The fake browser's commands.getAll is typed as answering nothing; the real one lists the commands.
    vi.spyOn(fakeBrowser.commands, 'getAll').mockImplementation((async () => [
      { name: '_execute_action', shortcut: 'Alt+Shift+L', description: 'Open Token Lens' },
    ]) as never);
    render(<OptionsPage welcome />);
    const welcome = await screen.findByRole('region', { name: 'Welcome to Token Lens' });
    expect(welcome.textContent).toContain('never asks for your Atlassian password');
    await waitFor(() => expect(welcome.textContent).toContain('The toolbar button (Alt+Shift+L)'));
    await waitFor(() => expect(document.activeElement).toBe(field('Email')));
  });

  it('shows no welcome on a later visit, nor once signed in', async () => {
    fakeBackground();
    const { unmount } = render(<OptionsPage />);
    await screen.findByRole('button', { name: 'Sign in' });
    expect(screen.queryByRole('region', { name: 'Welcome to Token Lens' })).toBeNull();
    unmount();
    fakeBackground({ 'session.status': () => ok(SIGNED_IN) });
    render(<OptionsPage welcome />);
    await screen.findByRole('button', { name: 'Sign out' });
    expect(screen.queryByRole('region', { name: 'Welcome to Token Lens' })).toBeNull();
  });

  it('says the background cannot be reached when its answer is not the protocol’s', async () => {
    fakeBackground({ 'session.status': () => ok({ signedIn: 'perhaps' }) });
    render(<OptionsPage />);
    expect((await screen.findByRole('alert')).textContent).toContain('could not reach its background worker');
    expect(screen.queryByRole('button', { name: 'Sign in' })).toBeNull();
  });

  describe('signing in', () => {
    it('sends email, password and Stay signed in, then shows who is signed in', async () => {
      const background = fakeBackground({ 'session.signIn': () => ok(SIGNED_IN) });
      render(<OptionsPage />);

      await fillSignIn('secret', true);

      const status = await screen.findByRole('status');
      expect(status.textContent).toContain(`Signed in as ${EMAIL} (owner)`);
      expect(status.textContent).toContain('kept across browser restarts');
      expect(sent(background, 'session.signIn')).toEqual([
        { type: 'session.signIn', email: EMAIL, password: 'secret', staySignedIn: true, serviceUrl: SERVICE },
      ]);
      expect(button('Sign out')).toBeTruthy();
      expect(screen.queryByLabelText('Password')).toBeNull();
    });

    it('without Stay signed in, asks for a session for this browser session only', async () => {
      const background = fakeBackground({ 'session.signIn': () => ok({ ...SIGNED_IN, persistent: false }) });
      render(<OptionsPage />);
      await fillSignIn('secret', false);
      expect((await screen.findByRole('status')).textContent).toContain('for this browser session');
      expect(sent(background, 'session.signIn')[0]).toMatchObject({ staySignedIn: false });
    });

    it('shows a refusal, keeps the email and clears the password', async () => {
      fakeBackground({
        'session.signIn': () => failWith('invalid_credentials', 'The email or password is not right.'),
      });
      render(<OptionsPage />);

      await fillSignIn('wrong', false);

      const alert = await screen.findByRole('alert');
      expect(alert.dataset.code).toBe('invalid_credentials');
      expect(alert.textContent).toBe('The email or password is not right.');
      expect(passwordField().value).toBe('');
      expect(field('Email').value).toBe(EMAIL);
      expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();
    });

    it('signs out, back to the form', async () => {
      const background = fakeBackground({
        'session.status': () => ok(SIGNED_IN),
        'session.signOut': () => ok(SIGNED_OUT),
      });
      render(<OptionsPage />);

      fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));

      expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
      expect(screen.queryByText(/Signed in as/)).toBeNull();
      expect(sent(background, 'session.signOut')).toHaveLength(1);
    });

    it('follows a session change the background pushes', async () => {
      let current = SIGNED_OUT;
      fakeBackground({ 'session.status': () => ok(current) });
      render(<OptionsPage />);
      await screen.findByRole('button', { name: 'Sign in' });

      // Signed in from another extension page: the background tells every open page.
      current = SIGNED_IN;
      await fakeBrowser.runtime.onMessage.trigger({ type: 'session.changed' }, {}, () => undefined);

      expect((await screen.findByRole('status')).textContent).toContain(`Signed in as ${EMAIL}`);
    });

    it('shows the service another page switched to in the Service URL field', async () => {
      let current = SIGNED_OUT;
      fakeBackground({ 'session.status': () => ok(current) });
      render(<OptionsPage />);
      await waitFor(() => expect(field('Service URL').value).toBe(SIGNED_OUT.serviceUrl));

      current = { ...SIGNED_OUT, serviceUrl: 'http://localhost:5858' };
      await fakeBrowser.runtime.onMessage.trigger({ type: 'session.changed' }, {}, () => undefined);

      await waitFor(() => expect(field('Service URL').value).toBe('http://localhost:5858'));
    });
  });

  describe('the service', () => {
    it('Test connection tests the typed URL and says it answered', async () => {
      const background = fakeBackground({ 'settings.testConnection': () => ok({ ok: true, version: 'v1' }) });
      render(<OptionsPage />);
      type(await screen.findByRole('textbox', { name: 'Service URL' }), OTHER_SERVICE);

      fireEvent.click(button('Test connection'));

      expect((await screen.findByRole('status')).textContent).toBe('Connected: the service answered.');
      expect(sent(background, 'settings.testConnection')).toEqual([
        { type: 'settings.testConnection', serviceUrl: OTHER_SERVICE },
      ]);
      // Testing saves nothing.
      expect(sent(background, 'settings.setServiceUrl')).toEqual([]);
    });

    it('Test connection says why the service did not answer', async () => {
      fakeBackground({
        'settings.testConnection': () =>
          failWith('service_unreachable', `The Token Lens service at ${SERVICE} cannot be reached. Is it running?`),
      });
      render(<OptionsPage />);
      fireEvent.click(await screen.findByRole('button', { name: 'Test connection' }));
      expect((await screen.findByRole('alert')).textContent).toBe(
        `The Token Lens service at ${SERVICE} cannot be reached. Is it running?`,
      );
    });

    it('Save is only offered for a changed URL, and saves it', async () => {
      const background = fakeBackground({
        'settings.setServiceUrl': () => ok({ ...SIGNED_OUT, serviceUrl: OTHER_SERVICE }),
      });
      render(<OptionsPage />);
      const url = await screen.findByRole('textbox', { name: 'Service URL' });
      expect(button('Save').disabled).toBe(true);

      type(url as HTMLInputElement, OTHER_SERVICE);
      expect(button('Save').disabled).toBe(false);
      fireEvent.click(button('Save'));

      expect((await screen.findByRole('status')).textContent).toBe('Saved.');
      expect(sent(background, 'settings.setServiceUrl')).toEqual([
        { type: 'settings.setServiceUrl', serviceUrl: OTHER_SERVICE },
      ]);
      expect(field('Service URL').value).toBe(OTHER_SERVICE);
      await waitFor(() => expect(button('Save').disabled).toBe(true));
    });

    it('shows why a URL was refused', async () => {
      fakeBackground({
        'settings.setServiceUrl': () =>
          failWith(
            'invalid_service_url',
            'Give only the service’s origin, such as http://127.0.0.1:4747, with no path.',
          ),
      });
      render(<OptionsPage />);
      type(await screen.findByRole('textbox', { name: 'Service URL' }), `${SERVICE}/api`);
      fireEvent.click(button('Save'));
      expect((await screen.findByRole('alert')).textContent).toContain('with no path');
    });
  });

  describe('the Sites section', () => {
    it('lists the cached sites, and Clear cache empties the list', async () => {
      const background = fakeBackground({ 'cache.clear': () => ok({ sites: [] }) });
      render(<OptionsPage />);

      expect(await screen.findByRole('cell', { name: 'acme-dev.atlassian.net' })).toBeTruthy();
      expect(screen.getByRole('cell', { name: 'acme-staging.atlassian.net' })).toBeTruthy();
      expect(screen.getByRole('cell', { name: '2.0 KiB' })).toBeTruthy();
      expect(screen.getByRole('cell', { name: '512 B' })).toBeTruthy();

      fireEvent.click(button('Clear cache'));

      expect(await screen.findByText(/No site data cached yet/)).toBeTruthy();
      expect(screen.queryByRole('table')).toBeNull();
      expect(sent(background, 'cache.clear')).toHaveLength(1);
      // Nothing left to clear.
      expect(button('Clear cache').disabled).toBe(true);
    });

    it('offers no Clear cache when nothing is cached', async () => {
      fakeBackground({ 'cache.sites': () => ok({ sites: [] }) });
      render(<OptionsPage />);
      expect(await screen.findByText(/No site data cached yet/)).toBeTruthy();
      expect(button('Clear cache').disabled).toBe(true);
    });
  });

  describe('personal access tokens and the typed service', () => {
    const PAT = 'tlp_0123456789abcdefghijABCDEFGHIJ012345';

    it('signs in with a personal access token pasted into its field, at the Service URL as typed', async () => {
      const background = fakeBackground({
        'session.signInWithToken': () =>
          ok({ ...SIGNED_IN, via: 'personal-token', serviceUrl: 'http://localhost:5858' }),
      });
      render(<OptionsPage />);
      await screen.findByRole('button', { name: 'Sign in' });
      type(field('Service URL'), 'http://localhost:5858');
      type(screen.getByLabelText('Personal access token') as HTMLInputElement, PAT);
      fireEvent.click(button('Sign in'));

      expect((await screen.findByRole('status')).textContent).toContain('with a personal access token');
      expect(sent(background, 'session.signInWithToken')).toEqual([
        { type: 'session.signInWithToken', token: PAT, staySignedIn: false, serviceUrl: 'http://localhost:5858' },
      ]);
      // Not saved first: Sign in took the typed URL.
      expect(sent(background, 'settings.setServiceUrl')).toEqual([]);
    });

    it('asks for email and password or a token before sending anything', async () => {
      const background = fakeBackground();
      render(<OptionsPage />);
      fireEvent.click(await screen.findByRole('button', { name: 'Sign in' }));
      expect((await screen.findByRole('alert')).dataset.code).toBe('credentials_missing');
      expect(sent(background, 'session.signIn')).toEqual([]);
      expect(sent(background, 'session.signInWithToken')).toEqual([]);
    });

    it('says why it was signed out without asking', async () => {
      fakeBackground({
        'session.status': () =>
          ok({ ...SIGNED_OUT, notice: 'Signed out: the service no longer accepts the personal access token.' }),
      });
      render(<OptionsPage />);
      const alert = await screen.findByRole('alert');
      expect(alert.dataset.code).toBe('signed_out');
      expect(alert.textContent).toContain('no longer accepts the personal access token');
    });
  });
});
