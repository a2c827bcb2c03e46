import { defineContentScript } from 'wxt/utils/define-content-script';
import { ADMIN_HUB_MATCHES, ADMIN_HUB_NOTE, isAdminHubAppList } from '../../lib/page/admin-hub';

export default defineContentScript({
  matches: ADMIN_HUB_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    // The admin hub navigates without reloads: look again on every in-page navigation.
    let noted = false;
    const check = () => {
      if (!noted && isAdminHubAppList(window.location.href)) {
        noted = true;
        console.info(ADMIN_HUB_NOTE);
      }
    };
    check();
    ctx.addEventListener(window, 'wxt:locationchange', check);
  },
});
