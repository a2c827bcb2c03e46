import { defineContentScript } from 'wxt/utils/define-content-script';
import { startOverlay } from '../../components/overlay/overlay-controller';
import { MANAGE_APPS_MATCHES } from '../../lib/page/manage-apps-matches';
import { recognizeManageAppsUrl } from '../../lib/page/manage-apps-url';

export default defineContentScript({
  matches: MANAGE_APPS_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    const location = recognizeManageAppsUrl(window.location.href);
    if (!location) return;
    startOverlay(location, document, ctx.signal);
  },
});
