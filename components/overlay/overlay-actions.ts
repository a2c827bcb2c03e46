import type { SiteView } from '../../lib/domain/site-view';
import { askBackground } from '../../lib/messaging/ask-background';
import type { Reply } from '../../lib/messaging/protocol';
import type { RowActions } from './row-overlay';

/** The overlay's commands, each through the background; a site view it answers is shown at once. */
export function createOverlayActions(host: string, show: (view: SiteView) => void) {
  const command = async (reply: Promise<Reply<SiteView>>): Promise<string | null> => {
    const answer = await reply;
    if (!answer.ok) return answer.error.message;
    show(answer.data);
    return null;
  };

  const row: RowActions = {
    setLicense: (appKey, state) => command(askBackground({ type: 'site.setLicense', host, appKey, state })),
    applyToken: (appKey, tokenId) => command(askBackground({ type: 'site.applyToken', host, appKey, tokenId })),
    createAndApply: (appKey) => command(askBackground({ type: 'site.createAndApplyToken', host, appKey })),
    clearToken: (appKey) => command(askBackground({ type: 'site.clearToken', host, appKey })),
    async loadTokens(appKey) {
      const reply = await askBackground({ type: 'site.appTokens', host, appKey });
      return reply.ok ? reply.data : reply.error.message;
    },
    async tokenUrl(appKey, tokenId) {
      const reply = await askBackground({ type: 'site.tokenUrl', host, appKey, tokenId });
      return reply.ok ? reply.data : { error: reply.error.message };
    },
  };

  return {
    row,
    async openInstallPage(): Promise<string | null> {
      const reply = await askBackground({ type: 'site.openInstallPage', host });
      return reply.ok ? null : reply.error.message;
    },
    installWithToken: (appKey: string, tokenId: string) =>
      command(askBackground({ type: 'site.installWithToken', host, appKey, tokenId })),
    async loadInstallable() {
      const reply = await askBackground({ type: 'site.installable', host });
      return reply.ok ? reply.data.apps : reply.error.message;
    },
    async loadUsableTokens(appKey: string) {
      const reply = await askBackground({ type: 'site.appTokens', host, appKey });
      if (!reply.ok) return reply.error.message;
      return reply.data.tokens.filter((token) => token.placement === 'unbound' || token.placement === 'here');
    },
    async settings(): Promise<boolean | undefined> {
      const reply = await askBackground({ type: 'site.settings', host });
      return reply.ok ? reply.data.privateListingsEnabled : undefined;
    },
    async enablePrivateListings(): Promise<{ enabled: boolean } | { error: string }> {
      const reply = await askBackground({ type: 'site.enablePrivateListings', host });
      return reply.ok ? { enabled: reply.data.privateListingsEnabled } : { error: reply.error.message };
    },
  };
}
export type OverlayActions = ReturnType<typeof createOverlayActions>;
