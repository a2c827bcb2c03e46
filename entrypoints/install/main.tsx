// First: zod must be jitless before any schema exists.
import '../../lib/domain/zod-jitless';
import { render } from 'preact';
import { InstallPage } from '../../components/install/install-page';
import '../../components/shared/extension-page.css';
import '../../components/install/install-page.css';
import { SiteHostSchema } from '../../lib/domain/identifiers';

const site = SiteHostSchema.safeParse(new URLSearchParams(window.location.search).get('site'));
const root = document.getElementById('app');
if (root) render(<InstallPage host={site.success ? site.data : null} closeWindow={() => window.close()} />, root);
