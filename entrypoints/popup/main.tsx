// First: zod must be jitless before any schema exists.
import '../../lib/domain/zod-jitless';
import { render } from 'preact';
import { Popup } from '../../components/popup/popup';
import '../../components/shared/extension-page.css';
import '../../components/popup/popup.css';
import { AppKeySchema, SiteHostSchema } from '../../lib/domain/mini-schemas';

// The benchmark's breakdown (test/bench/popup-only.ts): the popup's modules are evaluated.
performance.mark('token-lens:popup-evaluated');

// popup.html?site=<host>[&app=<key>[&view=apply] | &view=install]
const query = new URLSearchParams(window.location.search);
const site = SiteHostSchema.safeParse(query.get('site'));
const app = AppKeySchema.safeParse(query.get('app'));
const asked = query.get('view');
const view = app.success
  ? { kind: asked === 'apply' ? ('apply' as const) : ('app' as const), appKey: app.data }
  : asked === 'install'
    ? { kind: 'install' as const }
    : null;
const root = document.getElementById('app');
// view=install and view=apply are how the overlay opens it, as a window of its own: it offers to close it.
const closeWindow = view && view.kind !== 'app' ? () => window.close() : undefined;
if (root) {
  render(
    <Popup requestedSite={site.success ? site.data : null} requestedView={view} closeWindow={closeWindow} />,
    root,
  );
  performance.mark('token-lens:popup-first-render');
}
