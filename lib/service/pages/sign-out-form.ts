import { html } from 'hono/html';

export function signOutForm(csrf: string) {
  return html`<form method="post" action="/sign-out" class="tl-inline-form">
    <input type="hidden" name="csrf" value="${csrf}" />
    <button type="submit" class="aui-button aui-button-link">Sign out</button>
  </form>`;
}
