import { html } from 'hono/html';
import type { SiteRecord } from '../store/sites-repository';

/** The product's key for this setting is not public (PAGES.md); adapters find the checkbox by its label. */
export const PRIVATE_LISTINGS_CHECKBOX_ID = 'upm-checkbox-privateListingsEnabled';

/**
 * The *Settings* dialog, opened by `#link-bar-settings a`. Without our script the link's fragment
 * shows it (CSS `:target`); with it, it is a modal `<dialog>`.
 */
export function settingsDialog(options: { site: SiteRecord; base: string; csrf: string }) {
  return html`<dialog id="upm-settings-dialog" class="upm-dialog" aria-labelledby="upm-settings-title">
    <form method="post" action="${options.base}/settings">
      <input type="hidden" name="csrf" value="${options.csrf}" />
      <h3 id="upm-settings-title">Settings</h3>
      <div class="tl-checkbox">
        <input type="checkbox" class="checkbox" id="${PRIVATE_LISTINGS_CHECKBOX_ID}" name="privateListingsEnabled" value="true" aria-describedby="tl-private-listings-help"${options.site.privateListingsEnabled ? ' checked' : ''} />
        <label for="${PRIVATE_LISTINGS_CHECKBOX_ID}">Enable private listings</label>
      </div>
      <p id="tl-private-listings-help" class="tl-muted">
        Lets this site install apps from token URLs and apply access tokens.
      </p>
      <div class="upm-dialog-buttons">
        <button type="submit" class="aui-button aui-button-primary confirm">Apply</button>
        <a href="${options.base}" class="aui-button aui-button-link" data-close-dialog>Cancel</a>
      </div>
    </form>
  </dialog>`;
}

/** The toolbar's note on the setting; the page's script replaces it when another client changes it. */
export function privateListingsNote(site: SiteRecord) {
  return html`<span id="tl-private-listings-state" class="tl-muted">Private listings ${site.privateListingsEnabled ? 'enabled' : 'disabled'}</span>`;
}
