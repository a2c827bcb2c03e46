// First: the mark of when the script began (benchmarks), then zod must be jitless before any schema exists.
import '../../lib/overlay/mark-injected';
import '../../lib/domain/zod-jitless';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { takeEarlyAnswer } from '../../lib/overlay/early-question';
import { startOverlay } from '../../lib/overlay/overlay-controller';
import { MANAGE_APPS_MATCHES } from '../../lib/page/manage-apps-matches';
import { recognizeManageAppsUrl } from '../../lib/page/manage-apps-url';

export default defineContentScript({
  matches: MANAGE_APPS_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    // UPM switches views without reloading: start again when the page leaves for another site or
    // page, or when it replaces its app list; rows that come and go within a list need no restart.
    let current: { controller: AbortController; host: string } | undefined;
    const start = (force = false) => {
      const location = recognizeManageAppsUrl(window.location.href);
      if (!force && current && location?.host === current.host) return;
      current?.controller.abort();
      current = undefined;
      if (!location || ctx.signal.aborted) return;
      const controller = new AbortController();
      current = { controller, host: location.host };
      void startOverlay({
        location,
        doc: document,
        timers: ctx,
        signal: AbortSignal.any([ctx.signal, controller.signal]),
        onListReplaced: () => start(true),
        // The snapshot the early script asked for while the page loaded: for the first start only.
        early: takeEarlyAnswer(location.host),
      });
    };
    start();
    ctx.addEventListener(window, 'wxt:locationchange', () => start());
  },
});
