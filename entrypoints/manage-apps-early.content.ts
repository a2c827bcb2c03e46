import { defineContentScript } from 'wxt/utils/define-content-script';
import { askEarly } from '../lib/overlay/early-question';
import { MANAGE_APPS_MATCHES } from '../lib/page/manage-apps-matches';

/** While a Manage apps page is still loading: ask for its site's cached snapshot (lib/overlay/early-question.ts). */
export default defineContentScript({
  matches: MANAGE_APPS_MATCHES,
  runAt: 'document_start',
  main() {
    askEarly(window.location.href);
  },
});
