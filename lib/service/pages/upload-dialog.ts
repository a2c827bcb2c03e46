import { html } from 'hono/html';
import type { Flash } from './flash';

/**
 * The *Upload app* dialog (`#upm-upload` opens `#upm-upload-dialog`): one URL field for a token
 * URL. It opens by itself, with the refusal in words, when the last upload was refused.
 */
export function uploadDialog(options: { base: string; csrf: string; flash: Flash | undefined }) {
  const error = options.flash?.place === 'upload' && options.flash.kind === 'error' ? options.flash.text : undefined;
  return html`<dialog id="upm-upload-dialog" class="upm-dialog" aria-labelledby="upm-upload-title"${error ? ' open data-autoshow' : ''}>
    <form method="post" action="${options.base}/upload">
      <input type="hidden" name="csrf" value="${options.csrf}" />
      <h3 id="upm-upload-title">Upload app</h3>
      ${error ? html`<p class="tl-error" role="alert">${error}</p>` : ''}
      <label for="upm-upload-url">App descriptor URL</label>
      <input id="upm-upload-url" name="url" type="url" required maxlength="4096" autocomplete="off" spellcheck="false"
        placeholder="https://…/atlassian-connect.json?access-token=mat_…" aria-describedby="upm-upload-help" />
      <p id="upm-upload-help" class="tl-muted">Paste a token URL: the app's descriptor URL with its access token.</p>
      <div class="upm-dialog-buttons">
        <button type="submit" class="aui-button aui-button-primary">Upload</button>
        <a href="${options.base}" class="aui-button aui-button-link" data-close-dialog>Cancel</a>
      </div>
    </form>
  </dialog>`;
}

/** The product's confirmation after an install (`#upm-plugin-status-dialog`), shown once after success. */
export function installStatusDialog(options: { base: string; flash: Flash | undefined }) {
  const { flash } = options;
  if (flash?.place !== 'installed' || flash.kind !== 'done') return '';
  return html`<dialog id="upm-plugin-status-dialog" class="upm-dialog" aria-labelledby="upm-plugin-status-title" open data-autoshow>
    <div role="status">
      <h3 id="upm-plugin-status-title">Installed and ready to go!</h3>
      <p>${flash.text}</p>
    </div>
    <div class="upm-dialog-buttons">
      <a href="${options.base}" class="aui-button aui-button-primary" data-close-dialog>Close</a>
    </div>
  </dialog>`;
}
