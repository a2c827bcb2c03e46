// First: zod must be jitless before any schema exists.
import '../../lib/domain/zod-jitless';
import { render } from 'preact';
import { Popup } from '../../components/popup/popup';
import '../../components/shared/extension-page.css';
import '../../components/popup/popup.css';
import { SiteHostSchema } from '../../lib/domain/identifiers';

const site = SiteHostSchema.safeParse(new URLSearchParams(window.location.search).get('site'));
const root = document.getElementById('app');
if (root) render(<Popup requestedSite={site.success ? site.data : null} />, root);
