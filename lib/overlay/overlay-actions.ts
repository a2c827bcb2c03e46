import type { RowActions } from '../../components/overlay/row-overlay';
import type { AppKey, SiteHost } from '../domain/identifiers';
import type { Reply } from '../domain/reply';
import type { SiteView } from '../domain/site-view';
import { askBackground } from '../messaging/ask-background';

/** The overlay's commands, each through the background; a site view it answers is shown at once. */
export function createOverlayActions(host: SiteHost, show: (view: SiteView) => void) {
  const command = async (reply: Promise<Reply<SiteView>>): Promise<Reply<SiteView>> => {
    const answer = await reply;
    if (answer.ok) show(answer.data);
    return answer;
  };

  const row: RowActions = {
    setLicense: (appKey, state) => command(askBackground({ type: 'site.setLicense', host, appKey, state })),
    applyToken: (appKey, tokenId) => command(askBackground({ type: 'site.applyToken', host, appKey, tokenId })),
    createAndApply: (appKey) => command(askBackground({ type: 'site.createAndApplyToken', host, appKey })),
    clearToken: (appKey) => command(askBackground({ type: 'site.clearToken', host, appKey })),
    loadTokens: (appKey) => askBackground({ type: 'site.appTokens', host, appKey }),
    tokenUrl: (appKey, tokenId) => askBackground({ type: 'site.tokenUrl', host, appKey, tokenId }),
    openApplyPage: (appKey) => askBackground({ type: 'site.openApplyPage', host, appKey }),
  };

  return {
    row,
    openInstallPage: () => askBackground({ type: 'site.openInstallPage', host }),
    installWithToken: (appKey: AppKey, tokenId: string) =>
      command(askBackground({ type: 'site.installWithToken', host, appKey, tokenId })),
    loadInstallable: () => askBackground({ type: 'site.installable', host }),
    loadTokens: (appKey: AppKey) => askBackground({ type: 'site.appTokens', host, appKey }),
    settings: () => askBackground({ type: 'site.settings', host }),
    enablePrivateListings: () => askBackground({ type: 'site.enablePrivateListings', host }),
  };
}
