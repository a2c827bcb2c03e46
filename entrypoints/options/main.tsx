// First: zod must be jitless before any schema exists.
import '../../lib/domain/zod-jitless';
import { render } from 'preact';
import { OptionsPage } from '../../components/options/options-page';
import '../../components/shared/extension-page.css';
import '../../components/options/options.css';

const root = document.getElementById('app');
const welcome = new URLSearchParams(window.location.search).get('welcome') === '1';
if (root) render(<OptionsPage welcome={welcome} />, root);
