import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { AppKey, SiteHost } from '../../lib/domain/identifiers';
import { SiteHostSchema } from '../../lib/domain/mini-schemas';
import type { ErrorValue, Reply } from '../../lib/domain/reply';
import type { Site } from '../../lib/domain/site';
import { askBackground } from '../../lib/messaging/extension-page-ask';
import type { AppTokens, SessionStatus } from '../../lib/messaging/protocol';
import { InstallPage } from '../install/install-page';
import { ErrorText } from '../shared/error-text';
import { AppTokensView } from './app-tokens-view';
import { ApplyTokenView } from './apply-token-view';
import { HistoryView } from './history-view';
import { SiteAppsView } from './site-apps-view';

type View =
  | { kind: 'apps' }
  | { kind: 'app'; appKey: AppKey; name: string }
  | { kind: 'history' }
  | { kind: 'install' }
  | { kind: 'apply'; appKey: AppKey; name: string };

export interface PopupProps {
  /** `popup.html?site=<host>`: open on that site. */
  requestedSite: SiteHost | null;
  /**
   * `&app=<key>`: open on that app's tokens; `&view=install`: on *Install from token URL*;
   * `&app=<key>&view=apply`: on *Paste a token* for that app.
   */
  requestedView?: { kind: 'app' | 'apply'; appKey: AppKey } | { kind: 'install' } | null;
  ask?: typeof askBackground;
  openOptions?: () => void;
  /** Set when opened as a window of its own (the overlay's *Install from token URL* or *Paste a token…*). */
  closeWindow?: (() => void) | undefined;
}

/**
 * The toolbar popup: the site of the active Manage apps tab (else the last one used, else a
 * pick of the sites the service knows) — its apps, every token of an app, its history, and
 * *Install from token URL*, typed here rather than into a page.
 */
export function Popup({
  requestedSite,
  requestedView = null,
  ask = askBackground,
  openOptions = () => void browser.runtime.openOptionsPage(),
  closeWindow,
}: PopupProps) {
  const [status, setStatus] = useState<SessionStatus | null>(null);
  const [site, setSite] = useState<SiteHost | null>(requestedSite);
  const [sites, setSites] = useState<Site[] | null>(null);
  const [view, setView] = useState<View>(() => {
    if (!requestedSite || !requestedView) return { kind: 'apps' };
    return requestedView.kind === 'install' ? requestedView : { ...requestedView, name: requestedView.appKey };
  });
  const [error, setError] = useState<ErrorValue | null>(null);
  // Opened on an app: its cached tokens are asked for while the session is checked, and kept
  // once answered, so that the view's first render shows them.
  const cachedTokens = useRef<{
    appKey: AppKey;
    reply: Promise<Reply<AppTokens | null>>;
    list: AppTokens | null;
  } | null>(null);

  // A layout effect: the first requests leave before the first paint, not a frame after it.
  useLayoutEffect(() => {
    performance.mark('token-lens:asked');
    // The session first: the worker reads it from storage while it answers the cached list (from memory).
    const asked = ask({ type: 'session.status' });
    let cached: Promise<unknown> = Promise.resolve();
    if (requestedSite && requestedView?.kind === 'app') {
      const { appKey } = requestedView;
      const asking = { appKey, reply: ask({ type: 'app.cachedTokens', appKey }), list: null as AppTokens | null };
      cached = asking.reply.then((reply) => {
        performance.mark('token-lens:cached-answered');
        if (reply.ok) asking.list = reply.data;
      });
      cachedTokens.current = asking;
    }
    void (async () => {
      const session = await asked;
      performance.mark('token-lens:session-answered');
      // Both answers come at about the same time (a long list's a little after the session's):
      // the view renders once, with the cached list, rather than once without it and again a moment later.
      await cached;
      if (!session.ok) return setError(session.error);
      setStatus(session.data);
      // Opened on a site, the popup needs neither: the site list is asked once the view has painted (below).
      if (!session.data.signedIn || requestedSite) return;
      const [context, known] = await Promise.all([ask({ type: 'popup.context' }), ask({ type: 'sites.list' })]);
      if (known.ok) setSites(known.data.items);
      if (context.ok) setSite(context.data.activeSite ?? context.data.lastSite);
    })();
  }, []);

  // Opened on a site, only the picker shows the site list: it is asked after the first view has
  // painted, rather than while the worker and the page are still busy with that view.
  const signedIn = status?.signedIn === true;
  useEffect(() => {
    if (!requestedSite || !signedIn) return;
    void ask({ type: 'sites.list' }).then((known) => {
      if (known.ok) setSites(known.data.items);
    });
  }, [signedIn]);

  useEffect(() => {
    if (site) void ask({ type: 'popup.rememberSite', host: site });
  }, [site]);

  // Used once: coming back to the app later asks again.
  useEffect(() => {
    if (view.kind !== 'app') cachedTokens.current = null;
  }, [view.kind]);

  // Opened on an app by its key: its name comes from the site's view, else from the vendor's
  // apps that could be installed there. Asked once signed in, after the view has painted: the
  // view's own questions go first.
  useEffect(() => {
    if (!signedIn || !site || (view.kind !== 'app' && view.kind !== 'apply') || view.name !== view.appKey) return;
    const { appKey } = view;
    void (async () => {
      const installed = await ask({ type: 'site.view', host: site });
      let name = installed.ok ? installed.data.apps.find((app) => app.appKey === appKey)?.name : undefined;
      if (!name) {
        const installable = await ask({ type: 'site.installable', host: site });
        name = installable.ok ? installable.data.apps.find((app) => app.appKey === appKey)?.name : undefined;
      }
      if (!name) return;
      const known = name;
      setView((current) =>
        (current.kind === 'app' || current.kind === 'apply') && current.appKey === appKey
          ? { ...current, name: known }
          : current,
      );
    })();
  }, [site, signedIn]);

  if (error) return <ErrorText as="p" error={error} />;
  if (!status) return <p aria-busy="true">Loading…</p>;
  if (!status.signedIn) {
    return (
      <section aria-label="Signed out">
        <h1>Token Lens</h1>
        <p>{status.notice ?? 'Sign in to the Token Lens service to see your sites’ tokens here.'}</p>
        <button type="button" onClick={openOptions}>
          Open Token Lens options
        </button>
      </section>
    );
  }

  const choose = (host: string) => {
    const known = SiteHostSchema.safeParse(sites?.find((candidate) => candidate.host === host)?.host);
    if (!known.success) return;
    setSite(known.data);
    setView({ kind: 'apps' });
  };
  const tab = (kind: 'apps' | 'history' | 'install', label: string) => (
    <button
      type="button"
      role="tab"
      aria-selected={view.kind === kind || (kind === 'apps' && view.kind === 'app')}
      onClick={() => setView({ kind })}
    >
      {label}
    </button>
  );

  return (
    <>
      <header class="tl-popup-head">
        <h1>Token Lens</h1>
        <label for="tl-site">Site</label>
        <select id="tl-site" value={site ?? ''} onChange={(event) => choose(event.currentTarget.value)}>
          {!site && <option value="">Choose a site…</option>}
          {site && !sites?.some((known) => known.host === site) && <option value={site}>{site}</option>}
          {sites?.map((known) => (
            <option key={known.host} value={known.host}>
              {known.host}
            </option>
          ))}
        </select>
      </header>
      {!site && <p>Choose a site, or open this from a site’s Manage apps page.</p>}
      {site && (
        <>
          <div role="tablist" aria-label="Views" class="tl-tabs">
            {tab('apps', 'Apps')}
            {tab('history', 'History')}
            {tab('install', 'Install from token URL')}
          </div>
          {view.kind === 'apps' && (
            <SiteAppsView host={site} ask={ask} onOpenApp={(app) => setView({ kind: 'app', ...app })} />
          )}
          {view.kind === 'app' && (
            <>
              <button type="button" class="tl-link" onClick={() => setView({ kind: 'apps' })}>
                ← All apps on {site}
              </button>
              <AppTokensView
                host={site}
                appKey={view.appKey}
                appName={view.name}
                ask={ask}
                cached={cachedTokens.current?.appKey === view.appKey ? cachedTokens.current.reply : null}
                cachedList={cachedTokens.current?.appKey === view.appKey ? cachedTokens.current.list : null}
              />
              <HistoryView host={site} appKey={view.appKey} ask={ask} />
            </>
          )}
          {view.kind === 'history' && <HistoryView host={site} ask={ask} />}
          {view.kind === 'install' && <InstallPage host={site} ask={ask} closeWindow={closeWindow} />}
          {view.kind === 'apply' && (
            <ApplyTokenView host={site} appKey={view.appKey} appName={view.name} ask={ask} closeWindow={closeWindow} />
          )}
        </>
      )}
    </>
  );
}
